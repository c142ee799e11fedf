"use client";

import type { UseFormReturn } from "react-hook-form";
import type { DraftDetails } from "@/lib/drafts/schema";
import { Field, inputClass } from "@/components/ui/field";
import { Form } from "@/components/ui/form";

/** The draft's name and description; submitting it (Enter, or the save bar's Save) saves the whole draft. */
export function DraftDetailsForm({
  id,
  details,
  initial,
  onSave,
}: {
  id: string;
  details: UseFormReturn<DraftDetails>;
  initial: DraftDetails;
  onSave: () => void;
}) {
  return (
    <Form
      id={id}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      className="grid grid-cols-1 gap-3 xl:grid-cols-2"
      aria-label="Draft details"
    >
      <Field id="draft-name" label="Draft name" error={details.formState.errors.name?.message}>
        {(aria) => <input {...aria} {...details.register("name")} defaultValue={initial.name} className={inputClass} />}
      </Field>
      <Field
        id="draft-description"
        label="Description"
        help="A note for other admins: what this configuration is for."
        error={details.formState.errors.description?.message}
      >
        {(aria) => <textarea {...aria} {...details.register("description")} defaultValue={initial.description} rows={1} className={inputClass} />}
      </Field>
    </Form>
  );
}
