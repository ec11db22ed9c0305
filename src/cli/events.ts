import { PLOVER_TYPES } from "../core/types.js";
import { command, printListing, side, str, UsageError } from "./util.js";

export const summary = "list events (--type T, --actor CODE/GROUP, --person NAME, --story ID, --from/--to DATE)";

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    {
      usage: "eventwire events [--type T] [--actor X] [--person NAME] [--story ID] [--article ID] [--outlet NAME] [--from DATE] [--to DATE] [--limit N] [--offset N] [--json] [--db PATH]",
      options: { type: { type: "string" }, actor: { type: "string" }, person: { type: "string" }, story: { type: "string" }, article: { type: "string" }, outlet: { type: "string" } },
      store: "read",
    },
    async (ctx) => {
      const type = str(ctx.values, "type")?.toUpperCase();
      if (type && !(PLOVER_TYPES as readonly string[]).includes(type)) throw new UsageError(`--type: "${type}" is not a PLOVER type (${PLOVER_TYPES.join(" ")})`);
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
