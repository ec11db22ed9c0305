import { PLOVER_TYPES } from "../core/types.js";
import type { MergedEvent } from "../resolve/events.js";
import { command, printListing, side, str, UsageError } from "./util.js";

export const summary = "list events (--type T, --actor CODE/GROUP, --person NAME, --story ID, --from/--to DATE; --merged: one row per real event with its sources)";

/** "2022-02-26" or "2022-02-26 (disputed: 2022-02-27 ×1)" */
export function mergedDate(e: MergedEvent): string {
  if (!e.date) return "";
  if (!e.disputed) return e.date;
  return `${e.date} (disputed: ${e.dates.slice(1).map((d) => `${d.date} ×${d.sources}`).join(", ")})`;
}

/** The outlets of a merged event (an article without outlet by its id). */
export function mergedOutlets(e: MergedEvent): string {
  return [...new Set(e.mentions.map((m) => m.outlet ?? m.article))].join("; ");
}

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    {
      usage: "eventwire events [--merged [--min-sources N]] [--type T] [--actor X] [--person NAME] [--story ID] [--article ID] [--outlet NAME] [--from DATE] [--to DATE] [--limit N] [--offset N] [--json] [--db PATH]",
      options: { type: { type: "string" }, actor: { type: "string" }, person: { type: "string" }, story: { type: "string" }, article: { type: "string" }, outlet: { type: "string" }, merged: { type: "boolean" }, "min-sources": { type: "string" } },
      store: "read",
    },
    async (ctx) => {
      const type = str(ctx.values, "type")?.toUpperCase();
      if (type && !(PLOVER_TYPES as readonly string[]).includes(type)) throw new UsageError(`--type: "${type}" is not a PLOVER type (${PLOVER_TYPES.join(" ")})`);
      if (ctx.values.merged === true) {
        const min = str(ctx.values, "min-sources");
        if (min !== undefined && !/^\d+$/.test(min)) throw new UsageError(`--min-sources: "${min}" is not a number`);
        const merged = await ctx.store.listMergedEvents({
          ...ctx.page, ...ctx.range, type, min_sources: min ? Number(min) : undefined,
          actor: str(ctx.values, "actor"), person: str(ctx.values, "person"), story: str(ctx.values, "story"), article: str(ctx.values, "article"),
        });
        printListing(ctx, merged, ["date", "type", "source", "target", "src", "art", "sources", "id"], (e) => [
          mergedDate(e), e.type + (e.mode ? `/${e.mode}` : ""), side(e.source), side(e.target), e.sources, e.articles, mergedOutlets(e), e.id,
        ], [40, 20, 28, 28, 3, 3, 60, 40]);
        return 0;
      }
      const rows = await ctx.store.listEvents({
        ...ctx.page, ...ctx.range, type,
        actor: str(ctx.values, "actor"), person: str(ctx.values, "person"), story: str(ctx.values, "story"), article: str(ctx.values, "article"), outlet: str(ctx.values, "outlet"),
      });
      printListing(ctx, rows, ["date", "type", "source", "target", "evidence", "article"], (e) => [
        e.date ?? "", e.type + (e.mode ? `/${e.mode}` : ""), side(e.source), side(e.target), e.span.text, e.article,
      ], [10, 20, 28, 28, 60, 28]);
      return 0;
    },
  );
}
