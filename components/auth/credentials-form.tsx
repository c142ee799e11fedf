"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type Path } from "react-hook-form";
import { callApi } from "@/lib/api/client";
import { loginBody, setupBody } from "@/lib/auth/schemas";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Form } from "@/components/ui/form";

type Fields = { username: string; password: string; setupToken?: string };

/** The sign-in and first-admin setup forms: same fields, different endpoint and schema. */
const kinds = {
  login: { schema: loginBody, endpoint: "/api/auth/login", submitLabel: "Sign in", passwordHelp: undefined },
  setup: {
    schema: setupBody,
    endpoint: "/api/auth/setup",
    submitLabel: "Create admin and sign in",
    passwordHelp: "At least 12 characters, at most 72 bytes.",
  },
} as const;

/** `next`: where to go once signed in, a same-origin path the page has already checked (lib/auth/next-path.ts). */
export function CredentialsForm({ kind, next }: { kind: keyof typeof kinds; next?: string }) {
  const { schema, endpoint, submitLabel, passwordHelp } = kinds[kind];
  const withSetupToken = kind === "setup";
  const router = useRouter();
  const [error, setError] = useState<string>();
  const form = useForm<Fields>({
    resolver: zodResolver(schema),
    defaultValues: { username: "", password: "", ...(withSetupToken ? { setupToken: "" } : {}) },
  });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    const result = await callApi(endpoint, { method: "POST", body: values });
    if (result.ok) {
      router.replace(next ?? "/drafts");
      router.refresh();
      return;
    }
    let shownAtField = false;
    for (const issue of result.issues) {
      if (!(issue.path in values)) continue;
      form.setError(issue.path as Path<Fields>, { message: issue.message });
      shownAtField ||= issue.message === result.error;
    }
    // "Wrong username or password" comes as the error and as the password's issue: say it once, at the field.
    setError(shownAtField ? undefined : result.error);
  });
  return (
    <Form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {withSetupToken && (
        <Field
          id="setupToken"
          label="Setup token"
          help="Printed in the console's server log at first start."
          error={errors.setupToken?.message}
        >
          {(aria) => <input {...aria} {...form.register("setupToken")} className={inputClass} autoComplete="off" />}
        </Field>
      )}
      <Field id="username" label="Username" error={errors.username?.message}>
        {(aria) => <input {...aria} {...form.register("username")} className={inputClass} autoComplete="username" />}
      </Field>
      <Field id="password" label="Password" help={passwordHelp} error={errors.password?.message}>
        {(aria) => (
          <input
            {...aria}
            {...form.register("password")}
            type="password"
            className={inputClass}
            autoComplete={withSetupToken ? "new-password" : "current-password"}
          />
        )}
      </Field>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={form.formState.isSubmitting}>
        {submitLabel}
      </Button>
    </Form>
  );
}
