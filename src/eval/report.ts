/** Human-readable rendering of a scoring Report. */
import type { Acc, PRF, Report } from "./score.js";

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const prfLine = (label: string, m: PRF) =>
  `${label.padEnd(30)} P ${pct(m.p)}  R ${pct(m.r)}  F1 ${pct(m.f1)}   (tp ${m.tp}, pred ${m.pred}, gold ${m.gold})`;
const accLine = (label: string, a: Acc) => `${label.padEnd(30)} ${a.acc === null ? '  n/a' : pct(a.acc)}            (${a.correct}/${a.total})`;

/**
 * `only`: restrict the verbose miss/false-positive lines to some kinds
 * (person, role, country, event, figure, quote, published; "figure" also keeps figure qualifier/attribution lines).
 */
export function renderReport(r: Report, opts: { verbose?: boolean; only?: string[] } = {}): string {
  const keep = (line: string) => !opts.only?.length || opts.only.some((k) => line.startsWith(k));
  const out: string[] = [];
  out.push(`eventwire eval: ${r.articles} articles`, "");
  out.push(prfLine("persons", r.persons));
  out.push(accLine("  role accuracy", r.persons.role));
  out.push(accLine("  country accuracy", r.persons.country));
  out.push(prfLine("persons (no bylines)", r.personsNoByline));
  out.push(accLine("  role accuracy", r.personsNoByline.role));
  out.push(accLine("  country accuracy", r.personsNoByline.country));
  out.push(prfLine("events (with date)", r.events));
  out.push(prfLine("events (ignoring date)", r.eventsNoDate));
  out.push(accLine("  date accuracy", r.eventDate));
  out.push(prfLine("CONSULT (with date)", r.consult));
  out.push(accLine("  CONSULT mode accuracy", r.consultMode));
  out.push(prfLine("figures", r.figures));
  out.push(accLine("  qualifier accuracy", r.figures.qualifier));
  out.push(accLine("  attribution accuracy", r.figures.attribution));
  out.push(prfLine("quotes", r.quotes));
  out.push(prfLine("  direct", r.quotesDirect));
  out.push(prfLine("  reported", r.quotesReported));
  out.push(prfLine("stories (pairwise)", r.stories));
  out.push(accLine("published", r.published));
  out.push("", "events by type          with date: P     R    F1 | ignoring date: P     R    F1 | pred gold");
  for (const [t, m] of Object.entries(r.eventTypes)) {
    out.push(
      `  ${t.padEnd(22)} ${pct(m.withDate.p)} ${pct(m.withDate.r)} ${pct(m.withDate.f1)} |        ${pct(m.noDate.p)} ${pct(m.noDate.r)} ${pct(m.noDate.f1)} | ${String(m.withDate.pred).padStart(4)} ${String(m.withDate.gold).padStart(4)}`,
    );
  }
  if (opts.verbose) {
    const c = (x: { tp: number; pred: number; gold: number }) => `${x.tp}/${x.pred}/${x.gold}`.padStart(9);
    out.push("", "per article (tp/pred/gold)          persons    events   undated   figures    quotes");
    for (const a of r.perArticle) {
      out.push(
        `  ${a.id.slice(0, 32).padEnd(32)} ${c(a.persons)} ${c(a.events)} ${c({ tp: a.events.tpNoDate, pred: a.events.pred, gold: a.events.gold })} ${c(a.figures)} ${c(a.quotes)}`,
      );
    }
    for (const a of r.perArticle) {
      const misses = a.misses.filter(keep);
      const fps = a.falsePositives.filter(keep);
      if (!misses.length && !fps.length) continue;
      out.push("", `== ${a.id}`);
      for (const m of misses) out.push(`  - miss  ${m}`);
      for (const f of fps) out.push(`  + false ${f}`);
    }
  }
  return out.join("\n");
}
