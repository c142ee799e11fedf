"use client";

import { useRouter } from "next/navigation";
import { callApi } from "@/lib/api/client";
import { UNSAVED_PREFIX } from "@/lib/editor/unsaved";
import { Button } from "@/components/ui/button";
import { confirmLeaving } from "@/components/ui/leave-guard";

export function SignOutButton() {
  const router = useRouter();
  return (
    <Button
      variant="ghost"
      onClick={async () => {
        // Unsaved edits in the editor: ask first; signing out drops them and the tab's stored copies.
        if (!(await confirmLeaving())) return;
        for (const key of Object.keys(window.sessionStorage)) if (key.startsWith(UNSAVED_PREFIX)) window.sessionStorage.removeItem(key);
        await callApi("/api/auth/logout", { method: "POST" });
        router.replace("/login");
        router.refresh();
      }}
    >
      Sign out
    </Button>
  );
}
