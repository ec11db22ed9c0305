import { command, printListing, str } from "./util.js";

export const summary = "list figures: casualties, displaced, aid, troops, money (--category C, --story ID)";

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    {
      usage: "eventwire figures [--category killed|injured|displaced|aid|troops|money|other] [--story ID] [--article ID] [--outlet NAME] [--what WORDS] [--from DATE] [--to DATE] [--limit N] [--offset N] [--json] [--db PATH]",
      options: { category: { type: "string" }, story: { type: "string" }, article: { type: "string" }, outlet: { type: "string" }, what: { type: "string" } },
      store: "read",
    },
    async (ctx) => {
      const rows = await ctx.store.listFigures({
        ...ctx.page, ...ctx.range, category: str(ctx.values, "category"), story: str(ctx.values, "story"), article: str(ctx.values, "article"), outlet: str(ctx.values, "outlet"), what: str(ctx.values, "what"),
      });
      printListing(ctx, rows, ["as of", "category", "value", "what", "source", "evidence"], (f) => [
        f.as_of ?? f.published ?? "",
        f.category,
        `${f.qualifier !== "exactly" ? f.qualifier + " " : ""}${f.value.toLocaleString("en-US")}${f.value_max ? `–${f.value_max.toLocaleString("en-US")}` : ""}`,
        f.what,
        f.attributed_to ?? "",
        f.span.text,
      ], [10, 9, 24, 36, 24, 60]);
      return 0;
    },
  );
}
