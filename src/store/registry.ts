/**
 * The actor registry in the store: the SQL both adapters share (dialect-neutral, `@name`
 * parameters, which the SQLite driver takes as they are and the PostgreSQL adapter rewrites to
 * `$n`), and the steps of saving an article's actors as a generator of statements, so that
 * SQLite runs them synchronously inside its transaction and PostgreSQL awaits them inside its
 * own. The decisions are src/resolve/actors.ts's; this file only reads and writes.
 *
 * Cost of one article: one lookup of the actors sharing a key with its persons, one check of
 * new ids when it creates actors, one upsert per actor touched, one insert of keys.
 */
import type { ArticleRecord, RegistrySource, TextSpan } from "../core/types.js";
import { foldName } from "../text/fold.js";
import {
  actorKey, lookupKeys, planActors, registryPersons, uniqueIds, type ActorCandidate, type ActorFact,
} from "../resolve/actors.js";
import { buildPersonDetail, type PersonAppearance } from "./person.js";
import type { ActorDetail, ActorSummary, EventRow, PersonFilter, QuoteRow, SaveArticleInput } from "./port.js";
import { ellipsis, mentionsFromJson, spanFromJson, type EventRowDb, type PersonRowDb, type QuoteRowDb } from "./rows.js";

export type Params = Record<string, string | number | null>;
/** One statement to run; `read` statements return rows (handed back to the generator). */
export interface Op {
  sql: string;
  params: Params;
  read: boolean;
}
/** Runs one reading statement (both adapters provide one, async). */
export type Reader = <T>(sql: string, params: Params) => Promise<T[]>;

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100_000;
/** a detail carries mention spans for this many latest appearances */
const PERSON_TEXTS = 200;
/** lookups take at most this many keys of each kind (an article of hundreds of names is cut) */
const MAX_KEYS = 200;

/** `@p0, @p1, …` for a list, with the values added to params. */
function inList(prefix: string, xs: readonly string[], params: Params): string {
  return xs.map((x, i) => {
    params[`${prefix}${i}`] = x;
    return `@${prefix}${i}`;
  }).join(", ");
}

interface CandidateRow {
  id: string; name: string; role: string | null; country: string | null; country_stated: number; articles: number | string;
  surname_only: number; ambiguous: number; kind: string; key: string;
}

/**
 * The actors sharing a key with these, in two indexed steps: their ids (one index range per
 * kind and key), then their rows and keys (by id). One joined query lets SQLite's planner scan.
 */
function* candidateOps(keys: { full: string[]; surnames: string[] }): Generator<Op, ActorCandidate[], unknown[]> {
  const full = keys.full.slice(0, MAX_KEYS);
  const surnames = keys.surnames.slice(0, MAX_KEYS);
  if (!full.length && !surnames.length) return [];
  const params: Params = {};
  const parts: string[] = [];
  if (full.length) parts.push(`SELECT actor_id FROM actor_keys WHERE kind = 'full' AND key IN (${inList("f", full, params)})`);
  if (surnames.length) parts.push(`SELECT actor_id FROM actor_keys WHERE kind = 'surname' AND key IN (${inList("s", surnames, params)})`);
  const ids = ((yield { sql: parts.join(" UNION "), params, read: true }) as Array<{ actor_id: string }>).map((r) => r.actor_id);
  if (!ids.length) return [];
  const p2: Params = {};
  const rows = (yield {
    sql: `SELECT a.id, a.name, a.role, a.country, a.country_stated, a.articles, a.surname_only, a.ambiguous, k.kind, k.key
      FROM actor_keys k JOIN actors a ON a.id = k.actor_id
      WHERE k.actor_id IN (${inList("a", ids.slice(0, 5 * MAX_KEYS), p2)})
      ORDER BY a.id, k.kind, k.key`,
    params: p2,
    read: true,
  }) as CandidateRow[];
  return candidatesFrom(rows);
}

