import type { ReactNode } from "react";

/**
 * A data table with a caption for screen readers and a header row. A column named "" is an
 * actions column: its header is read as "Actions".
 */
export function Table({
  caption,
  columns,
  className = "w-full",
  children,
}: {
  caption: string;
  columns: string[];
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={`border-collapse text-left text-sm ${className}`}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300 dark:border-slate-600">
          {columns.map((column, i) => (
            <th key={i} scope="col" className="py-2 pr-3">
              {column || <span className="sr-only">Actions</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

export const rowClass = "border-b border-slate-200 dark:border-slate-700";
