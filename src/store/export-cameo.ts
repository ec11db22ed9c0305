/**
 * `eventwire export --format cameo`: GDELT-style tab-separated rows, one per distinct event
 * (date, both actors, CAMEO code) across the store, with the CAMEO code, root code, quad class
 * and Goldstein value, how many mentions, sources (outlets) and articles report it, and the URL of
 * the first article. The PLOVER → CAMEO choice is data (data/events/cameo.json); the mapping and
 * its sources are described in docs/cameo-plover.md.
 */
import { readFileSync } from "node:fs";
import { dataPath } from "../core/paths.js";
import type { PloverType } from "../core/types.js";
import type { ExportFormat } from "./export/index.js";
import type { FlatRow, Store } from "./port.js";

/** The merged event (src/resolve/events.ts) a stored event belongs to: its id, best date and richest sides. */
export interface MergedRef {
  id: string;
  date: string | null;
  source: { person?: string | null; actor: string | null; group?: string | null };
  target: { person?: string | null; actor: string | null; group?: string | null };
}

export interface CameoCode {
  code: string;
  name: string;
  goldstein: number;
}

interface CameoTable {
  byType: Record<PloverType, CameoCode>;
  byMode: Record<string, CameoCode>;
  byEvidence: Array<CameoCode & { type: PloverType; match: string }>;
}

let table: { t: CameoTable; evidence: Array<{ type: PloverType; re: RegExp; code: CameoCode }> } | null = null;

function load() {
  if (table) return table;
  const t = JSON.parse(readFileSync(dataPath("events", "cameo.json"), "utf8")) as CameoTable;
  const evidence = t.byEvidence.map((e) => ({ type: e.type, re: new RegExp(e.match, "i"), code: { code: e.code, name: e.name, goldstein: e.goldstein } }));
  table = { t, evidence };
  return table;
}

/** The CAMEO code for one PLOVER event: by its words, else its CONSULT mode, else its type. */
export function cameoFor(type: PloverType, mode: string | null, evidence: string): CameoCode {
  const { t, evidence: ev } = load();
  for (const e of ev) if (e.type === type && e.re.test(evidence)) return e.code;
  if (type === "CONSULT" && mode && t.byMode[`CONSULT/${mode}`]) return t.byMode[`CONSULT/${mode}`]!;
  return t.byType[type];
}

/** GDELT's quad class of a CAMEO root: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export function quadClass(code: string): number {
  const root = Number(code.slice(0, 2));
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 13) return 3;
  return 4;
}

const ISO3 = /^[A-Z]{3}$/;

export const CAMEO_COLUMNS = [
  "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code", "Actor2Name", "Actor2CountryCode",
  "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
  "SOURCEURL", "PLOVER", "Mode",
] as const;

interface Agg {
  date: string;
  a1: string;
  n1: string;
  a2: string;
  n2: string;
  type: PloverType;
  mode: string | null;
  cameo: CameoCode;
  mentions: number;
  sources: Set<string>;
  articles: Set<string>;
  url: string;
}

function tsv(v: string | number): string {
  return String(v).replace(/[\t\r\n]+/g, " ");
}

function sideOf(r: FlatRow, p: "source" | "target"): { code: string; name: string } {
  const actor = (r[`${p}_actor`] as string | null) ?? "";
  const name = (r[`${p}_person`] as string | null) ?? (r[`${p}_group`] as string | null) ?? actor;
  return { code: actor, name };
}

const refSide = (x: MergedRef["source"]) => ({ code: x.actor ?? "", name: x.person ?? x.group ?? x.actor ?? "" });

/**
 * Builds the aggregated rows from flat event rows and article rows (url, outlet by id). With
 * `merged` (stored event `article#idx` → its merged event), one row per merged event: every
 * outlet's report of one event counts in NumMentions/NumSources/NumArticles of one row, and its
 * date is the best-supported one. Without it (or for an event in no merged event), rows are
 * grouped by identical date, actors and code.
 */
export function cameoRows(
  events: Iterable<FlatRow>, articles: ReadonlyMap<string, { url: string | null; outlet: string | null }>, merged?: ReadonlyMap<string, MergedRef>,
): string[][] {
  const agg = new Map<string, Agg>();
  for (const r of events) {
    if (r.realis && r.realis !== "asserted") continue;
    const type = r.type as PloverType;
    const mode = (r.mode as string | null) ?? null;
    const cameo = cameoFor(type, mode, String(r.evidence ?? ""));
    const ref = merged?.get(`${String(r.article)}#${String(r.idx)}`);
    const date = ((ref ? ref.date : null) ?? (r.date as string | null) ?? (r.published as string | null) ?? "").replace(/-/g, "");
    const s = ref ? refSide(ref.source) : sideOf(r, "source");
    const t = ref ? refSide(ref.target) : sideOf(r, "target");
    const key = ref ? `merged\u0001${ref.id}` : [date, s.code, s.name, t.code, t.name, cameo.code].join("\u0001");
    const art = String(r.article);
    const meta = articles.get(art);
    let a = agg.get(key);
    if (!a) {
      a = { date, a1: s.code, n1: s.name, a2: t.code, n2: t.name, type, mode, cameo, mentions: 0, sources: new Set(), articles: new Set(), url: meta?.url ?? "" };
      agg.set(key, a);
    }
    a.mentions++;
    a.articles.add(art);
    a.sources.add(meta?.outlet ?? art);
    if (!a.url && meta?.url) a.url = meta.url;
  }
  const out: string[][] = [];
  let id = 0;
  for (const a of agg.values()) {
    id++;
    out.push([
      String(id), a.date, a.a1, a.n1, ISO3.test(a.a1) ? a.a1 : "", a.a2, a.n2, ISO3.test(a.a2) ? a.a2 : "",
      a.cameo.code, a.cameo.code.slice(0, 3), a.cameo.code.slice(0, 2), String(quadClass(a.cameo.code)), a.cameo.goldstein.toFixed(1),
      String(a.mentions), String(a.sources.size), String(a.articles.size), a.url, a.type, a.mode ?? "",
    ].map(tsv));
  }
  return out;
}

export const format: ExportFormat = {
  name: "cameo",
  description: "GDELT-style tab-separated CAMEO event rows (codes, quad class, Goldstein, counts, source URL)",
  kinds: ["events"],
  defaultKind: "events",
  async run(store, _kind, write) {
    const articles = new Map<string, { url: string | null; outlet: string | null }>();
    for await (const a of store.exportRows("articles")) {
      articles.set(String(a.id), { url: (a.url as string | null) ?? null, outlet: (a.outlet as string | null) ?? null });
    }
    const events: FlatRow[] = [];
    for await (const r of store.exportRows("events")) events.push(r);
    await write(CAMEO_COLUMNS.join("\t") + "\n");
    const rows = cameoRows(events, articles, await mergedRefs(store));
    for (const row of rows) await write(row.join("\t") + "\n");
    return rows.length;
  },
};

/** Every stored event's merged event (read a page at a time). */
export async function mergedRefs(store: Store): Promise<Map<string, MergedRef>> {
  const out = new Map<string, MergedRef>();
  const PAGE = 10_000;
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listMergedEvents({ limit: PAGE, offset });
    for (const e of page) {
      const ref: MergedRef = { id: e.id, date: e.date, source: e.source, target: e.target };
      for (const m of e.mentions) out.set(`${m.article}#${m.idx}`, ref);
    }
    if (page.length < PAGE) break;
  }
  return out;
}