function candidatesFrom(rows: readonly CandidateRow[]): ActorCandidate[] {
  const byId = new Map<string, ActorCandidate>();
  for (const r of rows) {
    let c = byId.get(r.id);
    if (!c) {
      c = {
        id: r.id, name: r.name, role: r.role, country: r.country, country_stated: r.country_stated === 1, articles: Number(r.articles),
        surname_only: r.surname_only === 1, ambiguous: r.ambiguous === 1, full: [], surnames: [],
      };
      byId.set(r.id, c);
    }
    if (r.kind === "full") c.full.push(r.key);
    else if (r.kind === "surname") c.surnames.push(r.key);
    else (c.names ??= []).push(r.key);
  }
  return [...byId.values()];
}

/** The actors sharing a key with these (the registry's lookup). */
export async function findActors(q: Reader, keys: { full: string[]; surnames: string[] }): Promise<ActorCandidate[]> {
  return runOps(candidateOps(keys), (op) => q(op.sql, op.params));
}

const NEWER = "(excluded.last_seen IS NOT NULL AND (actors.last_seen IS NULL OR excluded.last_seen >= actors.last_seen))";
/** a stated country replaces an inferred one, and a later stated one an earlier; an inferred one only fills or follows inferred ones */
const TAKE_COUNTRY = `excluded.country IS NOT NULL AND (actors.country IS NULL
  OR (excluded.country_stated = 1 AND (actors.country_stated = 0 OR ${NEWER}))
  OR (excluded.country_stated = 0 AND actors.country_stated = 0 AND ${NEWER}))`;
/** the actors touched by the article, one row each (VALUES tuples), in one statement */
const UPSERT_ACTORS = (tuples: string) => `INSERT INTO actors (id, name, role, country, country_stated, articles, first_seen, last_seen, surname_only, ambiguous)
  VALUES ${tuples}
  ON CONFLICT (id) DO UPDATE SET
    articles = actors.articles + 1,
    first_seen = CASE WHEN actors.first_seen IS NULL OR excluded.first_seen < actors.first_seen THEN excluded.first_seen ELSE actors.first_seen END,
    last_seen = CASE WHEN actors.last_seen IS NULL OR excluded.last_seen > actors.last_seen THEN excluded.last_seen ELSE actors.last_seen END,
    role = CASE WHEN excluded.role IS NOT NULL AND (${NEWER} OR actors.role IS NULL) THEN excluded.role ELSE actors.role END,
    country = CASE WHEN ${TAKE_COUNTRY} THEN excluded.country ELSE actors.country END,
    country_stated = CASE WHEN ${TAKE_COUNTRY} THEN excluded.country_stated ELSE actors.country_stated END,
    surname_only = CASE WHEN excluded.surname_only = 0 THEN 0 ELSE actors.surname_only END`;
const COUNT_NAMES = (tuples: string) => `INSERT INTO actor_names (actor_id, name, n) VALUES ${tuples}
  ON CONFLICT (actor_id, name) DO UPDATE SET n = actor_names.n + 1`;
/** the display name: the most frequent full form, the longer on a tie */
const SET_NAMES = (ids: string) => `UPDATE actors SET name = (SELECT x.name FROM actor_names x WHERE x.actor_id = actors.id
  ORDER BY x.n DESC, length(x.name) DESC, x.name LIMIT 1) WHERE id IN (${ids})`;

/**
 * The statements that file an article's persons in the registry, run inside the article's
 * transaction after its row is inserted and before its persons are: sets `actor_id` on each
 * person row. Drive it with runOpsSync (SQLite) or runOps (PostgreSQL).
 */
