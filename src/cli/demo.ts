import { join } from "node:path";
import { packageRoot } from "../core/paths.js";
import type { ArticleRecord, Span, TextSpan } from "../core/types.js";
import { ingestPaths } from "../service.js";
import { defaultDbLocation } from "../store/index.js";
import type { StoredArticle } from "../store/port.js";
import { foldName } from "../text/fold.js";
import { command, ellipsis, err, out, printJson, side } from "./util.js";

export const summary = "analyse the bundled example articles into the database and print what was found";

const SNIPPET = 80;
const MAX_ITEMS = 12;

/** The evidence: the span's words, on one line, ellipsised. */
const ev = (s: TextSpan | null | undefined) => (s ? `“${ellipsis(s.text, SNIPPET)}”` : "");

/** A window of ~80 characters of the span's line around it, cut at word boundaries, with "…" where cut. */
function around(text: string, s: Span): string {
  const lineStart = text.lastIndexOf("\n", s.start - 1) + 1;
  let lineEnd = text.indexOf("\n", s.end);
  if (lineEnd < 0) lineEnd = text.length;
  // context before the span only when the span leaves room for it
  let start = s.end - s.start > SNIPPET - 24 ? s.start : Math.max(lineStart, s.start - 20);
  if (start > lineStart) {
    const sp = text.indexOf(" ", start);
    start = sp >= 0 && sp < s.start ? sp + 1 : s.start;
  }
  let end = Math.min(lineEnd, Math.max(s.end, start + SNIPPET - 2));
  if (end < lineEnd) {
    const sp = text.lastIndexOf(" ", end);
    if (sp >= s.end) end = sp;
  }
  const words = ellipsis(text.slice(start, end).replace(/[\s,;:]+$/, ""), SNIPPET - 2);
  return `${start > lineStart ? "…" : ""}${words}${end < lineEnd && !words.endsWith("…") ? "…" : ""}`;
}

function more(shown: number, total: number, cmd: string): void {
  if (total > shown) out(`  … and ${total - shown} more (npx eventwire ${cmd})`);
}

export async function run(argv: string[]): Promise<number> {
  return command(argv, { usage: "eventwire demo [--db PATH] [--json]", store: "write" }, async (ctx) => {
    const dir = join(packageRoot(), "examples");
    const ids: string[] = [];
    const counts = await ingestPaths(ctx.store, [dir], {
      onError: (e) => err(`error: ${e.message}`),
      onArticle: (id, result) => {
        if (result !== "failed") ids.push(id);
      },
    });
    const stored: StoredArticle[] = [];
    for (const id of ids) {
      const a = await ctx.store.getArticle(id);
      if (a) stored.push(a);
    }
    stored.sort((a, b) => (a.article.published ?? "").localeCompare(b.article.published ?? "") || a.article.id.localeCompare(b.article.id));
    const storyIds = [...new Set(stored.map((s) => s.article.story).filter((s): s is string => s != null))];
    const stories = (await Promise.all(storyIds.map((id) => ctx.store.getStory(id)))).filter((s) => s != null);
    if (ctx.json) {
      printJson({ db: ctx.dbLocation, counts, articles: stored.map((s) => s.record), stories });
      return counts.failed > 0 ? 1 : 0;
    }

    out(`eventwire demo: ${counts.read} example articles from ${dir}`);
    out(`stored in ${ctx.dbLocation}: ${counts.inserted} new, ${counts.unchanged} already there${counts.failed ? `, ${counts.failed} failed` : ""}`);

    out(`\nARTICLES (${stored.length})`);
    for (const s of stored) {
      const title = s.article.title ?? s.text.split("\n", 1)[0] ?? s.article.id;
      const date = s.article.published ? `${s.article.published}${s.article.published_inferred ? " (inferred)" : ""}` : "date unknown";
      out(`  ${date.padEnd(21)} ${ellipsis(title, 90)}`);
      out(`  ${"".padEnd(21)} id ${s.article.id}, ${s.text.length} characters`);
    }

    out(`\nSTORIES (${stories.length})`);
    for (const st of stories) out(`  ${st.id}: ${ellipsis(st.title, 70)} (${st.article_count} article${st.article_count === 1 ? "" : "s"}, ${st.first_date ?? "?"} … ${st.last_date ?? "?"})`);

    // persons across the example articles, merged by folded name
    const persons = new Map<string, { name: string; role: string | null; country: string | null; evidence: string | null; articles: Set<string> }>();
    for (const s of stored) {
      for (const p of s.record.persons) {
        const k = foldName(p.name);
        const cur = persons.get(k) ?? { name: p.name, role: null, country: null, evidence: null, articles: new Set<string>() };
        cur.role ??= p.role;
        cur.country ??= p.country;
        const ev0 = p.role_evidence ?? p.mentions[0] ?? null;
        cur.evidence ??= ev0 ? around(s.text, ev0) : null;
        cur.articles.add(s.article.id);
        persons.set(k, cur);
      }
    }
    const personList = [...persons.values()].sort((a, b) => b.articles.size - a.articles.size || a.name.localeCompare(b.name));
    out(`\nPERSONS (${personList.length})`);
    for (const p of personList.slice(0, MAX_ITEMS)) {
      const what = [p.role, p.country].filter(Boolean).join(", ");
      out(`  ${p.name}${what ? ` — ${what}` : ""}`);
      if (p.evidence) out(`      “${p.evidence}”`);
    }
    more(MAX_ITEMS, personList.length, "persons");

    const all = <T>(f: (r: ArticleRecord) => T[]) => stored.flatMap((s) => f(s.record));
    const events = all((r) => r.events);
    out(`\nEVENTS (${events.length})`);
    for (const e of events.slice(0, MAX_ITEMS)) {
      out(`  ${(e.date ?? "date ?").padEnd(10)} ${e.type}${e.mode ? `/${e.mode}` : ""}: ${side(e.source)} → ${side(e.target)}`);
      out(`      ${ev(e.span)}`);
    }
    more(MAX_ITEMS, events.length, "events");

    const figures = all((r) => r.figures);
    out(`\nFIGURES (${figures.length})`);
    for (const f of figures.slice(0, MAX_ITEMS)) {
      const q = f.qualifier && f.qualifier !== "exactly" ? `${f.qualifier} ` : "";
      out(`  ${f.category.padEnd(9)} ${q}${f.value.toLocaleString("en-US")} ${f.unit}: ${f.what}${f.attributed_to ? ` (per ${f.attributed_to})` : ""}`);
      out(`      ${ev(f.span)}`);
    }
    more(MAX_ITEMS, figures.length, "figures");

    const quotes = all((r) => r.quotes);
    out(`\nQUOTES (${quotes.length})`);
    for (const q of quotes.slice(0, MAX_ITEMS)) {
      out(`  ${q.speaker ?? "(speaker unknown)"}, ${q.direct ? "direct" : "reported"}:`);
      out(`      ${ev(q.span)}`);
    }
    more(MAX_ITEMS, quotes.length, "quotes");

    const dbArg = ctx.dbLocation === defaultDbLocation() ? "" : ` --db ${JSON.stringify(ctx.dbLocation)}`;
    out(`\nOpen the web app: run  npx eventwire serve${dbArg}  and open http://127.0.0.1:8080/`);
    out("\nExplore further:");
    out("  npx eventwire events");
    out("  npx eventwire search <words>");
    out("  npx eventwire serve  (web app)");
    return counts.failed > 0 ? 1 : 0;
  });
}
