import { command, printListing, str } from "./util.js";

export const summary = "list persons (registry actors: name variants merged) with their latest role and country";

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    {
      usage: "eventwire persons [--story ID] [--outlet NAME] [--from DATE] [--to DATE] [--limit N] [--offset N] [--json] [--db PATH]",
      options: { outlet: { type: "string" }, story: { type: "string" } },
      store: "read",
    },
    async (ctx) => {
      const rows = await ctx.store.listActors({ ...ctx.page, ...ctx.range, outlet: str(ctx.values, "outlet"), story: str(ctx.values, "story") });
      printListing(ctx, rows, ["name", "role", "country", "articles", "first seen", "last seen"], (p) => [
        p.name, p.role ?? "", p.country ?? "", p.articles, p.first_seen ?? "", p.last_seen ?? "",
      ], [30, 40, 7, 8, 10, 10]);
      return 0;
    },
  );
}