export function* registryOps(
  input: Pick<SaveArticleInput, "record">, persons: Array<Pick<PersonRowDb, "idx" | "actor_id">>, facts = true,
): Generator<Op, void, unknown[]> {
  const rp = registryPersons(input.record);
  if (!rp.length) return;
  const candidates = yield* candidateOps(lookupKeys(rp));
  const plan = planActors(rp, candidates);
  const created = plan.actors.filter((a) => a.created);
  if (created.length) {
    const params: Params = {};
    // the slug and its numbered forms (slug-2, …): one index lookup and one index range each
    const ors = created.map((a, i) => {
      params[`n${i}`] = a.id;
      params[`lo${i}`] = `${a.id}-`;
      params[`hi${i}`] = `${a.id}.`;
      return `SELECT id FROM actors WHERE id = @n${i} UNION SELECT id FROM actors WHERE id > @lo${i} AND id < @hi${i}`;
    });
    const taken = (yield { sql: ors.join(" UNION "), params, read: true }) as Array<{ id: string }>;
    uniqueIds(plan, new Set(taken.map((t) => t.id)));
  }
  for (const p of persons) p.actor_id = plan.assign.get(p.idx) ?? null;
  const published = input.record.published ?? null;
  // one statement per table, rows in one order for every writer (by id)
  const actors = [...plan.actors].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  if (actors.length) {
    const params: Params = { published };
    const tuples = actors.map((a, i) => {
      Object.assign(params, {
        [`id${i}`]: a.id, [`nm${i}`]: a.name, [`ro${i}`]: a.role, [`co${i}`]: a.country, [`cs${i}`]: a.country_stated ? 1 : 0,
        [`so${i}`]: a.surname_only ? 1 : 0, [`am${i}`]: a.ambiguous ? 1 : 0,
      });
      return `(@id${i}, @nm${i}, @ro${i}, @co${i}, @cs${i}, 1, @published, @published, @so${i}, @am${i})`;
    });
    yield { sql: UPSERT_ACTORS(tuples.join(", ")), params, read: false };
  }
  const named = actors.filter((a) => a.names.length);
  if (named.length) {
    const params: Params = {};
    const tuples: string[] = [];
    for (const a of named) {
      for (const name of a.names) {
        const i = tuples.length;
        params[`na${i}`] = a.id;
        params[`nn${i}`] = name;
        tuples.push(`(@na${i}, @nn${i}, 1)`);
      }
    }
    yield { sql: COUNT_NAMES(tuples.join(", ")), params, read: false };
    const ip: Params = {};
    yield { sql: SET_NAMES(inList("s", named.map((a) => a.id), ip)), params: ip, read: false };
  }
  const keys = plan.keys.slice(0, 2000);
  if (keys.length) {
    const params: Params = {};
    const tuples = keys.map((k, i) => {
      params[`k${i}`] = k.kind;
      params[`v${i}`] = k.key;
      params[`a${i}`] = k.actor_id;
      return `(@k${i}, @v${i}, @a${i})`;
    });
    yield { sql: `INSERT INTO actor_keys (kind, key, actor_id) VALUES ${tuples.join(", ")} ON CONFLICT DO NOTHING`, params, read: false };
  }
  // the stated roles / countries by date, for the cross-article inference
  const articleId = (input.record as { id?: string }).id;
  if (!facts || !published || !articleId) return;
  const params: Params = { actor_published: published, article: articleId };
  const tuples: string[] = [];
  input.record.persons.forEach((p, idx) => {
    const actor = plan.assign.get(idx);
    const role = p.role != null && !p.role_source && p.role_inferred !== true ? p.role : null;
    const country = p.country != null && !p.country_source && p.country_inferred !== true ? p.country : null;
    if (!actor || (role == null && country == null)) return;
    const i = tuples.length;
    Object.assign(params, {
      [`fa${i}`]: actor, [`fi${i}`]: idx, [`fr${i}`]: role, [`fc${i}`]: country,
      [`fre${i}`]: role != null && p.role_evidence ? JSON.stringify({ start: p.role_evidence.start, end: p.role_evidence.end }) : null,
      [`fce${i}`]: country != null && p.country_evidence ? JSON.stringify({ start: p.country_evidence.start, end: p.country_evidence.end }) : null,
    });
    tuples.push(`(@fa${i}, @actor_published, @article, @fi${i}, @fr${i}, @fc${i}, @fre${i}, @fce${i})`);
  });
  if (tuples.length) {
    yield {
      sql: `INSERT INTO actor_facts (actor_id, published, article_id, idx, role, country, role_evidence, country_evidence)
        VALUES ${tuples.join(", ")} ON CONFLICT DO NOTHING`,
      params,
      read: false,
    };
  }
}

/** Is any stored person without an actor? (an index probe) */
export const ANY_UNFILED = "SELECT 1 AS x FROM persons WHERE actor_id IS NULL LIMIT 1";

