import { command, printListing, str } from "./util.js";

export const summary = "list quotes (--speaker NAME, --story ID)";

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    {
      usage: "eventwire quotes [--speaker NAME] [--story ID] [--article ID] [--outlet NAME] [--from DATE] [--to DATE] [--limit N] [--offset N] [--json] [--db PATH]",
      options: { speaker: { type: "string" }, story: { type: "string" }, article: { type: "string" }, outlet: { type: "string" } },
      store: "read",
    },
    async (ctx) => {
      const rows = await ctx.store.listQuotes({
        ...ctx.page, ...ctx.range, speaker: str(ctx.values, "speaker"), story: str(ctx.values, "story"), article: str(ctx.values, "article"), outlet: str(ctx.values, "outlet"),
      });
      printListing(ctx, rows, ["published", "speaker", "", "words", "article"], (q) => [
        q.published ?? "", q.speaker ?? "(unknown)", q.direct ? "direct" : "reported", q.span.text, q.article,
      ], [10, 28, 8, 90, 28]);
      return 0;
    },
  );
}
