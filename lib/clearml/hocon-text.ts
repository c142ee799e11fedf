/**
 * A value kept as HOCON text (`{ "$hocon": "…" }` in a document) is written into its file verbatim, so it must be
 * exactly one value there: nothing that closes its object, adds keys beside it, or includes a file.
 */
import { everyVariable, parseHocon, parseHoconValue } from "../hocon/parse";
import { toJsonAsWritten } from "../hocon/tree";
import { HoconBudgetError } from "../hocon/types";
import { holdsSecret, secretLeaves } from "./keys";
import { isHoconTextValue, settingLeaves } from "./settings-tree";

/** Every `${NAME}` resolves (to an empty string): the text's own substitutions are the server's to resolve. */
const ANY_ENV = everyVariable(() => "");

/**
 * Why the server would not read `text` as one value at its key, or null when it does. A text that would blow up the
 * resolver throws HoconBudgetError (a 422, as anywhere else).
 */
export function hoconTextProblem(text: string, path: readonly string[] = ["v"]): string | null {
  if (text.trim() === "") return "The HOCON text is empty";
  let included = false;
  try {
    // at its own key, so substitutions of its own keys resolve as they will in the file
    const open = path.slice(0, -1).map((k) => `${JSON.stringify(k)} {\n`).join("");
    const parsed = parseHocon(`${open}${JSON.stringify(path[path.length - 1])}: ${text}\n${"}\n".repeat(path.length - 1)}`, {
      mode: "pyhocon",
      env: ANY_ENV,
      crossCheck: false,
      resolveInclude: () => {
        included = true;
        return null;
      },
    });
    if (included) return "An include is not kept in a value: the server would read a file of its container into the settings";
    let node: unknown = parsed.value;
    for (const k of path) {
      const keys = node && typeof node === "object" ? Object.keys(node) : [];
      if (keys.length !== 1 || keys[0] !== k) return "The HOCON text must hold one value: it sets other keys beside its own";
      node = (node as Record<string, unknown>)[k];
    }
    return null;
  } catch (e) {
    if (e instanceof HoconBudgetError) throw e;
    return included
      ? "An include is not kept in a value: the server would read a file of its container into the settings"
      : `The HOCON text does not read as one value: ${(e as Error).message.replace(/^\d+:\d+: /, "")}`;
  }
}

/** The secret values inside the settings' HOCON texts (see holdsSecret), for masking and file modes. */
export function hoconTextSecrets(settings: unknown): string[] {
  const out = new Set<string>();
  for (const [path, value] of settingLeaves(settings)) {
    if (!isHoconTextValue(value)) continue;
    try {
      const v = parseHoconValue(value.$hocon);
      if (v !== undefined) secretLeaves(path, toJsonAsWritten(v), out);
    } catch {
      if (holdsSecret(path)) out.add(value.$hocon); // render refuses it; mask what it holds anyway
    }
  }
  return [...out];
}