/** Articles whose persons have no actor yet (stored before migration 5), oldest first. */
export const UNFILED_ARTICLES = `SELECT a.id FROM articles a WHERE a.id IN (SELECT article_id FROM persons WHERE actor_id IS NULL)
  ORDER BY a.published IS NULL, a.published, a.id`;

/** Files the persons of one stored article in the registry (the backfill once migration 5 and the later ones are applied). */
export function* backfillOps(articleId: string): Generator<Op, void, unknown[]> {
  const rows = (yield {
    sql: `SELECT p.idx, p.name, p.aliases, p.role, p.country, p.role_inferred, p.country_inferred, p.role_evidence, p.country_evidence,
        p.role_source, p.country_source, a.published
      FROM persons p JOIN articles a ON a.id = p.article_id WHERE p.article_id = @id ORDER BY p.idx`,
    params: { id: articleId },
    read: true,
  }) as Array<{
    idx: number; name: string; aliases: string; role: string | null; country: string | null; role_inferred: number | null;
    country_inferred: number | null; role_evidence: string | null; country_evidence: string | null;
    role_source: string | null; country_source: string | null; published: string | null;
  }>;
  if (!rows.length) return;
  const record = {
    published: rows[0]!.published,
    persons: rows.map((r) => ({
      name: r.name, aliases: JSON.parse(r.aliases) as string[], role: r.role, country: r.country,
      role_inferred: r.role_inferred == null ? undefined : r.role_inferred === 1,
      country_inferred: r.country_inferred == null ? undefined : r.country_inferred === 1,
      role_evidence: r.role_evidence ? (JSON.parse(r.role_evidence) as TextSpan) : null,
      country_evidence: r.country_evidence ? (JSON.parse(r.country_evidence) as TextSpan) : null,
      role_source: r.role_source ? (JSON.parse(r.role_source) as RegistrySource) : null,
      country_source: r.country_source ? (JSON.parse(r.country_source) as RegistrySource) : null,
    })),
  } as unknown as ArticleRecord;
  const persons = rows.map((r) => ({ idx: r.idx, actor_id: null as string | null }));
  yield* registryOps({ record: { ...record, id: articleId } as ArticleRecord }, persons);
  for (const p of persons) {
    if (p.actor_id) yield { sql: "UPDATE persons SET actor_id = @actor WHERE article_id = @id AND idx = @idx", params: { actor: p.actor_id, id: articleId, idx: p.idx }, read: false };
  }
}

/** Drives the statements synchronously (SQLite inside its transaction function). */
export function runOpsSync<T>(gen: Generator<Op, T, unknown[]>, exec: (op: Op) => unknown[]): T {
  let step = gen.next([]);
  while (!step.done) step = gen.next(exec(step.value));
  return step.value;
}

/** Drives the statements asynchronously (PostgreSQL inside its transaction). */
export async function runOps<T>(gen: Generator<Op, T, unknown[]>, exec: (op: Op) => Promise<unknown[]>): Promise<T> {
  let step = gen.next([]);
  while (!step.done) step = gen.next(await exec(step.value));
  return step.value;
}

