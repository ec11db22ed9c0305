import type { FigureSeriesView } from "../resolve/figures.js";
import { command, printListing, str } from "./util.js";

export const summary = "list figures: casualties, displaced, aid, troops, money (--category C, --story ID; --series: one row per quantity over time)";

const num = (v: number) => v.toLocaleString("en-US");

/** "2022-02-28: 368,000 · 2022-03-01: more than 500,000 (2 sources)" */
export function seriesPoints(s: FigureSeriesView): string {
  return s.points.map((p) => `${p.as_of ?? "undated"}: ${p.qualifier !== "exactly" ? p.qualifier + " " : ""}${num(p.value)}${p.sources > 1 ? ` (${p.sources} sources)` : ""}`).join(" · ");
}

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    {
      usage: "eventwire figures [--series [--min-points N] [--contradicted]] [--category killed|injured|displaced|aid|troops|money|other] [--story ID] [--article ID] [--outlet NAME] [--what WORDS] [--from DATE] [--to DATE] [--limit N] [--offset N] [--json] [--db PATH]",
      options: { category: { type: "string" }, story: { type: "string" }, article: { type: "string" }, outlet: { type: "string" }, what: { type: "string" }, series: { type: "boolean" }, "min-points": { type: "string" }, contradicted: { type: "boolean" } },
      store: "read",
    },
    async (ctx) => {
      if (ctx.values.series === true) {
        const min = str(ctx.values, "min-points");
        const series = await ctx.store.listFigureSeries({
          ...ctx.page, category: str(ctx.values, "category"), what: str(ctx.values, "what"),
          min_points: min && /^\d+$/.test(min) ? Number(min) : undefined, contradicted: ctx.values.contradicted === true,
        });
        printListing(ctx, series, ["category", "what", "points", "!", "id"], (s) => [
          s.category, s.what, seriesPoints(s), s.contradictions.length ? `${s.contradictions.length} contradiction${s.contradictions.length > 1 ? "s" : ""}` : "", s.id,
        ], [9, 36, 90, 16, 40]);
        if (!ctx.json) for (const s of series) for (const c of s.contradictions) process.stdout.write(`  ! ${s.what}: ${c.why}\n`);
        return 0;
      }
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
