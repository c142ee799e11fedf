"use client";

import { usePathname } from "next/navigation";
import type { FormHTMLAttributes } from "react";

/** What a form may choose: everything except where and how the browser itself would send it. */
export type FormProps = Omit<FormHTMLAttributes<HTMLFormElement>, "method" | "action" | "encType" | "target">;

/**
 * The app's only form element (tests/security/form-primitive.test.ts fails on any other). Every form submits
 * through its `onSubmit` with fetch; this covers the submit the browser makes on its own, before React has
 * hydrated or with JavaScript off. The default would be a GET that puts every field, passwords included,
 * into the URL, the history and proxy logs. Here it is always a url-encoded POST to the page itself:
 * Next.js renders the page again for a POST without a Next-Action header and never reads such a body
 * (a multipart body would be parsed as a server action, so `encType` cannot be set), and the proxy's
 * sign-in redirect (307) keeps it a POST. Buttons must not override this with formMethod / formAction.
 */
export function Form({ children, ...props }: FormProps) {
  const pathname = usePathname();
  return (
    <form {...props} method="post" action={pathname}>
      {children}
      <noscript>
        <p className="text-sm text-amber-800 dark:text-amber-300">
          This form needs JavaScript. Without it, sending the form only reloads this page and changes nothing.
        </p>
      </noscript>
    </form>
  );
}