// ---------------------------------------------------------------- reading

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** For each actor: its stated role and stated country nearest in time to `around`, within `days`. */
export async function actorFacts(q: Reader, actors: string[], around: string, days: number): Promise<ActorFact[]> {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(around);
  if (!actors.length || !m) return [];
  const t = Date.UTC(+m[1]!, +m[2]! - 1, m[3] ? +m[3] : 15);
  const params: Params = { from: isoDay(t - days * 86_400_000), to: isoDay(t + days * 86_400_000), around };
  // per actor and kind, the nearest stated fact on each side of `around` (earliest article on its day): one
  // index seek each way (migration 9's partial indexes), however many facts the actor has in the window
  const cols = "actor_id, article_id, published, idx, role, country, role_evidence, country_evidence";
  const parts: string[] = [];
  actors.slice(0, MAX_KEYS).forEach((a, i) => {
    params[`a${i}`] = a;
    for (const kind of ["role", "country"] as const) {
      const of = `FROM actor_facts WHERE actor_id = @a${i} AND ${kind} IS NOT NULL`;
      const before = `SELECT published ${of} AND published >= @from AND published <= @around ORDER BY published DESC LIMIT 1`;
      const after = `SELECT published ${of} AND published > @around AND published <= @to || '~' ORDER BY published LIMIT 1`;
      for (const [side, day] of [["b", before], ["f", after]] as const) {
        parts.push(`SELECT * FROM (SELECT ${cols} ${of} AND published = (${day}) ORDER BY article_id, idx LIMIT 1) AS ${kind[0]}${side}${i}`);
      }
    }
  });
  const fetched = await q<{
    actor_id: string; article_id: string; published: string; idx: number; role: string | null; country: string | null;
    role_evidence: string | null; country_evidence: string | null;
  }>(parts.join(" UNION ALL "), params);
  // in the order of a scan of the window (the nearest wins; on a tie, the first in this order)
  const rows = [...new Map(fetched.map((r) => [`${r.actor_id}\u0000${r.article_id}\u0000${r.idx}`, r])).values()].sort((x, y) =>
    x.actor_id < y.actor_id ? -1 : x.actor_id > y.actor_id ? 1 : x.published < y.published ? -1 : x.published > y.published ? 1
      : x.article_id < y.article_id ? -1 : x.article_id > y.article_id ? 1 : Number(x.idx) - Number(y.idx));
  const gap = (d: string) => Math.abs(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, d.length >= 10 ? +d.slice(8, 10) : 15) - t);
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    for (const [kind, ok] of [["role", r.role != null], ["country", r.country != null]] as const) {
      if (!ok) continue;
      const k = `${r.actor_id}\u0000${kind}`;
      const cur = best.get(k);
      if (!cur || gap(r.published) < gap(cur.published)) best.set(k, r);
    }
  }
  const chosen = [...new Set(best.values())];
  const texts = new Map<string, string>();
  if (chosen.length) {
    const tp: Params = {};
    const tids = inList("t", [...new Set(chosen.map((r) => r.article_id))], tp);
    for (const r of await q<{ id: string; text: string }>(`SELECT id, text FROM articles WHERE id IN (${tids})`, tp)) texts.set(r.id, r.text);
  }
  const out: ActorFact[] = [];
  for (const [k, r] of best) {
    const kind = k.slice(k.indexOf("\u0000") + 1);
    const text = texts.get(r.article_id) ?? "";
    out.push({
      actor: r.actor_id, article: r.article_id, published: r.published,
      role: kind === "role" ? r.role : null,
      country: kind === "country" ? r.country : null,
      role_stated: kind === "role", country_stated: kind === "country",
      role_evidence: kind === "role" ? spanFromJson(text, r.role_evidence) : null,
      country_evidence: kind === "country" ? spanFromJson(text, r.country_evidence) : null,
    });
  }
  return out;
}

