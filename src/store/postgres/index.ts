/**
 * The PostgreSQL adapter of the store port (`pg`): the same numbered migrations as the SQLite
 * adapter (ported), one transaction per article, idempotent saves that hold under concurrent
 * writers (INSERT … ON CONFLICT DO NOTHING on the article's id and text hash), full-text search
 * over a tsvector of folded words (fts.ts), and the same results as SQLite for every port method
 * (checked by the conformance suite, src/store/conformance.ts).
 *
 * Location: `postgres://user@host:port/db`; an optional `?schema=NAME` keeps the tables in
 * that schema (created if missing), so several stores can share one database.
 */
import pg from "pg";
import type { TextSpan } from "../../core/types.js";
import { foldName } from "../../text/fold.js";
import { buildPersonDetail, type PersonAppearance } from "../person.js";
import type {
  ArticleFilter, ArticleRow, Counts, DateRange, EventFilter, EventRow, ExportKind, FigureFilter, FigureRow, FlatRow,
  Page, PersonDetail, PersonFilter, PersonSummary, QuoteFilter, QuoteRow, SaveArticleInput, SaveResult, SearchHit,
  Store, StoredArticle, StoryDetail, StoryRow, ActorDetail, ActorSummary,
} from "../port.js";
import {
  ellipsis, mentionsFromJson, recordFromRows, spanFromJson, toRows,
  type ArticleRowDb, type ArticleRows, type EventRowDb, type FigureRowDb, type OrgRowDb, type PersonRowDb,
  type PlaceRowDb, type QuoteRowDb,
} from "../rows.js";
import { findHits, parseQuery, snippetAround } from "../search.js";
import { ftsQuery, ftsVector } from "./fts.js";
import * as registry from "../registry.js";
import * as merged from "../merged.js";
import type { MergedEvent } from "../../resolve/events.js";
import type { FigureSeriesView } from "../../resolve/figures.js";
import type { ActorCandidate, ActorFact } from "../../resolve/actors.js";
import { MIGRATIONS } from "./migrations/index.js";

type Value = string | number | null;
type Params = Record<string, Value>;

const DEFAULT_LIMIT = 50;
const PERSON_TEXTS = 200;
const MAX_LIMIT = 100_000;
const NEWER = "(excluded.last_seen IS NOT NULL AND (person_index.last_seen IS NULL OR excluded.last_seen >= person_index.last_seen))";
/** advisory lock key that serialises migrations between processes starting at once */
const MIGRATE_LOCK = 0x65770001;
/** transaction-level advisory lock that serialises writers of the actor registry */
const REGISTRY_LOCK = 0x65770005;
/** transaction-level advisory lock that serialises writers of merged events and figure series */
const MERGED_LOCK = 0x65770008;

