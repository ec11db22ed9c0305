import { command, err, out, printJson, side, table } from "./util.js";

export const summary = "one story: its articles, events, figures and quotes";

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    { usage: "eventwire story <id> [--json] [--db PATH]", store: "read", positionals: { min: 1, max: 1, name: "a story id" } },
    async (ctx) => {
      const id = ctx.positionals[0]!;
      const s = await ctx.store.getStory(id);
      if (!s) {
        if (ctx.json) printJson(null);
        err(`eventwire: no story "${id}" in ${ctx.dbLocation} (see: eventwire stories)`);
        return 1;
      }
      const [events, figures, quotes] = await Promise.all([
        ctx.store.listEvents({ story: id, limit: 1000 }),
        ctx.store.listFigures({ story: id, limit: 1000 }),
        ctx.store.listQuotes({ story: id, limit: 1000 }),
      ]);
      if (ctx.json) {
        printJson({ ...s, events, figures, quotes });
        return 0;
      }
      out(`${s.title}`);
      out(`story ${s.id}: ${s.article_count} article${s.article_count === 1 ? "" : "s"}, ${s.first_date ?? "?"} … ${s.last_date ?? "?"}`);
      if (s.actors.length) out(`key actors: ${s.actors.join(", ")}`);
      if (s.summary) out(`summary: ${s.summary}`);
      out("\narticles");
      out(table(["published", "id", "title", "outlet"], s.articles.map((a) => [a.published ?? "", a.id, a.title ?? a.lead, a.outlet ?? ""]), [10, 28, 60, 20]));
      if (events.length) {
        out("\nevents");
        out(table(["date", "type", "source", "target", "evidence"], events.map((e) => [e.date ?? "", e.type, side(e.source), side(e.target), e.span.text]), [10, 10, 28, 28, 60]));
      }
      if (figures.length) {
        out("\nfigures");
        out(table(["as of", "category", "value", "what", "evidence"], figures.map((f) => [f.as_of ?? "", f.category, f.value, f.what, f.span.text]), [10, 9, 12, 36, 60]));
      }
      if (quotes.length) {
        out("\nquotes");
        out(table(["speaker", "words"], quotes.map((q) => [q.speaker ?? "(unknown)", q.span.text]), [28, 100]));
      }
      return 0;
    },
  );
}
