import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "ClearML Config Console",
  description: "Configure a self-hosted ClearML Server and export files it reads exactly as intended.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        <header className="flex h-12 items-center gap-6 border-b border-slate-200 px-5 dark:border-slate-700">
          <Link href="/drafts" className="font-semibold">
            ClearML Config Console
          </Link>
          <nav aria-label="Main">
            <Link href="/drafts" className="text-sm hover:underline">
              Drafts
            </Link>
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
