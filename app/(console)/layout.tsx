import Link from "next/link";
import type { ReactNode } from "react";
import { requireActor } from "@/app/_server/actor";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { ThemeToggle } from "@/components/ui/theme-toggle";

export const dynamic = "force-dynamic";

const links = [
  { href: "/drafts", label: "Drafts" },
  { href: "/import", label: "Import" },
  { href: "/users", label: "Admins" },
  { href: "/tokens", label: "API tokens" },
  { href: "/audit", label: "Audit log" },
];

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <>
      <header className="flex h-12 items-center gap-6 border-b border-slate-200 px-5 dark:border-slate-700">
        <Link href="/drafts" className="font-semibold">
          ClearML Config Console
        </Link>
        <nav aria-label="Main" className="flex gap-4">
          {links.map((link) => (
            <Link key={link.href} href={link.href} className="text-sm hover:underline">
              {link.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <ThemeToggle />
          <span>
            Signed in as <strong>{actor.username}</strong>
          </span>
          <SignOutButton />
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}
