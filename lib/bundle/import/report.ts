/** What an import tells the admin: the report every step adds to, and the error that refuses the upload. */
import { AppError, type FieldIssue } from "../../core/errors";

export interface ImportDiagnostic {
  level: "error" | "warning" | "info";
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

export interface ImportReport {
  /** Files that were read, with the number of keys each one set. */
  read: { file: string; keys: number }[];
  /** Keys that became console settings. */
  settings: { key: string; label: string; source: string }[];
  /** Keys no form field shows (edited in All settings), and why. */
  other: { key: string; source: string; reason: string }[];
  /** Everything not carried over, and why. */
  ignored: { item: string; reason: string }[];
  /** Parser findings with positions. */
  diagnostics: ImportDiagnostic[];
}

/** Import refused: bad archive entries, unreadable files, or syntax errors the server would fail on. */
/** The upload cannot become a draft; `report` says what was read up to then. */
export class ImportError extends AppError {
  constructor(
    message: string,
    issues: FieldIssue[],
    readonly report?: ImportReport,
  ) {
    super("unprocessable", message, issues, report ? { report } : {});
    this.name = "ImportError";
  }
}
