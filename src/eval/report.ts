/** Human-readable rendering of a scoring Report. */
import type { Acc, PRF, Report } from "./score.js";

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const delta = (now: number | null, before: number | null | undefined) => {
  if (now === null || before === null || before === undefined) return "";
  const d = 100 * (now - before);
  return Math.abs(d) < 0.05 ? "   (=)" : `   (${d > 0 ? "+" : ""}${d.toFixed(1)})`;
};
const prfLine = (label: string, m: PRF, b?: PRF) =>
  `${label.padEnd(30)} P ${pct(m.p)}  R ${pct(m.r)}  F1 ${pct(m.f1)}   (tp ${m.tp}, pred ${m.pred}, gold ${m.gold})${b ? delta(m.f1, b.f1) : ""}`;
const accLine = (label: string, a: Acc, b?: Acc) =>
  `${label.padEnd(30)} ${a.acc === null ? "  n/a" : pct(a.acc)}            (${a.correct}/${a.total})${b ? delta(a.acc, b.acc) : ""}`;

type Line = [label: string, get: (r: Report) => PRF | Acc];
/** The overall lines of the table, in order. */
const LINES: Line[] = [
  ["persons", (r) => r.persons],
  ["  role accuracy", (r) => r.persons.role],
  ["  country accuracy", (r) => r.persons.country],
  ["persons (no bylines)", (r) => r.personsNoByline],
  ["  role accuracy", (r) => r.personsNoByline.role],
  ["  country accuracy", (r) => r.personsNoByline.country],
  ["events (with date)", (r) => r.events],
  ["events (ignoring date)", (r) => r.eventsNoDate],
  ["  date accuracy", (r) => r.eventDate],
  ["CONSULT (with date)", (r) => r.consult],
  ["  CONSULT mode accuracy", (r) => r.consultMode],
  ["figures", (r) => r.figures],
  ["  qualifier accuracy", (r) => r.figures.qualifier],
  ["  attribution accuracy", (r) => r.figures.attribution],
  ["quotes", (r) => r.quotes],
  ["  direct", (r) => r.quotesDirect],
  ["  reported", (r) => r.quotesReported],
  ["stories (pairwise)", (r) => r.stories],
  ["published", (r) => r.published],
];

/**
 * `only`: restrict the verbose miss/false-positive lines to some kinds
 * (person, role, country, event, figure, quote, published; "figure" also keeps figure qualifier/attribution lines).
 * `before`: an earlier report (eval --json output); each line then shows the change of its F1 / accuracy.
 */
export function renderReport(r: Report, opts: { verbose?: boolean; only?: string[]; before?: Report } = {}): string {
  const keep = (line: string) => !opts.only?.length || opts.only.some((k) => line.startsWith(k));
  const out: string[] = [];
  out.push(`eventwire eval: ${r.articles} articles${opts.before ? ` (changes against an earlier run of ${opts.before.articles})` : ""}`, "");
  for (const [label, get] of LINES) {
    const m = get(r);
    let b: PRF | Acc | undefined;
    try {
      b = opts.before ? get(opts.before) : undefined;
    } catch {
      b = undefined;
    }
    out.push("f1" in m ? prfLine(label, m, b as PRF | undefined) : accLine(label, m, b as Acc | undefined));
  }
  out.push("", "events by type          with date: P     R    F1 | ignoring date: P     R    F1 | pred gold");
  for (const [t, m] of Object.entries(r.eventTypes)) {
    const b = opts.before?.eventTypes?.[t];
    out.push(
      `  ${t.padEnd(22)} ${pct(m.withDate.p)} ${pct(m.withDate.r)} ${pct(m.withDate.f1)} |        ${pct(m.noDate.p)} ${pct(m.noDate.r)} ${pct(m.noDate.f1)} | ${String(m.withDate.pred).padStart(4)} ${String(m.withDate.gold).padStart(4)}${b ? delta(m.withDate.f1, b.withDate.f1) : ""}`,
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
