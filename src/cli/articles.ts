import { command, printListing, str } from "./util.js";

export const summary = "list stored articles (--outlet, --story, --from/--to DATE)";

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    {
      usage: "eventwire articles [--outlet NAME] [--story ID] [--from DATE] [--to DATE] [--limit N] [--offset N] [--json] [--db PATH]",
      options: { outlet: { type: "string" }, story: { type: "string" } },
      store: "read",
    },
    async (ctx) => {
      const rows = await ctx.store.listArticles({ ...ctx.page, ...ctx.range, outlet: str(ctx.values, "outlet"), story: str(ctx.values, "story") });
      printListing(ctx, rows, ["published", "id", "title", "outlet", "story"], (a) => [
        a.published ? a.published + (a.published_inferred ? "~" : "") : "",
        a.id,
        a.title ?? a.lead,
        a.outlet ?? "",
        a.story ?? "",
      ], [11, 28, 60, 20, 30]);
      return 0;
    },
  );
}
