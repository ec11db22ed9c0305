import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { EXPORT_KINDS, type ExportKind } from "../store/port.js";
import { FORMATS, getFormat } from "../store/export/index.js";
import { command, err, str, UsageError } from "./util.js";

export const summary = `export rows as ${Object.keys(FORMATS).join(" | ")} (--kind ${EXPORT_KINDS.join("|")}, --out FILE)`;

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    {
      usage: `eventwire export --format ${Object.keys(FORMATS).join("|")} [--kind ${EXPORT_KINDS.join("|")}] [--out FILE] [--db PATH]`,
      options: { format: { type: "string" }, kind: { type: "string" }, out: { type: "string", short: "o" } },
      store: "read",
    },
    async (ctx) => {
      const name = str(ctx.values, "format") ?? "jsonl";
      const format = await getFormat(name);
      if (!format) throw new UsageError(`unknown format "${name}" (known: ${Object.keys(FORMATS).join(", ")})`);
      const kind = (str(ctx.values, "kind") ?? format.defaultKind) as ExportKind;
      if (!EXPORT_KINDS.includes(kind)) throw new UsageError(`unknown kind "${kind}" (known: ${EXPORT_KINDS.join(", ")})`);
      if (format.kinds && !format.kinds.includes(kind)) throw new UsageError(`format ${format.name} cannot export ${kind} (only ${format.kinds.join(", ")})`);
      const file = str(ctx.values, "out");
      const stream: Writable = file ? createWriteStream(file) : process.stdout;
      const write = (chunk: string) =>
        new Promise<void>((resolve, reject) => {
          if (stream === process.stdout) {
            // stdout: honour back-pressure without waiting on a callback that tests may not call
            if (process.stdout.write(chunk)) resolve();
            else process.stdout.once("drain", resolve);
            return;
          }
          stream.write(chunk, (e) => (e ? reject(e) : resolve()));
        });
      const n = await format.run(ctx.store, kind, write);
      if (file) {
        await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
        err(`exported ${n} ${kind} rows as ${format.name} to ${file}`);
      }
      return 0;
    },
  );
}
