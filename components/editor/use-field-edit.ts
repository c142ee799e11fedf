"use client";

import { useFormContext } from "react-hook-form";

const EDIT = { shouldDirty: true, shouldTouch: true, shouldValidate: true } as const;

/**
 * Writes a document field as an admin's edit (dirty, touched, validated). The editor's fields read the watched value
 * and are not controllers: a controller falls back to the draft's saved value for an unset field (and writes it back
 * when it registers), so a Reset showed the saved value and undid itself when the area was opened again.
 */
export function useFieldEdit(): (name: string, value: unknown) => void {
  const { setValue } = useFormContext();
  return (name, value) => setValue(name, value, EDIT);
}
