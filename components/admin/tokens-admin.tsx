"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { callApi } from "@/lib/api/client";
import { tokenBody } from "@/lib/auth/schemas";
import type { TokenSummary } from "@/lib/auth/tokens";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { Table, rowClass } from "@/components/ui/table";
import { Form } from "@/components/ui/form";

export function TokensAdmin({ tokens }: { tokens: TokenSummary[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const [message, setMessage] = useState<string>();
  const form = useForm<z.infer<typeof tokenBody>>({ resolver: zodResolver(tokenBody), defaultValues: { name: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await callApi<TokenSummary & { token: string }>("/api/tokens", { method: "POST", body: values });
    if (!result.ok) return form.setError("name", { message: result.issues[0]?.message ?? result.error });
    form.reset();
    setCreated(result.data.token);
    router.refresh();
  });
  return (
    <div className="flex flex-col gap-6">
      <Form onSubmit={onSubmit} className="flex items-start gap-3" aria-label="Create an API token" noValidate>
        <Field id="token-name" label="Token name" help="What uses it, e.g. “CI export job”." error={form.formState.errors.name?.message}>
          {(aria) => <input {...aria} {...form.register("name")} className={inputClass} />}
        </Field>
        <Button type="submit" variant="primary" className="mt-6">
          Create token
        </Button>
      </Form>
      {created && (
        <div role="status" className="max-w-2xl rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950">
          <p className="font-semibold">Copy this token now: it is shown only once.</p>
          <code className="mt-1 block break-all font-mono">{created}</code>
          <p className="mt-1">Send it as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
        </div>
      )}
      <p role="status" aria-live="polite" className="min-h-5 text-sm">
        {message}
      </p>
      <Table caption="API tokens" columns={["Name", "Starts with", "Owner", "Last used", "State", ""]}>
          {tokens.map((token) => (
            <tr key={token.id} className={rowClass}>
              <td className="py-2">{token.name}</td>
              <td className="font-mono">{token.prefix}…</td>
              <td>{token.username}</td>
              <td>{token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleString() : "never"}</td>
              <td>{token.revokedAt ? "revoked" : "active"}</td>
              <td className="text-right">
                {!token.revokedAt && (
                  <Button
                    variant="ghost"
                    aria-label={`Revoke ${token.name}`}
                    onClick={async () => {
                      const result = await callApi(`/api/tokens/${token.id}`, { method: "DELETE" });
                      setMessage(result.ok ? `Revoked ${token.name}.` : result.error);
                      router.refresh();
                    }}
                  >
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </Table>
    </div>
  );
}
