import { command, out, printJson } from "./util.js";

export const summary = "full-text search over articles (accents and case ignored; \"a phrase\", prefix*)";

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    { usage: "eventwire search <words…> [--limit N] [--offset N] [--json] [--db PATH]", store: "read", positionals: { min: 1, max: Infinity, name: "search words" } },
    async (ctx) => {
      const hits = await ctx.store.search(ctx.positionals.join(" "), { limit: ctx.page.limit ?? 20, offset: ctx.page.offset });
      if (ctx.json) {
        printJson(hits);
        return 0;
      }
      if (!hits.length) {
        out("(nothing found)");
        return 0;
      }
      for (const h of hits) {
        out(`${(h.published ?? "no date").padEnd(10)}  ${h.article}  ${h.title ?? h.lead}`);
        out(`    ${highlight(h.snippet.text, h.snippet.start, h.hits)}`);
      }
      return 0;
    },
  );
}

/** The snippet with its hits in [brackets] (bold on a terminal). */
function highlight(text: string, offset: number, hits: Array<{ start: number; end: number }>): string {
  const tty = process.stdout.isTTY === true;
  const [open, close] = tty ? ["\x1b[1m", "\x1b[22m"] : ["[", "]"];
  let outText = "";
  let at = 0;
  for (const h of hits) {
    const s = h.start - offset;
    const e = h.end - offset;
    if (s < at || e > text.length) continue;
    outText += text.slice(at, s) + open + text.slice(s, e) + close;
    at = e;
  }
  return (outText + text.slice(at)).replace(/\s+/g, " ");
}
