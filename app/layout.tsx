import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { THEME_COOKIE } from "@/components/ui/theme";
import { HydrationMark } from "@/components/ui/hydration-mark";
import { ThemeSync } from "@/components/ui/theme-toggle";
import "./globals.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "ClearML Config Console",
  description: "Configure a self-hosted ClearML Server and export files it reads exactly as intended.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = (await cookies()).get(THEME_COOKIE)?.value;
  return (
    <html lang="en" className={theme === "dark" || theme === "light" ? theme : undefined} suppressHydrationWarning>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        <ThemeSync />
        <HydrationMark />
        {children}
      </body>
    </html>
  );
}
