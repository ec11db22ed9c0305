/**
 * Gold articles (../shared/corpus/SCHEMA.md): reading them from files, turning one into the
 * Article the pipeline reads, and into an ArticleRecord (for scoring gold against itself).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { Article, ArticleRecord, ConsultMode, FigureCategory, PloverType, Qualifier, Side } from "../core/types.js";

export interface GoldSide {
  person?: string | null;
  actor?: string | null;
  group?: string | null;
}

export interface GoldArticle {
  id: string;
  url?: string | null;
  outlet?: string | null;
  title?: string | null;
  published?: string | null;
  published_inferred?: boolean;
  text: string;
  story?: string | null;
  persons?: Array<{ name: string; aliases?: string[]; country?: string | null; role?: string | null }>;
  organizations?: Array<{ name: string; aliases?: string[] }>;
  places?: Array<{ name: string; country?: string | null }>;
  events?: Array<{
    type: string;
    mode?: string | null;
    source: GoldSide;
    target: GoldSide;
    date?: string | null;
    evidence?: string;
    mutual?: boolean;
  }>;
  figures?: Array<{
    what?: string;
    value: number;
    qualifier?: string | null;
    unit?: string;
    category: string;
    as_of?: string | null;
    attributed_to?: string | null;
    evidence?: string;
  }>;
  quotes?: Array<{ speaker: string | null; direct: boolean; text: string }>;
}

/** A gold article with where it was read from. */
export interface GoldEntry {
  gold: GoldArticle;
  origin: string;
}

function isGold(x: unknown): x is GoldArticle {
  if (!x || typeof x !== "object") return false;
  const o = x as Record<string, unknown>;
  return typeof o.id === "string" && typeof o.text === "string";
}

/**
 * Reads every gold object from the given files and directories (directories: every .json and
 * .jsonl directly inside, sorted by name). Throws on unreadable or malformed gold: a scorer must
 * not silently score half a corpus.
 */
export async function readGold(paths: string[]): Promise<GoldEntry[]> {
  const files: string[] = [];
  for (const p of paths) {
    const st = await stat(p);
    if (st.isDirectory()) {
      const names = (await readdir(p)).filter((n) => /\.(json|jsonl)$/i.test(n)).sort();
      for (const n of names) files.push(join(p, n));
    } else files.push(p);
  }
  const out: GoldEntry[] = [];
  for (const f of files) {
    const raw = await readFile(f, "utf8");
    if (extname(f).toLowerCase() === ".jsonl") {
      const lines = raw.split(/\r?\n/);
      lines.forEach((line, i) => {
        if (!line.trim()) return;
        let obj: unknown;
        try {
          obj = JSON.parse(line);
        } catch (e) {
          throw new Error(`${f}:${i + 1}: malformed JSON (${(e as Error).message})`);
        }
        if (!isGold(obj)) throw new Error(`${f}:${i + 1}: not a gold article (needs string "id" and "text")`);
        out.push({ gold: obj, origin: `${f}:${i + 1}` });
      });
    } else {
      let obj: unknown;
      try {
        obj = JSON.parse(raw);
      } catch (e) {
        throw new Error(`${f}: malformed JSON (${(e as Error).message})`);
      }
      if (Array.isArray(obj)) {
        obj.forEach((o, i) => {
          if (!isGold(o)) throw new Error(`${f}#${i}: not a gold article (needs string "id" and "text")`);
          out.push({ gold: o, origin: `${f}#${i}` });
        });
      } else if (isGold(obj)) out.push({ gold: obj, origin: f });
      else throw new Error(`${f}: not a gold article (needs string "id" and "text")`);
    }
  }
  return out;
}

/**
 * The Article the pipeline reads for a gold entry. The publication date is given as metadata only
 * when the gold took it from the page (published_inferred false), never when a reader inferred it
 * from the text, and never with noMetadataDates.
 */
export function goldToArticle(entry: GoldEntry, opts: { noMetadataDates?: boolean } = {}): Article {
  const g = entry.gold;
  const published = !opts.noMetadataDates && g.published && g.published_inferred !== true ? g.published : null;
  return {
    id: g.id,
    text: g.text,
    title: null,
    url: g.url ?? null,
    outlet: g.outlet ?? null,
    published,
    origin: entry.origin || basename(entry.origin),
  };
}

function spanOf(text: string, evidence: string | undefined) {
  const ev = evidence ?? "";
  const start = Math.max(0, text.indexOf(ev));
  return { start, end: start + ev.length, text: ev };
}

/** The gold annotations as an ArticleRecord, as if the pipeline had produced them (for self-scoring). */
export function goldToRecord(g: GoldArticle): ArticleRecord {
  const t = g.text;
  const side = (s: GoldSide): Side => ({ person: s.person ?? null, actor: s.actor ?? null, ...(s.group ? { group: s.group } : {}) });
  return {
    id: g.id,
    url: g.url ?? null,
    outlet: g.outlet ?? null,
    title: null,
    published: g.published ?? null,
    published_inferred: g.published_inferred ?? false,
    story: g.story ?? null,
    persons: (g.persons ?? []).map((p) => ({
      name: p.name,
      aliases: p.aliases ?? [],
      role: p.role ?? null,
      country: p.country ?? null,
      mentions: [],
    })),
    organizations: (g.organizations ?? []).map((o) => ({ name: o.name, aliases: o.aliases ?? [], actor: null, mentions: [] })),
    places: (g.places ?? []).map((p) => ({ name: p.name, country: p.country ?? null, mentions: [] })),
    events: (g.events ?? []).map((e) => {
      const span = spanOf(t, e.evidence);
      return {
        type: e.type as PloverType,
        ...(e.type === "CONSULT" ? { mode: (e.mode ?? null) as ConsultMode } : {}),
        source: side(e.source),
        target: side(e.target),
        date: e.date ?? null,
        evidence: span.text,
        span,
        rule: "gold",
        realis: "asserted" as const,
        ...(e.mutual ? { mutual: true } : {}),
      };
    }),
    figures: (g.figures ?? []).map((f) => {
      const span = spanOf(t, f.evidence);
      return {
        what: f.what ?? "",
        value: f.value,
        qualifier: (f.qualifier ?? "exactly") as Qualifier,
        unit: f.unit ?? "",
        category: f.category as FigureCategory,
        as_of: f.as_of ?? null,
        attributed_to: f.attributed_to ?? null,
        evidence: span.text,
        span,
        rule: "gold",
      };
    }),
    quotes: (g.quotes ?? []).map((q) => {
      const span = spanOf(t, q.text);
      return { speaker: q.speaker, direct: q.direct, text: q.text, span, rule: "gold" };
    }),
  };
}
