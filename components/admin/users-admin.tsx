"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { callApi } from "@/lib/api/client";
import { changePasswordBody, newUserBody } from "@/lib/auth/schemas";
import type { UserSummary } from "@/lib/auth/users";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";
import { Table, rowClass } from "@/components/ui/table";
import { Form } from "@/components/ui/form";

type NewUser = z.infer<typeof newUserBody>;
type ChangePassword = z.infer<typeof changePasswordBody>;

function AddAdminForm({ onDone }: { onDone: (message: string) => void }) {
  const form = useForm<NewUser>({ resolver: zodResolver(newUserBody), defaultValues: { username: "", password: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await callApi<UserSummary>("/api/users", { method: "POST", body: values });
    if (result.ok) {
      form.reset();
      return onDone(`Added ${result.data.username}.`);
    }
    for (const issue of result.issues) {
      if (issue.path === "username" || issue.path === "password") form.setError(issue.path, { message: issue.message });
    }
    if (!result.issues.length) onDone(result.error);
  });
  return (
    <Form onSubmit={onSubmit} className="flex flex-wrap items-start gap-3" aria-label="Add an admin" noValidate>
      <Field id="new-username" label="Username" error={form.formState.errors.username?.message}>
        {(aria) => <input {...aria} {...form.register("username")} className={inputClass} autoComplete="off" />}
      </Field>
      <Field id="new-password" label="Password" help="At least 12 characters." error={form.formState.errors.password?.message}>
        {(aria) => <input {...aria} {...form.register("password")} type="password" className={inputClass} autoComplete="new-password" />}
      </Field>
      <Button type="submit" variant="primary" className="mt-6">
        Add admin
      </Button>
    </Form>
  );
}

function ChangePasswordForm({ onDone }: { onDone: (message: string) => void }) {
  const form = useForm<ChangePassword>({
    resolver: zodResolver(changePasswordBody),
    defaultValues: { currentPassword: "", newPassword: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await callApi("/api/account/password", { method: "PUT", body: values });
    if (result.ok) {
      form.reset();
      return onDone("Your password was changed. Your other sessions were signed out.");
    }
    for (const issue of result.issues) {
      if (issue.path === "currentPassword" || issue.path === "newPassword") form.setError(issue.path, { message: issue.message });
    }
    if (!result.issues.length) onDone(result.error);
  });
  return (
    <Form onSubmit={onSubmit} className="flex flex-wrap items-start gap-3" aria-label="Change your password" noValidate>
      <Field id="current-password" label="Current password" error={form.formState.errors.currentPassword?.message}>
        {(aria) => (
          <input {...aria} {...form.register("currentPassword")} type="password" className={inputClass} autoComplete="current-password" />
        )}
      </Field>
      <Field id="changed-password" label="New password" error={form.formState.errors.newPassword?.message}>
        {(aria) => <input {...aria} {...form.register("newPassword")} type="password" className={inputClass} autoComplete="new-password" />}
      </Field>
      <Button type="submit" variant="primary" className="mt-6">
        Change password
      </Button>
    </Form>
  );
}

export function UsersAdmin({ users, me }: { users: UserSummary[]; me: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const [removing, setRemoving] = useState<UserSummary | null>(null);
  const done = (text: string) => {
    setMessage(text);
    router.refresh();
  };
  return (
    <div className="flex flex-col gap-8">
      <p role="status" aria-live="polite" className="min-h-5 text-sm">
        {message}
      </p>
      <Table caption="Console admins" columns={["Username", "Added", ""]} className="w-full max-w-2xl">
          {users.map((user) => (
            <tr key={user.id} className={rowClass}>
              <td className="py-2">
                {user.username}
                {user.username === me && " (you)"}
              </td>
              <td>{new Date(user.createdAt).toLocaleString()}</td>
              <td className="text-right">
                <Button variant="ghost" onClick={() => setRemoving(user)} aria-label={`Remove ${user.username}`}>
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Add an admin</h2>
        <AddAdminForm onDone={done} />
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Change your password</h2>
        <ChangePasswordForm onDone={done} />
      </section>
      <ConfirmDialog
        open={removing !== null}
        title="Remove this admin?"
        message={`${removing?.username ?? ""} will no longer be able to sign in to the console.`}
        confirmLabel="Remove admin"
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          const user = removing;
          setRemoving(null);
          if (!user) return;
          const result = await callApi(`/api/users/${user.id}`, { method: "DELETE" });
          done(result.ok ? `Removed ${user.username}.` : result.error);
        }}
      />
    </div>
  );
}
