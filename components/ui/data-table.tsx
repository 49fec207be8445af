import type { ReactNode } from "react";

/**
 * A plain data table in a horizontally scrollable region. With `labelledBy` the region is focusable
 * and named, so keyboard users can scroll a table wider than the screen. Columns listed in
 * `secondary` are marked `col-secondary`, which presentation mode hides.
 */
export function DataTable({
  labelledBy,
  headers,
  secondary = [],
  children,
}: {
  labelledBy?: string;
  headers: ReactNode[];
  secondary?: number[];
  children: ReactNode;
}) {
  const region = labelledBy ? { tabIndex: 0, role: "region", "aria-labelledby": labelledBy } : {};
  return (
    <div className="overflow-x-auto" {...region}>
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-muted">
            {headers.map((header, index) => (
              <th
                key={index}
                scope="col"
                className={`px-1.5 py-1 font-semibold${secondary.includes(index) ? " col-secondary" : ""}`}
              >
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
