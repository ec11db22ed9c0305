/**
 * Export formats. Each format is one file in this folder exporting `format: ExportFormat`, and
 * one line in FORMATS below; `eventwire export --format NAME` finds it here. To add a format
 * (e.g. plover, cameo): write `./plover.ts` with `export const format: ExportFormat = {…}` and add
 * `plover: () => import("./plover.js"),` to FORMATS.
 */
import type { ExportKind, Store } from "../port.js";

export interface ExportFormat {
  name: string;
  description: string;
  /** the kinds of rows this format can write (null: any kind) */
  kinds: readonly ExportKind[] | null;
  /** the kind used when --kind is not given */
  defaultKind: ExportKind;
  /** Writes every row of `kind` through `write`; returns the number of rows written. */
  run(store: Store, kind: ExportKind, write: (chunk: string) => Promise<void>): Promise<number>;
}

export const FORMATS: Record<string, () => Promise<{ format: ExportFormat }>> = {
  jsonl: () => import("./jsonl.js"),
  csv: () => import("./csv.js"),
  plover: () => import("../export-plover.js"),
  cameo: () => import("../export-cameo.js"),
};

export async function getFormat(name: string): Promise<ExportFormat | null> {
  const load = FORMATS[name.toLowerCase()];
  return load ? (await load()).format : null;
}
