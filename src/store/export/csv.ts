import type { FlatRow } from "../port.js";
import type { ExportFormat } from "./index.js";

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(v: FlatRow[string]): string {
  if (v == null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Comma-separated values with a header line, CRLF line ends (RFC 4180). */
export const format: ExportFormat = {
  name: "csv",
  description: "comma-separated values with a header line",
  kinds: null,
  defaultKind: "events",
  async run(store, kind, write) {
    let cols: string[] | null = null;
    let n = 0;
    for await (const row of store.exportRows(kind)) {
      if (!cols) {
        cols = Object.keys(row);
        await write(cols.map(csvField).join(",") + "\r\n");
      }
      await write(cols.map((c) => csvField(row[c] ?? null)).join(",") + "\r\n");
      n++;
    }
    return n;
  },
};
