import { BATCH_SIZE, DocMemo } from "./core/docmemo.js";
import { checkPipeline, runPipeline, type Stage } from "./core/pipeline.js";
import { withText } from "./core/span.js";
import type { AnalyzeOptions, Article, ArticleRecord, ConsultMode, Doc } from "./core/types.js";
import { entitiesStage } from "./extract/entities/index.js";
import { eventsStage } from "./extract/events/index.js";
import { figuresStage } from "./extract/figures/index.js";
import { quotesStage } from "./extract/quotes/index.js";
import { textStage } from "./extract/text.js";
import { timeStage } from "./extract/time/index.js";

/** The per-article pipeline, in order: each stage declares what it requires and provides. */
export const STAGES: readonly Stage[] = [textStage, entitiesStage, timeStage, figuresStage, quotesStage, eventsStage];
checkPipeline(STAGES);

export function newDoc(article: Article): Doc {
  return {
    article,
    text: article.text,
    sentences: [],
    tokens: [],
    mentions: [],
    persons: [],
    organizations: [],
    places: [],
    published: { value: null, inferred: false, evidence: null, rule: "none" },
    times: [],
    figures: [],
    quotes: [],
    events: [],
    story: null,
  };
}

/** Runs the whole per-article pipeline. */
export function analyze(article: Article, options: AnalyzeOptions = {}): Doc {
  const doc = runPipeline(STAGES, newDoc(article), options);
  release();
  return doc;
}

/** The stages' memos by doc are let go when an analysis is done: they would keep its docs alive. */
function release(): void {
  DocMemo.releaseAll();
}

export { BATCH_SIZE };

/** An article analysed in a batch: its doc, or the error its analysis threw. */
export type BatchResult = { doc: Doc; error?: undefined } | { doc?: undefined; error: Error };

/**
 * The per-article pipeline over several articles, stage by stage: every article through one
 * stage, then every one through the next. Each doc is the one `analyze` gives (a stage reads only
 * its doc and what it memoises by doc), but a stage's tables, lexicons and code stay in the CPU's
 * caches across the batch instead of being pushed out by the other stages between two articles:
 * at BATCH_SIZE, about a quarter less time per article (bench/README.md). An article whose
 * analysis throws gets its error and skips the later stages; the others go on. With `stageMs`,
 * each stage's wall time over the batch is added to stageMs[stage name] (the bench's breakdown).
 */
export function analyzeBatch(articles: readonly Article[], options: AnalyzeOptions = {}, stageMs?: Record<string, number>): BatchResult[] {
  const docs = articles.map(newDoc);
  const errors: Array<Error | undefined> = new Array<Error | undefined>(docs.length).fill(undefined);
  for (const s of STAGES) {
    const t0 = stageMs ? performance.now() : 0;
    for (let i = 0; i < docs.length; i++) {
      if (errors[i]) continue;
      try {
        s.run(docs[i]!, options);
      } catch (e) {
        errors[i] = e instanceof Error ? e : new Error(String(e));
      }
    }
    if (stageMs) stageMs[s.name] = (stageMs[s.name] ?? 0) + performance.now() - t0;
  }
  release();
  return docs.map((doc, i) => (errors[i] ? { error: errors[i]! } : { doc }));
}

/** The SCHEMA.md layout of an analysed article, with spans. */
export function toRecord(doc: Doc, opts: { includeText?: boolean } = {}): ArticleRecord {
  const t = doc.text;
  const ev = (s: { start: number; end: number } | null) => (s ? withText(t, s) : null);
  const rec: ArticleRecord = {
    id: doc.article.id,
    url: doc.article.url,
    outlet: doc.article.outlet,
    title: doc.article.title,
    published: doc.published.value,
    published_inferred: doc.published.inferred,
    published_evidence: ev(doc.published.evidence),
    published_rule: doc.published.rule,
    story: doc.story,
    persons: doc.persons.map((p) => ({
      name: p.name,
      aliases: p.aliases,
      role: p.role?.value ?? null,
      country: p.country?.value ?? null,
      role_inferred: p.role ? !p.role.stated : undefined,
      country_inferred: p.country ? !p.country.stated : undefined,
      role_evidence: ev(p.role?.evidence ?? null),
      country_evidence: ev(p.country?.evidence ?? null),
      mentions: p.mentions.map((m) => withText(t, m)),
    })),
    organizations: doc.organizations.map((o) => ({
      name: o.name,
      aliases: o.aliases,
      actor: o.actor,
      mentions: o.mentions.map((m) => withText(t, m)),
    })),
    places: doc.places.map((p) => ({
      name: p.name,
      country: p.country,
      lat: p.lat ?? null,
      lon: p.lon ?? null,
      mentions: p.mentions.map((m) => withText(t, m)),
    })),
    events: eventRecords(doc),
    figures: doc.figures.map((f) => {
      // every field but the span, in the figure's own order, then the evidence and the span
      const o = {} as Record<string, unknown>;
      for (const k in f) if (k !== "span") o[k] = f[k as keyof typeof f];
      const ev = t.slice(f.span.start, f.span.end);
      o.evidence = ev;
      o.span = { start: f.span.start, end: f.span.end, text: ev };
      return o as ArticleRecord["figures"][number];
    }),
    quotes: doc.quotes.map((q) => {
      const text = t.slice(q.span.start, q.span.end);
      return { speaker: q.speaker, direct: q.direct, text, span: { start: q.span.start, end: q.span.end, text }, rule: q.rule };
    }),
  };
  if (opts.includeText) rec.text = t;
  return rec;
}

/** The asserted, two-sided events of a Doc as records (one slice per event for evidence and span). */
function eventRecords(doc: Doc): ArticleRecord["events"] {
  const t = doc.text;
  const out: ArticleRecord["events"] = [];
  for (const e of doc.events) {
    if (e.realis !== "asserted" || e.partial) continue;
    const evidence = t.slice(e.span.start, e.span.end);
    const span = { start: e.span.start, end: e.span.end, text: evidence };
    // the same keys in the same order as before: mode only for CONSULT, mutual only when set
    if (e.type === "CONSULT") {
      const r: ArticleRecord["events"][number] = {
        type: e.type, mode: (e.mode ?? null) as ConsultMode, source: e.source, target: e.target, date: e.date, evidence, span, rule: e.rule, realis: e.realis,
      };
      if (e.mutual) r.mutual = true;
      out.push(r);
    } else {
      const r: ArticleRecord["events"][number] = { type: e.type, source: e.source, target: e.target, date: e.date, evidence, span, rule: e.rule, realis: e.realis };
      if (e.mutual) r.mutual = true;
      out.push(r);
    }
  }
  return out;
}