function page(f: { limit?: number; offset?: number } | undefined, params: Params): string {
  params.limit = Math.min(Math.max(0, Math.floor(f?.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  params.offset = Math.max(0, Math.floor(f?.offset ?? 0));
  return "LIMIT @limit OFFSET @offset";
}

interface ActorRow { id: string; name: string; role: string | null; country: string | null; articles: number | string; first_seen: string | null; last_seen: string | null }
const summary = (r: ActorRow): ActorSummary => ({
  id: r.id, key: foldName(r.name), name: r.name, role: r.role, country: r.country, articles: Number(r.articles),
  first_seen: r.first_seen, last_seen: r.last_seen,
});

/** Registry actors, most articles first; with a filter, counted over the matching articles only. */
export async function listActors(q: Reader, f: PersonFilter = {}): Promise<ActorSummary[]> {
  const parts: string[] = [];
  const params: Params = {};
  if (f.outlet) (parts.push("a.outlet = @outlet"), (params.outlet = f.outlet));
  if (f.story) (parts.push("a.story_id = @story"), (params.story = f.story));
  if (f.from) (parts.push("a.published >= @from"), (params.from = f.from));
  if (f.to) (parts.push("a.published <= @to || '~'"), (params.to = f.to));
  if (!parts.length) {
    const lim = page(f, params);
    return (await q<ActorRow>(
      `SELECT id, name, role, country, articles, first_seen, last_seen FROM actors ORDER BY articles DESC, id ${lim}`, params,
    )).map(summary);
  }
  const where = `WHERE p.actor_id IS NOT NULL AND ${parts.join(" AND ")}`;
  const lim = page(f, params);
  const groups = await q<{ id: string; articles: number | string; first_seen: string | null; last_seen: string | null }>(
    `SELECT p.actor_id AS id, CAST(COUNT(DISTINCT p.article_id) AS INTEGER) AS articles, MIN(a.published) AS first_seen, MAX(a.published) AS last_seen
     FROM persons p JOIN articles a ON a.id = p.article_id ${where}
     GROUP BY p.actor_id ORDER BY articles DESC, p.actor_id ${lim}`,
    params,
  );
  if (!groups.length) return [];
  delete params.limit;
  delete params.offset;
  const ids = inList("g", groups.map((g) => g.id), params);
  const names = new Map((await q<{ id: string; name: string }>(`SELECT id, name FROM actors WHERE id IN (${ids})`, params)).map((r) => [r.id, r.name]));
  // role and country of the latest appearance within the filter that has one
  const latest = new Map<string, { role: string | null; country: string | null }>();
  for (const r of await q<{ actor_id: string; role: string | null; country: string | null }>(
    `SELECT p.actor_id, p.role, p.country FROM persons p JOIN articles a ON a.id = p.article_id
     ${where} AND p.actor_id IN (${ids}) AND p.role_source IS NULL
     ORDER BY a.published IS NULL, a.published DESC, a.id`,
    params,
  )) {
    const cur = latest.get(r.actor_id) ?? { role: null, country: null };
    cur.role ??= r.role;
    cur.country ??= r.country;
    latest.set(r.actor_id, cur);
  }
  return groups.map((g) => summary({
    id: g.id, name: names.get(g.id) ?? g.id, role: latest.get(g.id)?.role ?? null, country: latest.get(g.id)?.country ?? null,
    articles: g.articles, first_seen: g.first_seen, last_seen: g.last_seen,
  }));
}

interface Ctx { published: string | null; title: string | null; story_id: string | null }
const eventRow = (r: EventRowDb & Ctx): EventRow => ({
  article: r.article_id, idx: r.idx, type: r.type as EventRow["type"], mode: (r.mode ?? null) as EventRow["mode"],
  source: { person: r.source_person, actor: r.source_actor, group: r.source_group },
  target: { person: r.target_person, actor: r.target_actor, group: r.target_group },
  date: r.date, realis: r.realis as EventRow["realis"], mutual: r.mutual === 1, rule: r.rule,
  span: { start: r.span_start, end: r.span_end, text: r.evidence },
  published: r.published, title: r.title, story: r.story_id,
});
const quoteRow = (r: QuoteRowDb & Ctx): QuoteRow => ({
  article: r.article_id, idx: r.idx, speaker: r.speaker, direct: r.direct === 1, rule: r.rule,
  span: { start: r.span_start, end: r.span_end, text: r.text },
  published: r.published, title: r.title, story: r.story_id,
});

/** The actor a name designates: a folded form seen, else a full key, else a surname; the most frequent wins. */
export async function actorIdByName(q: Reader, name: string): Promise<string | null> {
  const fold = foldName(name);
  const key = actorKey(name);
  if (!fold || !key) return null;
  const surname = key.slice(key.lastIndexOf(" ") + 1);
  const hit = await q<{ id: string }>(
    `SELECT a.id, MAX(CASE WHEN k.kind = 'name' THEN 3 WHEN k.kind = 'full' THEN 2 ELSE 1 END) AS how, MAX(a.articles) AS n
     FROM actor_keys k JOIN actors a ON a.id = k.actor_id
     WHERE (k.kind = 'name' AND k.key = @fold) OR (k.kind = 'full' AND k.key = @key) OR (k.kind = 'surname' AND k.key IN (@key, @surname))
     GROUP BY a.id ORDER BY how DESC, n DESC, a.id LIMIT 1`,
    { fold, key, surname },
  );
  return hit[0]?.id ?? null;
}

/**
 * One actor: aliases (every form seen), roles over time with their articles and evidence, the
 * articles it appears in, and the events and quotes whose person side or speaker is one of the
 * names its articles use for it.
 */
export async function getActor(q: Reader, name: string): Promise<ActorDetail | null> {
  const id = await actorIdByName(q, name);
  if (!id) return null;
  const actor = (await q<ActorRow>("SELECT id, name, role, country, articles, first_seen, last_seen FROM actors WHERE id = @id", { id }))[0];
  if (!actor) return null;
  const rows = await q<PersonRowDb & { published: string | null; title: string | null }>(
    `SELECT p.*, a.published, a.title FROM persons p JOIN articles a ON a.id = p.article_id
     WHERE p.actor_id = @id ORDER BY a.published, a.id LIMIT 5000`,
    { id },
  );
  if (!rows.length) return null;
  const sorted = [...rows].sort((x, y) => (x.published ?? "").localeCompare(y.published ?? "") || (x.article_id < y.article_id ? -1 : 1));
  const withText = new Set(sorted.slice(-PERSON_TEXTS).map((r) => r.article_id));
  for (const r of sorted) if (r.role_evidence && withText.size < PERSON_TEXTS * 2) withText.add(r.article_id);
  const texts = new Map<string, string>();
  if (withText.size) {
    const tp: Params = {};
    const ids = inList("t", [...withText], tp);
    for (const r of await q<{ id: string; text: string }>(`SELECT id, text FROM articles WHERE id IN (${ids})`, tp)) texts.set(r.id, r.text);
  }
  const appearances: PersonAppearance[] = sorted.map((r) => {
    const t = withText.has(r.article_id) ? texts.get(r.article_id) ?? "" : null;
    return {
      article: r.article_id, title: r.title, published: r.published, name: r.name,
      aliases: JSON.parse(r.aliases) as string[],
      // a role the registry filled is not a new period of the person's roles
      role: r.role_source ? null : r.role,
      country: r.country_source ? null : r.country,
      role_evidence: t != null && !r.role_source ? spanFromJson(t, r.role_evidence) : null,
      mentions: t != null ? mentionsFromJson(t, r.mentions) : [],
    };
  });
  const mine = `SELECT 1 FROM persons p WHERE p.article_id = X.article_id AND p.actor_id = @id AND (COND)`;
  const events = (await q<EventRowDb & Ctx>(
    `SELECT e.*, a.published, a.title, a.story_id FROM events e JOIN articles a ON a.id = e.article_id
     WHERE e.article_id IN (SELECT article_id FROM persons WHERE actor_id = @id)
       AND EXISTS (${mine.replace("X.", "e.").replace("COND", "p.alias_keys LIKE '%|' || e.source_person_key || '|%' OR p.alias_keys LIKE '%|' || e.target_person_key || '|%'")})
     ORDER BY COALESCE(e.date, a.published) IS NULL, COALESCE(e.date, a.published) DESC, e.article_id, e.idx LIMIT 1000`,
    { id },
  )).map(eventRow);
  const quotes = (await q<QuoteRowDb & Ctx>(
    `SELECT q.*, a.published, a.title, a.story_id FROM quotes q JOIN articles a ON a.id = q.article_id
     WHERE q.article_id IN (SELECT article_id FROM persons WHERE actor_id = @id)
       AND EXISTS (${mine.replace("X.", "q.").replace("COND", "p.alias_keys LIKE '%|' || q.speaker_key || '|%'")})
     ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.idx LIMIT 1000`,
    { id },
  )).map(quoteRow);
  const detail = buildPersonDetail(foldName(actor.name), appearances, events, quotes);
  if (!detail) return null;
  // the registry's display name; every other form seen is an alias
  const aliases = new Set(detail.aliases);
  if (detail.name !== actor.name) aliases.add(detail.name);
  aliases.delete(actor.name);
  return { ...detail, id, key: foldName(actor.name), name: actor.name, aliases: [...aliases] };
}

/** A short text of an evidence span from another article (for listings). */
export const evidenceText = (s: TextSpan | null): string => (s ? ellipsis(s.text, 80) : "");