/** Is this error a lost or refused connection (worth waiting and retrying), not a bad query? */
export function isConnectionError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  const code = err?.code ?? "";
  if (["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "57P01", "57P02", "57P03", "53300"].includes(code)) return true;
  if (code.startsWith("08")) return true;
  return /Connection terminated|connection.*(closed|ended)|Client has encountered a connection error|not queryable|timeout exceeded when trying to connect/i.test(
    err?.message ?? "",
  );
}

/** Deadlock or serialization failure: the transaction can simply be run again. */
const isRetryable = (e: unknown) => ["40P01", "40001"].includes((e as { code?: string })?.code ?? "");

/** Named `@param` SQL → positional `$n` SQL, compiled once per SQL text. */
const compiled = new Map<string, { text: string; names: string[] }>();
function named(sql: string, params: Params): { text: string; values: Value[] } {
  let c = compiled.get(sql);
  if (!c) {
    const names: string[] = [];
    const text = sql.replace(/@(\w+)/g, (_, n: string) => {
      let i = names.indexOf(n);
      if (i < 0) i = names.push(n) - 1;
      return `$${i + 1}`;
    });
    c = { text, names };
    if (compiled.size < 5000) compiled.set(sql, c);
  }
  const values = c.names.map((n) => {
    if (!(n in params)) throw new Error(`store: missing SQL parameter @${n}`);
    return params[n] ?? null;
  });
  return { text: c.text, values };
}

class Where {
  readonly parts: string[] = [];
  readonly params: Params = {};
  add(sql: string, params: Params = {}): this {
    this.parts.push(sql);
    Object.assign(this.params, params);
    return this;
  }
  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(" AND ")}` : "";
  }
}

function page(p: Page | undefined, params: Params): string {
  params.limit = Math.min(Math.max(0, Math.floor(p?.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  params.offset = Math.max(0, Math.floor(p?.offset ?? 0));
  return "LIMIT @limit OFFSET @offset";
}

function dateRange(w: Where, col: string, r: DateRange | undefined): void {
  if (r?.from) w.add(`${col} >= @from`, { from: r.from });
  if (r?.to) w.add(`${col} <= @to || '~'`, { to: r.to });
}

const ARTICLE_COLS = `a.id, a.title, a.url, a.outlet, a.published, a.published_inferred, a.origin, a.story_id,
  a.ingested_at, length(a.text) AS length, substr(a.text, 1, 160) AS lead`;

interface ArticleListRow {
  id: string; title: string | null; url: string | null; outlet: string | null; published: string | null;
  published_inferred: number; origin: string; story_id: string | null; ingested_at: string; length: number;
  lead: string;
}
const articleRow = (r: ArticleListRow): ArticleRow => ({
  id: r.id, title: r.title, url: r.url, outlet: r.outlet, published: r.published,
  published_inferred: r.published_inferred === 1, origin: r.origin, story: r.story_id, ingested_at: r.ingested_at,
  length: r.length,
  lead: ellipsis((r.lead.split("\n", 1)[0] ?? "").trim(), 120),
});

interface Ctx { published: string | null; title: string | null; story_id: string | null }
const eventRow = (r: EventRowDb & Ctx): EventRow => ({
  article: r.article_id, idx: r.idx, type: r.type as EventRow["type"], mode: (r.mode ?? null) as EventRow["mode"],
  source: { person: r.source_person, actor: r.source_actor, group: r.source_group },
  target: { person: r.target_person, actor: r.target_actor, group: r.target_group },
  date: r.date, realis: r.realis as EventRow["realis"], mutual: r.mutual === 1, rule: r.rule,
  span: { start: r.span_start, end: r.span_end, text: r.evidence },
  published: r.published, title: r.title, story: r.story_id,
});
const figureRow = (r: FigureRowDb & Ctx): FigureRow => ({
  article: r.article_id, idx: r.idx, what: r.what, value: r.value, value_max: r.value_max,
  qualifier: r.qualifier as FigureRow["qualifier"], unit: r.unit, category: r.category as FigureRow["category"],
  as_of: r.as_of, attributed_to: r.attributed_to, rule: r.rule,
  span: { start: r.span_start, end: r.span_end, text: r.evidence },
  published: r.published, title: r.title, story: r.story_id,
});
const quoteRow = (r: QuoteRowDb & Ctx): QuoteRow => ({
  article: r.article_id, idx: r.idx, speaker: r.speaker, direct: r.direct === 1, rule: r.rule,
  span: { start: r.span_start, end: r.span_end, text: r.text },
  published: r.published, title: r.title, story: r.story_id,
});

const STORY_COLS = `s.id, s.title, s.first_date, s.last_date, s.article_count, s.summary, s.actors, s.names,
  (SELECT COUNT(DISTINCT a.outlet) FROM articles a WHERE a.story_id = s.id)::int AS outlets`;
type StoryDbRow = Omit<StoryRow, "actors" | "names"> & { actors: string; names: string };
const storyRow = (r: StoryDbRow): StoryRow => ({
  id: r.id, title: r.title, first_date: r.first_date, last_date: r.last_date, article_count: r.article_count,
  outlets: r.outlets, summary: r.summary, actors: JSON.parse(r.actors) as string[], names: JSON.parse(r.names) as string[],
});

/** Columns of each per-article table, in insert order (the row objects of rows.ts carry them). */
const TABLE_COLS = {
  persons: ["article_id", "idx", "name", "name_key", "surname_key", "alias_keys", "aliases", "role", "role_inferred",
    "role_evidence", "country", "country_inferred", "country_evidence", "mentions", "actor_id", "role_source", "country_source"],
  organizations: ["article_id", "idx", "name", "name_key", "aliases", "actor", "mentions"],
  places: ["article_id", "idx", "name", "name_key", "country", "lat", "lon", "mentions"],
  events: ["article_id", "idx", "type", "mode", "source_person", "source_person_key", "source_actor", "source_group",
    "target_person", "target_person_key", "target_actor", "target_group", "date", "span_start", "span_end", "evidence", "rule",
    "realis", "mutual"],
  figures: ["article_id", "idx", "what", "value", "value_max", "qualifier", "unit", "category", "as_of", "attributed_to",
    "span_start", "span_end", "evidence", "rule"],
  quotes: ["article_id", "idx", "speaker", "speaker_key", "speaker_surname_key", "direct", "span_start", "span_end", "text", "rule"],
} as const;

export interface PostgresOptions {
  /** connections in the pool (default 4) */
  max?: number;
  /** the schema to keep the tables in (default: the URL's ?schema=, else the server's search_path) */
  schema?: string;
  /** shown in pg_stat_activity (workers name themselves) */
  applicationName?: string;
}

/** Splits `?schema=NAME` off a connection URL. */
export function parsePgLocation(location: string): { url: string; schema: string | null } {
  const u = new URL(location);
  const schema = u.searchParams.get("schema");
  u.searchParams.delete("schema");
  return { url: u.toString(), schema };
}

const SCHEMA_RE = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  readonly schema: string | null;
  private closed = false;

  constructor(location: string, opts: PostgresOptions = {}) {
    const { url, schema } = parsePgLocation(location);
    this.schema = opts.schema ?? schema;
    if (this.schema && !SCHEMA_RE.test(this.schema)) throw new Error(`store: bad schema name "${this.schema}"`);
    this.pool = new pg.Pool({
      connectionString: url,
      max: opts.max ?? 4,
      application_name: opts.applicationName ?? "eventwire",
      ...(this.schema ? { options: `-c search_path=${this.schema}` } : {}),
    });
    // an idle connection dropped by the server (a restart) must not crash the process; the next query reconnects
    this.pool.on("error", () => {});
    // likewise a connection that drops while checked out between two queries: the next query
    // on it fails (and is handled there) instead of the process dying on an 'error' event
    this.pool.on("connect", (c) => c.on("error", () => {}));
  }

  async query<T>(sql: string, params: Params = {}, client: pg.Pool | pg.PoolClient = this.pool): Promise<T[]> {
    const { text, values } = named(sql, params);
    return (await client.query(text, values)).rows as T[];
  }

  private async one<T>(sql: string, params: Params = {}): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }

  /** Runs fn in one transaction (retried on deadlock / serialization failure). */
  async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const c = await this.pool.connect();
      let broken = false;
      try {
        await c.query("BEGIN");
        const out = await fn(c);
        await c.query("COMMIT");
        return out;
      } catch (e) {
        try {
          await c.query("ROLLBACK");
        } catch {
          broken = true;
        }
        if (isRetryable(e) && attempt < 5) continue;
        throw e;
      } finally {
        c.release(broken);
      }
    }
  }

  async migrate(): Promise<number> {
    const c = await this.pool.connect();
    try {
      if (this.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      // several workers may start at once: one migrates, the others wait and find it done
      await c.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK]);
      try {
        await c.query(`CREATE TABLE IF NOT EXISTS schema_version (
          version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
        const r = await c.query<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_version");
        let current = r.rows[0]?.v ?? 0;
        /** the merged tables are new: the articles stored before them are merged once the whole schema is there */
        let unmerged = false;
        for (const m of MIGRATIONS) {
          if (m.version <= current) continue;
          if (m.version === merged.MERGED_MIGRATION) unmerged = true;
          await c.query("BEGIN");
          try {
            await c.query(m.sql);
            await c.query("INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, new Date().toISOString()]);
            await c.query("COMMIT");
          } catch (e) {
            await c.query("ROLLBACK");
            throw e;
          }
          current = m.version;
        }
        // persons stored before the registry existed are filed once the whole schema is there
        if ((await c.query(registry.ANY_UNFILED)).rows.length) await this.backfillActors(c);
        if (unmerged) await this.backfillMerged(c);
        return current;
      } finally {
        await c.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK]);
      }
    } finally {
      c.release();
    }
  }

  /** Merges the events and figures of the articles stored before the merged tables existed (one transaction per article, oldest first). */
  private async backfillMerged(c: pg.PoolClient): Promise<void> {
    for (const { id } of await this.query<{ id: string }>(merged.UNMERGED_ARTICLES, {}, c)) {
      await c.query("BEGIN");
      try {
        await c.query("SELECT pg_advisory_xact_lock($1)", [MERGED_LOCK]);
        await registry.runOps(merged.backfillOps(id), (op) => this.query(op.sql, op.params, c));
        await c.query("COMMIT");
      } catch (e) {
        await c.query("ROLLBACK");
        throw e;
      }
    }
  }

  /** Files the persons stored before the actor registry existed (one transaction per article, oldest first). */
  private async backfillActors(c: pg.PoolClient): Promise<void> {
    for (const { id } of await this.query<{ id: string }>(registry.UNFILED_ARTICLES, {}, c)) {
      await c.query("BEGIN");
      try {
        await registry.runOps(registry.backfillOps(id), (op) => this.query(op.sql, op.params, c));
        await c.query("COMMIT");
      } catch (e) {
        await c.query("ROLLBACK");
        throw e;
      }
    }
  }

  async findArticle(id: string, hash: string): Promise<string | null> {
    return (await this.one<{ id: string }>("SELECT id FROM articles WHERE id = @id OR text_hash = @hash LIMIT 1", { id, hash }))?.id ?? null;
  }

  async saveArticle(input: SaveArticleInput): Promise<SaveResult> {
    const rows = toRows(input);
    const vector = ftsVector(input.record.title ?? "", input.text);
    return this.tx((c) => this.saveRows(c, rows, input, vector));
  }

  /**
   * Saves one article with a client inside a transaction the caller runs (the queue's resolver
   * saves a batch of articles, the story state and the jobs' outcome in one transaction).
   */
  async saveArticleIn(c: pg.PoolClient, input: SaveArticleInput): Promise<SaveResult> {
    const rows = toRows(input);
    return this.saveRows(c, rows, input, ftsVector(input.record.title ?? "", input.text));
  }

  /** Runs inside the transaction: any throw rolls the whole article back. */
  private async saveRows(c: pg.PoolClient, rows: ArticleRows, input: SaveArticleInput, vector: string): Promise<SaveResult> {
    const a = rows.article;
    // the article row first: a concurrent save of the same id or text waits here, then finds it;
    // its full-text row and its story's counters in the same statement (one round trip), only if it is new
    const story = input.story;
    const ins = await this.query<{ seq: string }>(
      `WITH a AS (
        INSERT INTO articles (id, text, text_hash, title, url, outlet, published, published_inferred,
          published_rule, published_evidence, origin, story_id, story_reason, ingested_at)
        VALUES (@id, @text, @text_hash, @title, @url, @outlet, @published, @published_inferred,
          @published_rule, @published_evidence, @origin, @story_id, @story_reason, @ingested_at)
        ON CONFLICT DO NOTHING RETURNING seq
      )${story ? `, s AS (
        INSERT INTO stories (id, title, first_date, last_date, article_count, created_at, summary, actors, names)
        SELECT @s_id, @s_title, @published, @published, 1, @ingested_at, @s_summary, @s_actors, @s_names WHERE EXISTS (SELECT 1 FROM a)
        ON CONFLICT (id) DO UPDATE SET
          article_count = stories.article_count + 1,
          summary = COALESCE(excluded.summary, stories.summary),
          actors = excluded.actors,
          names = excluded.names,
          first_date = CASE WHEN stories.first_date IS NULL OR excluded.first_date < stories.first_date THEN excluded.first_date ELSE stories.first_date END,
          last_date  = CASE WHEN stories.last_date IS NULL OR excluded.last_date > stories.last_date THEN excluded.last_date ELSE stories.last_date END
      )` : ""}
      INSERT INTO articles_fts (seq, doc) SELECT seq, @doc::tsvector FROM a RETURNING seq`,
      {
        ...(a as unknown as Params), doc: vector,
        ...(story ? {
          s_id: story.id, s_title: story.title, s_summary: story.summary ?? null,
          s_actors: JSON.stringify(story.actors ?? []), s_names: JSON.stringify(story.names ?? []),
        } : {}),
      },
      c,
    );
    if (!ins.length) return "unchanged";
    // the actor registry (one writer at a time: a lookup then its inserts), sets actor_id on the person rows
    if (rows.persons.length) {
      await c.query("SELECT pg_advisory_xact_lock($1)", [REGISTRY_LOCK]);
      await registry.runOps(registry.registryOps(input, rows.persons), (op) => this.query(op.sql, op.params, c));
    }
    // every row of the article, and the person index, in one statement (data-modifying CTEs)
    const values: Value[] = [];
    const parts: string[] = [];
    for (const table of Object.keys(TABLE_COLS) as Array<keyof typeof TABLE_COLS>) {
      const xs = rows[table] as unknown as Array<Record<string, Value>>;
      if (!xs.length) continue;
      const cols = TABLE_COLS[table];
      const tuples = xs.map((x) => `(${cols.map((col) => `$${values.push(x[col] ?? null)}`).join(", ")})`);
      parts.push(`INSERT INTO ${table} (${cols.join(", ")}) VALUES ${tuples.join(", ")}`);
    }
    // one lock order for every writer (by key) so that concurrent saves cannot deadlock
    const people = [...rows.personIndex].sort((x, y) => (x.name_key < y.name_key ? -1 : x.name_key > y.name_key ? 1 : 0));
    if (people.length) {
      const tuples = people.map((p) => `(${[p.name_key, p.name, p.role, p.country].map((v) => `$${values.push(v)}`).join(", ")}, 1, $${values.push(p.published)}, $${values.length})`);
      parts.push(`INSERT INTO person_index (name_key, name, role, country, articles, first_seen, last_seen)
        VALUES ${tuples.join(", ")}
        ON CONFLICT (name_key) DO UPDATE SET
          articles = person_index.articles + 1,
          first_seen = CASE WHEN person_index.first_seen IS NULL OR excluded.first_seen < person_index.first_seen
            THEN excluded.first_seen ELSE person_index.first_seen END,
          last_seen = CASE WHEN person_index.last_seen IS NULL OR excluded.last_seen > person_index.last_seen
            THEN excluded.last_seen ELSE person_index.last_seen END,
          name = CASE WHEN ${NEWER} THEN excluded.name ELSE person_index.name END,
          role = CASE WHEN excluded.role IS NOT NULL AND (${NEWER} OR person_index.role IS NULL)
            THEN excluded.role ELSE person_index.role END,
          country = CASE WHEN excluded.country IS NOT NULL AND (${NEWER} OR person_index.country IS NULL)
            THEN excluded.country ELSE person_index.country END`);
    }
    if (parts.length) {
      const last = parts.pop()!;
      const sql = parts.length ? `WITH ${parts.map((p, i) => `w${i} AS (${p})`).join(", ")} ${last}` : last;
      try {
        await c.query(sql, values);
      } catch (e) {
        const table = (e as { table?: string }).table ?? "the article";
        throw new Error(`store: cannot save a row of ${table} (${(e as Error).message})`, { cause: e });
      }
    }
    // events merged across articles and figure series (one writer at a time: a look-up then its upserts)
    if (input.record.events.length || input.record.figures.length) {
      await c.query("SELECT pg_advisory_xact_lock($1)", [MERGED_LOCK]);
      await registry.runOps(merged.mergedOps(input), (op) => this.query(op.sql, op.params, c));
    }
    return "inserted";
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const a = await this.one<ArticleRowDb>("SELECT * FROM articles WHERE id = @id", { id });
    if (!a) return null;
    const of = <T>(table: string) => this.query<T>(`SELECT * FROM ${table} WHERE article_id = @id ORDER BY idx`, { id });
    const [persons, organizations, places, events, figures, quotes, list] = await Promise.all([
      of<PersonRowDb>("persons"), of<OrgRowDb>("organizations"), of<PlaceRowDb>("places"),
      of<EventRowDb>("events"), of<FigureRowDb>("figures"), of<QuoteRowDb>("quotes"),
      this.one<ArticleListRow>(`SELECT ${ARTICLE_COLS} FROM articles a WHERE a.id = @id`, { id }),
    ]);
    const record = recordFromRows({ article: a, persons, organizations, places, events, figures, quotes });
    return { article: articleRow(list!), text: a.text, record };
  }

  async listArticles(f: ArticleFilter = {}): Promise<ArticleRow[]> {
    const w = new Where();
    if (f.outlet) w.add("a.outlet = @outlet", { outlet: f.outlet });
    if (f.story) w.add("a.story_id = @story", { story: f.story });
    dateRange(w, "a.published", f);
    const lim = page(f, w.params);
    return (await this.query<ArticleListRow>(
      `SELECT ${ARTICLE_COLS} FROM articles a ${w} ORDER BY a.published IS NULL, a.published DESC, a.id ${lim}`, w.params,
    )).map(articleRow);
  }

  async listPersons(f: PersonFilter = {}): Promise<PersonSummary[]> {
    const w = new Where();
    if (f.outlet) w.add("a.outlet = @outlet", { outlet: f.outlet });
    if (f.story) w.add("a.story_id = @story", { story: f.story });
    dateRange(w, "a.published", f);
    if (!w.parts.length) {
      const params: Params = {};
      const lim = page(f, params);
      return this.query<PersonSummary>(
        `SELECT name_key AS key, name, role, country, articles, first_seen, last_seen FROM person_index
         ORDER BY articles DESC, name_key ${lim}`,
        params,
      );
    }
    const lim = page(f, w.params);
    const groups = await this.query<{ key: string; articles: number; first_seen: string | null; last_seen: string | null }>(
      `SELECT p.name_key AS key, COUNT(DISTINCT p.article_id)::int AS articles, MIN(a.published) AS first_seen, MAX(a.published) AS last_seen
       FROM persons p JOIN articles a ON a.id = p.article_id ${w}
       GROUP BY p.name_key ORDER BY articles DESC, p.name_key ${lim}`,
      w.params,
    );
    if (!groups.length) return [];
    const keys: Params = {};
    groups.forEach((g, i) => (keys[`k${i}`] = g.key));
    const wk = new Where().add(`p.name_key IN (${groups.map((_, i) => `@k${i}`).join(", ")})`, keys);
    for (const part of w.parts) wk.add(part);
    Object.assign(wk.params, w.params);
    delete wk.params.limit;
    delete wk.params.offset;
    const latest = new Map<string, { name: string | null; role: string | null; country: string | null }>();
    for (const r of await this.query<{ name_key: string; name: string; role: string | null; country: string | null }>(
      `SELECT p.name_key, p.name, p.role, p.country FROM persons p JOIN articles a ON a.id = p.article_id ${wk}
       ORDER BY a.published IS NULL, a.published DESC`,
      wk.params,
    )) {
      const cur = latest.get(r.name_key) ?? { name: null, role: null, country: null };
      cur.name ??= r.name;
      cur.role ??= r.role;
      cur.country ??= r.country;
      latest.set(r.name_key, cur);
    }
    return groups.map((g) => {
      const l = latest.get(g.key);
      return { key: g.key, name: l?.name ?? g.key, role: l?.role ?? null, country: l?.country ?? null, articles: g.articles, first_seen: g.first_seen, last_seen: g.last_seen };
    });
  }

  async getPerson(name: string): Promise<PersonDetail | null> {
    const k = foldName(name);
    if (!k) return null;
    const hit = await this.one<{ name_key: string }>(
      `SELECT name_key, COUNT(DISTINCT article_id) AS n,
         MAX(CASE WHEN name_key = @k THEN 3 WHEN strpos(alias_keys, '|' || @k || '|') > 0 THEN 2 ELSE 1 END) AS how
       FROM persons
       WHERE name_key = @k OR strpos(alias_keys, '|' || @k || '|') > 0 OR surname_key = @k
       GROUP BY name_key ORDER BY how DESC, n DESC, name_key LIMIT 1`,
      { k },
    );
    if (!hit) return null;
    const key = hit.name_key;
    const rows = await this.query<PersonRowDb & { published: string | null; title: string | null }>(
      `SELECT p.*, a.published, a.title FROM persons p JOIN articles a ON a.id = p.article_id
       WHERE p.name_key = @key ORDER BY a.published NULLS FIRST, a.id LIMIT 5000`,
      { key },
    );
    const withText = new Set(rows.slice(-PERSON_TEXTS).map((r) => r.article_id));
    for (const r of rows) if (r.role_evidence && withText.size < PERSON_TEXTS * 2) withText.add(r.article_id);
    const texts = new Map<string, string>();
    if (withText.size) {
      for (const r of await this.query<{ id: string; text: string }>("SELECT id, text FROM articles WHERE id = ANY(@ids::text[])", { ids: pgArray([...withText]) })) {
        texts.set(r.id, r.text);
      }
    }
    const appearances: PersonAppearance[] = rows.map((r) => {
      const t = withText.has(r.article_id) ? texts.get(r.article_id) ?? "" : null;
      return {
        article: r.article_id, title: r.title, published: r.published, name: r.name,
        aliases: JSON.parse(r.aliases) as string[], role: r.role, country: r.country,
        role_evidence: t != null ? spanFromJson(t, r.role_evidence) : null,
        mentions: t != null ? mentionsFromJson(t, r.mentions) : [],
      };
    });
    const events = await this.eventsWhere(new Where().add("(e.source_person_key = @key OR e.target_person_key = @key)", { key }), { limit: 1000 });
    const quotes = await this.quotesWhere(new Where().add("q.speaker_key = @key", { key }), { limit: 1000 });
    return buildPersonDetail(key, appearances, events, quotes);
  }

  private readonly reader: registry.Reader = <T>(sql: string, params: registry.Params) => this.query<T>(sql, params);

  async listActors(f: PersonFilter = {}): Promise<ActorSummary[]> {
    return registry.listActors(this.reader, f);
  }

  async listMergedEvents(f: merged.MergedEventFilter = {}): Promise<MergedEvent[]> {
    return merged.listMergedEvents(this.reader, f);
  }

  async listFigureSeries(f: merged.FigureSeriesFilter = {}): Promise<FigureSeriesView[]> {
    return merged.listFigureSeries(this.reader, f);
  }

  async getActor(name: string): Promise<ActorDetail | null> {
    return registry.getActor(this.reader, name);
  }

  async findActors(keys: { full: string[]; surnames: string[] }): Promise<ActorCandidate[]> {
    return registry.findActors(this.reader, keys);
  }

  async actorFacts(actors: string[], around: string, days: number): Promise<ActorFact[]> {
    return registry.actorFacts(this.reader, actors, around, days);
  }

  private async eventsWhere(w: Where, p: Page): Promise<EventRow[]> {
    const lim = page(p, w.params);
    return (await this.query<EventRowDb & Ctx>(
      `SELECT e.*, a.published, a.title, a.story_id FROM events e JOIN articles a ON a.id = e.article_id ${w}
       ORDER BY COALESCE(e.date, a.published) IS NULL, COALESCE(e.date, a.published) DESC, e.article_id, e.idx ${lim}`,
      w.params,
    )).map(eventRow);
  }

  async listEvents(f: EventFilter = {}): Promise<EventRow[]> {
    const w = new Where();
    if (f.type) w.add("e.type = @type", { type: f.type.toUpperCase() });
    if (f.actor) {
      w.add(`(e.source_actor = @actor_code OR e.target_actor = @actor_code
        OR lower(e.source_group) = @actor_lc OR lower(e.target_group) = @actor_lc)`,
      { actor_code: f.actor.toUpperCase(), actor_lc: f.actor.toLowerCase() });
    }
    if (f.person) {
      const k = foldName(f.person);
      w.add(`(e.source_person_key = @pk OR e.target_person_key = @pk
        OR e.source_person_key LIKE @pk_suffix OR e.target_person_key LIKE @pk_suffix)`, { pk: k, pk_suffix: `% ${k}` });
    }
    if (f.story) w.add("a.story_id = @story", { story: f.story });
    if (f.article) w.add("e.article_id = @article", { article: f.article });
    dateRange(w, "COALESCE(e.date, a.published)", f);
    return this.eventsWhere(w, f);
  }

  async listFigures(f: FigureFilter = {}): Promise<FigureRow[]> {
    const w = new Where();
    if (f.category) w.add("g.category = @category", { category: f.category.toLowerCase() });
    if (f.story) w.add("a.story_id = @story", { story: f.story });
    if (f.article) w.add("g.article_id = @article", { article: f.article });
    dateRange(w, "COALESCE(g.as_of, a.published)", f);
    const lim = page(f, w.params);
    return (await this.query<FigureRowDb & Ctx>(
      `SELECT g.*, a.published, a.title, a.story_id FROM figures g JOIN articles a ON a.id = g.article_id ${w}
       ORDER BY COALESCE(g.as_of, a.published) IS NULL, COALESCE(g.as_of, a.published) DESC, g.article_id, g.idx ${lim}`,
      w.params,
    )).map(figureRow);
  }

  private async quotesWhere(w: Where, p: Page): Promise<QuoteRow[]> {
    const lim = page(p, w.params);
    return (await this.query<QuoteRowDb & Ctx>(
      `SELECT q.*, a.published, a.title, a.story_id FROM quotes q JOIN articles a ON a.id = q.article_id ${w}
       ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.idx ${lim}`,
      w.params,
    )).map(quoteRow);
  }

  async listQuotes(f: QuoteFilter = {}): Promise<QuoteRow[]> {
    const w = new Where();
    if (f.speaker) {
      const k = foldName(f.speaker);
      w.add("(q.speaker_key = @sk OR q.speaker_surname_key = @sk)", { sk: k });
    }
    if (f.story) w.add("a.story_id = @story", { story: f.story });
    if (f.article) w.add("q.article_id = @article", { article: f.article });
    dateRange(w, "a.published", f);
    return this.quotesWhere(w, f);
  }

  async listStories(f: Page & DateRange = {}): Promise<StoryRow[]> {
    const w = new Where();
    dateRange(w, "s.last_date", { from: f.from });
    dateRange(w, "s.first_date", { to: f.to });
    const lim = page(f, w.params);
    return (await this.query<StoryDbRow>(
      `SELECT ${STORY_COLS} FROM stories s ${w}
       ORDER BY s.last_date IS NULL, s.last_date DESC, s.article_count DESC, s.id ${lim}`,
      w.params,
    )).map(storyRow);
  }

  async getStory(id: string): Promise<StoryDetail | null> {
    const s = await this.one<StoryDbRow>(`SELECT ${STORY_COLS} FROM stories s WHERE s.id = @id`, { id });
    if (!s) return null;
    return { ...storyRow(s), articles: await this.listArticles({ story: id, limit: MAX_LIMIT }) };
  }

  async search(query: string, p: Page = {}): Promise<SearchHit[]> {
    const terms = parseQuery(query);
    if (!terms.length) return [];
    const params: Params = { q: ftsQuery(terms) };
    const lim = page(p, params);
    // title words weigh 3× text words (as bm25(…, 3.0, 1.0) in SQLite); rank divided by 1 + log(length)
    const rows = await this.query<{ id: string; title: string | null; published: string | null; outlet: string | null; story_id: string | null; text: string; score: number }>(
      `SELECT a.id, a.title, a.published, a.outlet, a.story_id, a.text,
         ts_rank('{0.3333, 0, 0, 1}'::float4[], f.doc, @q::tsquery, 1)::float8 AS score
       FROM articles_fts f JOIN articles a ON a.seq = f.seq
       WHERE f.doc @@ @q::tsquery ORDER BY score DESC, a.published DESC NULLS LAST, a.seq ${lim}`,
      params,
    );
    return rows.map((r) => {
      const hits: TextSpan[] = findHits(r.text, terms);
      return {
        article: r.id, title: r.title, lead: ellipsis((r.text.split("\n", 1)[0] ?? "").trim(), 120), published: r.published, outlet: r.outlet, story: r.story_id,
        score: r.score, snippet: snippetAround(r.text, hits), hits,
      };
    });
  }

  async *exportRows(kind: ExportKind): AsyncIterable<FlatRow> {
    const sql: Record<ExportKind, string> = {
      articles: `SELECT id, title, url, outlet, published, published_inferred, origin, story_id AS story, ingested_at, text
        FROM articles ORDER BY published NULLS FIRST, id`,
      persons: `SELECT p.article_id AS article, a.published, p.idx, p.name, p.name_key AS key, p.aliases, p.role,
          p.role_inferred, p.country, p.country_inferred, p.mentions
        FROM persons p JOIN articles a ON a.id = p.article_id ORDER BY a.published NULLS FIRST, p.article_id, p.idx`,
      events: `SELECT e.article_id AS article, a.published, a.story_id AS story, e.idx, e.type, e.mode,
          e.source_person, e.source_actor, e.source_group, e.target_person, e.target_actor, e.target_group,
          e.date, e.realis, e.mutual, e.span_start, e.span_end, e.evidence, e.rule
        FROM events e JOIN articles a ON a.id = e.article_id ORDER BY a.published NULLS FIRST, e.article_id, e.idx`,
      figures: `SELECT g.article_id AS article, a.published, a.story_id AS story, g.idx, g.what, g.value, g.value_max,
          g.qualifier, g.unit, g.category, g.as_of, g.attributed_to, g.span_start, g.span_end, g.evidence, g.rule
        FROM figures g JOIN articles a ON a.id = g.article_id ORDER BY a.published NULLS FIRST, g.article_id, g.idx`,
      quotes: `SELECT q.article_id AS article, a.published, a.story_id AS story, q.idx, q.speaker, q.direct,
          q.span_start, q.span_end, q.text, q.rule
        FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY a.published NULLS FIRST, q.article_id, q.idx`,
    };
    const bools = new Set(["published_inferred", "role_inferred", "country_inferred", "mutual", "direct"]);
    // a cursor in a read-only transaction: rows arrive in batches, never all at once
    const c = await this.pool.connect();
    let broken = false;
    try {
      await c.query("BEGIN READ ONLY");
      await c.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${sql[kind]}`);
      for (;;) {
        const batch = await c.query<Record<string, string | number | null>>("FETCH 1000 FROM export_rows");
        for (const row of batch.rows) {
          const out: FlatRow = {};
          for (const [k, v] of Object.entries(row)) out[k] = bools.has(k) && v != null ? v === 1 : v;
          yield out;
        }
        if (batch.rows.length < 1000) break;
      }
      await c.query("COMMIT");
    } catch (e) {
      broken = true;
      throw e;
    } finally {
      // a consumer that stops early leaves the transaction open: drop that connection
      if (!broken) {
        try {
          await c.query("ROLLBACK");
        } catch {
          broken = true;
        }
      }
      c.release(broken);
    }
  }

  async counts(): Promise<Counts> {
    return (await this.one<Counts>(`SELECT
      (SELECT COUNT(*) FROM articles)::int AS articles,
      (SELECT COUNT(*) FROM stories)::int AS stories,
      (SELECT COUNT(DISTINCT name_key) FROM persons)::int AS persons,
      (SELECT COUNT(DISTINCT name_key) FROM organizations)::int AS organizations,
      (SELECT COUNT(DISTINCT name_key) FROM places)::int AS places,
      (SELECT COUNT(*) FROM events)::int AS events,
      (SELECT COUNT(*) FROM figures)::int AS figures,
      (SELECT COUNT(*) FROM quotes)::int AS quotes`))!;
  }

  async getState(name: string): Promise<string | null> {
    return (await this.one<{ value: string }>("SELECT value FROM resolver_state WHERE name = @name", { name }))?.value ?? null;
  }

  async setState(name: string, value: string, client?: pg.PoolClient): Promise<void> {
    await this.query(`INSERT INTO resolver_state (name, value, updated_at) VALUES (@name, @value, @now)
      ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    { name, value, now: new Date().toISOString() }, client);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** A text[] literal for `= ANY(@x::text[])`. */
export function pgArray(xs: readonly string[]): string {
  return `{${xs.map((x) => `"${x.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}
