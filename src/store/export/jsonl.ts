import type { ExportFormat } from "./index.js";

/** One JSON object per line, one line per row. */
export const format: ExportFormat = {
  name: "jsonl",
  description: "one JSON object per line",
  kinds: null,
  defaultKind: "events",
  async run(store, kind, write) {
    let n = 0;
    for await (const row of store.exportRows(kind)) {
      await write(JSON.stringify(row) + "\n");
      n++;
    }
    return n;
  },
};
