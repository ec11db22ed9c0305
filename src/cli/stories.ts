import { command, printListing } from "./util.js";

export const summary = "list stories, newest first, with their article counts";

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    { usage: "eventwire stories [--from DATE] [--to DATE] [--limit N] [--offset N] [--json] [--db PATH]", store: "read" },
    async (ctx) => {
      const rows = await ctx.store.listStories({ ...ctx.page, ...ctx.range });
      printListing(ctx, rows, ["last date", "articles", "outlets", "actors", "id", "title"], (s) => [
        s.last_date ?? "", s.article_count, s.outlets, s.actors.slice(0, 3).join(" "), s.id, s.title,
      ], [10, 8, 7, 14, 36, 70]);
      return 0;
    },
  );
}
