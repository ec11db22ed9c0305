import { command, ellipsis, err, out, printJson, side, table } from "./util.js";

export const summary = "one person: aliases, roles over time, articles, events and quotes";

export async function run(argv: string[]): Promise<number> {
  return command(
    argv,
    { usage: "eventwire person <name> [--json] [--db PATH]", store: "read", positionals: { min: 1, max: Infinity, name: "a name" } },
    async (ctx) => {
      const name = ctx.positionals.join(" ");
      const p = await ctx.store.getActor(name);
      if (!p) {
        if (ctx.json) printJson(null);
        err(`eventwire: no person "${name}" in ${ctx.dbLocation}`);
        return 1;
      }
      if (ctx.json) {
        printJson(p);
        return 0;
      }
      out(`${p.name}${p.aliases.length ? `  (also: ${p.aliases.join(", ")})` : ""}`);
      out(`${p.articles} article${p.articles === 1 ? "" : "s"}, seen ${p.first_seen ?? "?"} … ${p.last_seen ?? "?"}`);
      if (p.roles.length) {
        out("\nroles over time");
        out(table(["role", "country", "from", "to", "articles", "evidence"], p.roles.map((r) => [
          r.role ?? "", r.country ?? "", r.first_seen ?? "", r.last_seen ?? "", r.articles.join(" "),
          r.evidence ? `“${r.evidence.text}” [${r.evidence_article}]` : "",
        ]), [50, 7, 10, 10, 60, 60]));
      }
      out("\narticles");
      out(table(["published", "id", "title", "mentions"], p.appearances.map((a) => [a.published ?? "", a.article, a.title ?? "", a.mentions.length]), [10, 28, 60, 8]));
      if (p.events.length) {
        out("\nevents");
        out(table(["date", "type", "source", "target", "evidence"], p.events.map((e) => [e.date ?? "", e.type, side(e.source), side(e.target), e.span.text]), [10, 10, 28, 28, 60]));
      }
      if (p.quotes.length) {
        out("\nquotes");
        for (const q of p.quotes) out(`  ${q.published ?? ""}  ${q.direct ? "“" : ""}${ellipsis(q.span.text, 100)}${q.direct ? "”" : ""}  [${q.article}]`);
      }
      return 0;
    },
  );
}
