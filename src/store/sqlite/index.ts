/**
 * The SQLite adapter of the store port (better-sqlite3): WAL, foreign keys, numbered
 * migrations, prepared statements (cached by SQL text), one transaction per article, FTS5 over
 * folded title + text. All SQL of the SQLite store lives in this folder; the logic it calls
 * (row mapping, search hits, person detail) is shared with every adapter.
 */
import Database from "better-sqlite3";
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
import * as registry from "../registry.js";
import * as merged from "../merged.js";
import type { MergedEvent } from "../../resolve/events.js";
import type { FigureSeriesView } from "../../resolve/figures.js";
import type { ActorCandidate, ActorFact } from "../../resolve/actors.js";
import { MIGRATIONS } from "./migrations/index.js";

type Params = Record<string, string | number | null>;

const DEFAULT_LIMIT = 50;
/** a person's detail carries mention spans for this many latest appearances */
const PERSON_TEXTS = 200;
/** in the person_index upsert: the incoming article is at least as recent as the latest seen */
const NEWER = "(excluded.last_seen IS NOT NULL AND (person_index.last_seen IS NULL OR excluded.last_seen >= person_index.last_seen))";
const MAX_LIMIT = 100_000;

/** A WHERE clause built from optional filters, with named parameters. */
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
  const limit = Math.min(Math.max(0, Math.floor(p?.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  const offset = Math.max(0, Math.floor(p?.offset ?? 0));
  params.limit = limit;
  params.offset = offset;
  return "LIMIT @limit OFFSET @offset";
}

function dateRange(w: Where, col: string, r: DateRange | undefined): void {
  if (r?.from) w.add(`${col} >= @from`, { from: r.from });
  // "to" is inclusive: a date of the same day (or a finer date inside a coarser bound) counts
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
  (SELECT COUNT(DISTINCT a.outlet) FROM articles a WHERE a.story_id = s.id) AS outlets`;
type StoryDbRow = Omit<StoryRow, "actors" | "names"> & { actors: string; names: string };
const storyRow = (r: StoryDbRow): StoryRow => ({
  id: r.id, title: r.title, first_date: r.first_date, last_date: r.last_date, article_count: r.article_count,
  outlets: r.outlets, summary: r.summary, actors: JSON.parse(r.actors) as string[], names: JSON.parse(r.names) as string[],
});

export interface SqliteOptions {
  /** open read-only (no migrations) */
  readonly?: boolean;
}

export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly stmts = new Map<string, Database.Statement>();

  constructor(readonly path: string, opts: SqliteOptions = {}) {
    this.db = new Database(path, { readonly: opts.readonly ?? false });
    if (path !== ":memory:" && !opts.readonly) this.db.pragma("journal_mode = WAL");
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  private all<T>(sql: string, params: Params = {}): T[] {
    return this.stmt(sql).all(params) as T[];
  }

  private get<T>(sql: string, params: Params = {}): T | undefined {
    return this.stmt(sql).get(params) as T | undefined;
  }

  /** Applies the migrations not yet applied (up to `to`, for tests of a migration). */
  async migrate(to = Infinity): Promise<number> {
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const row = this.db.prepare("SELECT MAX(version) AS v FROM schema_version").get() as { v: number | null };
    let current = row.v ?? 0;
    /** the merged tables are new: the articles stored before them are merged once the whole schema is there */
    let unmerged = false;
    for (const m of MIGRATIONS) {
      if (m.version <= current || m.version > to) continue;
      if (m.version === merged.MERGED_MIGRATION) unmerged = true;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.prepare("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")
          .run(m.version, m.name, new Date().toISOString());
      })();
      current = m.version;
    }
    // persons stored before the registry existed are filed once the whole schema is there
    // persons stored before the registry existed (or left unfiled) are filed once the whole schema is there
    if (current === MIGRATIONS[MIGRATIONS.length - 1]!.version && this.db.prepare(registry.ANY_UNFILED).get()) this.backfillActors();
    if (unmerged && current === MIGRATIONS[MIGRATIONS.length - 1]!.version) this.backfillMerged();
    return current;
  }

  /** Merges the events and figures of the articles stored before the merged tables existed (one transaction per article, oldest first). */
  private backfillMerged(): void {
    const ids = this.db.prepare(merged.UNMERGED_ARTICLES).all() as Array<{ id: string }>;
    for (const { id } of ids) {
      this.db.transaction(() => registry.runOpsSync(merged.backfillOps(id), (op) => {
        const s = this.stmt(op.sql);
        if (op.read) return s.all(op.params);
        s.run(op.params);
        return [];
      }))();
    }
  }

  /** Files the persons stored before the actor registry existed (one transaction per article, oldest first). */
  private backfillActors(): void {
    const ids = this.db.prepare(registry.UNFILED_ARTICLES).all() as Array<{ id: string }>;
    for (const { id } of ids) {
      this.db.transaction(() => registry.runOpsSync(registry.backfillOps(id), (op) => {
        const s = this.stmt(op.sql);
        if (op.read) return s.all(op.params);
        s.run(op.params);
        return [];
      }))();
    }
  }

  async findArticle(id: string, hash: string): Promise<string | null> {
    return this.get<{ id: string }>("SELECT id FROM articles WHERE id = @id OR text_hash = @hash LIMIT 1", { id, hash })?.id ?? null;
  }

  async saveArticle(input: SaveArticleInput): Promise<SaveResult> {
    const rows = toRows(input);
    this.saveTx ??= this.db.transaction((r: ArticleRows, i: SaveArticleInput) => this.saveRows(r, i));
    return this.saveTx(rows, input);
  }

  private saveTx: ((rows: ArticleRows, input: SaveArticleInput) => SaveResult) | null = null;

  /** Runs inside the transaction: any throw rolls the whole article back. */
  private saveRows(rows: ArticleRows, input: SaveArticleInput): SaveResult {
    {
      const a = rows.article;
      if (this.get("SELECT 1 FROM articles WHERE id = @id OR text_hash = @hash", { id: a.id, hash: a.text_hash })) return "unchanged";
      if (input.story) {
        this.stmt(`INSERT INTO stories (id, title, first_date, last_date, article_count, created_at, summary, actors, names)
          VALUES (@id, @title, @date, @date, 1, @now, @summary, @actors, @names)
          ON CONFLICT (id) DO UPDATE SET
            article_count = stories.article_count + 1,
            summary = COALESCE(excluded.summary, stories.summary),
            actors = excluded.actors,
            names = excluded.names,
            first_date = CASE WHEN stories.first_date IS NULL OR excluded.first_date < stories.first_date THEN excluded.first_date ELSE stories.first_date END,
            last_date  = CASE WHEN stories.last_date IS NULL OR excluded.last_date > stories.last_date THEN excluded.last_date ELSE stories.last_date END`)
          .run({
            id: input.story.id, title: input.story.title, date: a.published, now: a.ingested_at,
            summary: input.story.summary ?? null, actors: JSON.stringify(input.story.actors ?? []), names: JSON.stringify(input.story.names ?? []),
          });
      }
      const info = this.stmt(`INSERT INTO articles (id, text, text_hash, title, url, outlet, published, published_inferred,
          published_rule, published_evidence, origin, story_id, story_reason, ingested_at)
        VALUES (@id, @text, @text_hash, @title, @url, @outlet, @published, @published_inferred,
          @published_rule, @published_evidence, @origin, @story_id, @story_reason, @ingested_at)`).run(a);
      this.stmt("INSERT INTO articles_fts (rowid, title, text) VALUES (@rowid, @title, @text)")
        .run({ rowid: Number(info.lastInsertRowid), title: rows.fts.title, text: rows.fts.text });
      // the actor registry: sets actor_id on the person rows before they are inserted
      registry.runOpsSync(registry.registryOps(input, rows.persons), (op) => {
        const s = this.stmt(op.sql);
        if (op.read) return s.all(op.params);
        s.run(op.params);
        return [];
      });
      const ins = (sql: string, xs: readonly object[]) => {
        if (!xs.length) return;
        const s = this.stmt(sql);
        for (const x of xs) {
          try {
            s.run(x);
          } catch (e) {
            const table = /INSERT INTO (\w+)/.exec(sql)?.[1];
            throw new Error(`store: cannot save a row of ${table} (${(e as Error).message})`, { cause: e });
          }
        }
      };
      ins(`INSERT INTO persons (article_id, idx, name, name_key, surname_key, alias_keys, aliases, role, role_inferred,
          role_evidence, country, country_inferred, country_evidence, mentions, actor_id, role_source, country_source)
        VALUES (@article_id, @idx, @name, @name_key, @surname_key, @alias_keys, @aliases, @role, @role_inferred,
          @role_evidence, @country, @country_inferred, @country_evidence, @mentions, @actor_id, @role_source, @country_source)`, rows.persons);
      ins(`INSERT INTO organizations (article_id, idx, name, name_key, aliases, actor, mentions)
        VALUES (@article_id, @idx, @name, @name_key, @aliases, @actor, @mentions)`, rows.organizations);
      ins(`INSERT INTO places (article_id, idx, name, name_key, country, lat, lon, mentions)
        VALUES (@article_id, @idx, @name, @name_key, @country, @lat, @lon, @mentions)`, rows.places);
      ins(`INSERT INTO events (article_id, idx, type, mode, source_person, source_person_key, source_actor, source_group,
          target_person, target_person_key, target_actor, target_group, date, span_start, span_end, evidence, rule, realis, mutual)
        VALUES (@article_id, @idx, @type, @mode, @source_person, @source_person_key, @source_actor, @source_group,
          @target_person, @target_person_key, @target_actor, @target_group, @date, @span_start, @span_end, @evidence, @rule,
          @realis, @mutual)`, rows.events);
      ins(`INSERT INTO figures (article_id, idx, what, value, value_max, qualifier, unit, category, as_of, attributed_to,
          span_start, span_end, evidence, rule)
        VALUES (@article_id, @idx, @what, @value, @value_max, @qualifier, @unit, @category, @as_of, @attributed_to,
          @span_start, @span_end, @evidence, @rule)`, rows.figures);
      ins(`INSERT INTO quotes (article_id, idx, speaker, speaker_key, speaker_surname_key, direct, span_start, span_end,
          text, rule)
        VALUES (@article_id, @idx, @speaker, @speaker_key, @speaker_surname_key, @direct, @span_start, @span_end,
          @text, @rule)`, rows.quotes);
      // events merged across articles and figure series, in the same transaction (src/store/merged.ts)
      registry.runOpsSync(merged.mergedOps(input), (op) => {
        const s = this.stmt(op.sql);
        if (op.read) return s.all(op.params);
        s.run(op.params);
        return [];
      });
      if (!rows.personIndex.length) return "inserted";
      const upsertPerson = this.stmt(`INSERT INTO person_index (name_key, name, role, country, articles, first_seen, last_seen)
        VALUES (@name_key, @name, @role, @country, 1, @published, @published)
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
      for (const p of rows.personIndex) upsertPerson.run(p);
      return "inserted";
    }
  }

  async getArticle(id: string): Promise<StoredArticle | null> {
    const a = this.get<ArticleRowDb>("SELECT * FROM articles WHERE id = @id", { id });
    if (!a) return null;
    const of = <T>(table: string) => this.all<T>(`SELECT * FROM ${table} WHERE article_id = @id ORDER BY idx`, { id });
    const record = recordFromRows({
      article: a,
      persons: of<PersonRowDb>("persons"),
      organizations: of<OrgRowDb>("organizations"),
      places: of<PlaceRowDb>("places"),
      events: of<EventRowDb>("events"),
      figures: of<FigureRowDb>("figures"),
      quotes: of<QuoteRowDb>("quotes"),
    });
    const row = this.get<ArticleListRow>(`SELECT ${ARTICLE_COLS} FROM articles a WHERE a.id = @id`, { id })!;
    return { article: articleRow(row), text: a.text, record };
  }

  async listArticles(f: ArticleFilter = {}): Promise<ArticleRow[]> {
    const w = new Where();
    if (f.outlet) w.add("a.outlet = @outlet", { outlet: f.outlet });
    if (f.story) w.add("a.story_id = @story", { story: f.story });
    dateRange(w, "a.published", f);
    const lim = page(f, w.params);
    return this.all<ArticleListRow>(
      `SELECT ${ARTICLE_COLS} FROM articles a ${w} ORDER BY a.published IS NULL, a.published DESC, a.id ${lim}`, w.params,
    ).map(articleRow);
  }

  async listPersons(f: PersonFilter = {}): Promise<PersonSummary[]> {
    const w = new Where();
    if (f.outlet) w.add("a.outlet = @outlet", { outlet: f.outlet });
    if (f.story) w.add("a.story_id = @story", { story: f.story });
    dateRange(w, "a.published", f);
    if (!w.parts.length) {
      // the whole store: the person index kept up to date on every save
      const params: Params = {};
      const lim = page(f, params);
      return this.all<PersonSummary>(
        `SELECT name_key AS key, name, role, country, articles, first_seen, last_seen FROM person_index
         ORDER BY articles DESC, name_key ${lim}`,
        params,
      );
    }
    const lim = page(f, w.params);
    const groups = this.all<{ key: string; articles: number; first_seen: string | null; last_seen: string | null }>(
      `SELECT p.name_key AS key, COUNT(DISTINCT p.article_id) AS articles, MIN(a.published) AS first_seen, MAX(a.published) AS last_seen
       FROM persons p JOIN articles a ON a.id = p.article_id ${w}
       GROUP BY p.name_key ORDER BY articles DESC, p.name_key ${lim}`,
      w.params,
    );
    if (!groups.length) return [];
    // name, role and country of the latest appearance (within the filter) that has one
    const keys: Params = {};
    groups.forEach((g, i) => (keys[`k${i}`] = g.key));
    const wk = new Where().add(`p.name_key IN (${groups.map((_, i) => `@k${i}`).join(", ")})`, keys);
    for (const part of w.parts) wk.add(part);
    Object.assign(wk.params, w.params);
    delete wk.params.limit;
    delete wk.params.offset;
    const latest = new Map<string, { name: string | null; role: string | null; country: string | null }>();
    for (const r of this.db.prepare(
      `SELECT p.name_key, p.name, p.role, p.country FROM persons p JOIN articles a ON a.id = p.article_id ${wk}
       ORDER BY a.published IS NULL, a.published DESC`,
    ).iterate(wk.params) as Iterable<{ name_key: string; name: string; role: string | null; country: string | null }>) {
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
    // the full name first, then an alias, then a surname; the most frequent person wins
    const hit = this.get<{ name_key: string }>(
      `SELECT name_key, COUNT(DISTINCT article_id) AS n,
         MAX(CASE WHEN name_key = @k THEN 3 WHEN instr(alias_keys, '|' || @k || '|') > 0 THEN 2 ELSE 1 END) AS how
       FROM persons
       WHERE name_key = @k OR instr(alias_keys, '|' || @k || '|') > 0 OR surname_key = @k
       GROUP BY name_key ORDER BY how DESC, n DESC, name_key LIMIT 1`,
      { k },
    );
    if (!hit) return null;
    const key = hit.name_key;
    const rows = this.all<PersonRowDb & { published: string | null; title: string | null }>(
      `SELECT p.*, a.published, a.title FROM persons p JOIN articles a ON a.id = p.article_id
       WHERE p.name_key = @key ORDER BY a.published, a.id LIMIT 5000`,
      { key },
    );
    // spans need the article text: load it for the latest appearances and where a role is stated
    const withText = new Set(rows.slice(-PERSON_TEXTS).map((r) => r.article_id));
    for (const r of rows) if (r.role_evidence && withText.size < PERSON_TEXTS * 2) withText.add(r.article_id);
    const textOf = (id: string) => this.get<{ text: string }>("SELECT text FROM articles WHERE id = @id", { id })?.text ?? "";
    const appearances: PersonAppearance[] = rows.map((r) => {
      const t = withText.has(r.article_id) ? textOf(r.article_id) : null;
      return {
        article: r.article_id, title: r.title, published: r.published, name: r.name,
        aliases: JSON.parse(r.aliases) as string[], role: r.role, country: r.country,
        role_evidence: t != null ? spanFromJson(t, r.role_evidence) : null,
        mentions: t != null ? mentionsFromJson(t, r.mentions) : [],
      };
    });
    const events = this.eventsWhere(new Where().add("(e.source_person_key = @key OR e.target_person_key = @key)", { key }), { limit: 1000 });
    const quotes = this.quotesWhere(new Where().add("q.speaker_key = @key", { key }), { limit: 1000 });
    return buildPersonDetail(key, appearances, events, quotes);
  }

  /** Runs a reading statement of the shared registry SQL. */
  private readonly reader: registry.Reader = async <T>(sql: string, params: registry.Params) => this.all<T>(sql, params);

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

  private eventsWhere(w: Where, p: Page): EventRow[] {
    const lim = page(p, w.params);
    return this.all<EventRowDb & Ctx>(
      `SELECT e.*, a.published, a.title, a.story_id FROM events e JOIN articles a ON a.id = e.article_id ${w}
       ORDER BY COALESCE(e.date, a.published) IS NULL, COALESCE(e.date, a.published) DESC, e.article_id, e.idx ${lim}`,
      w.params,
    ).map(eventRow);
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
    if (f.outlet) w.add("a.outlet = @outlet", { outlet: f.outlet });
    dateRange(w, "COALESCE(e.date, a.published)", f);
    return this.eventsWhere(w, f);
  }

  async listFigures(f: FigureFilter = {}): Promise<FigureRow[]> {
    const w = new Where();
    if (f.category) w.add("g.category = @category", { category: f.category.toLowerCase() });
    if (f.story) w.add("a.story_id = @story", { story: f.story });
    if (f.article) w.add("g.article_id = @article", { article: f.article });
    if (f.outlet) w.add("a.outlet = @outlet", { outlet: f.outlet });
    if (f.what) w.add("lower(g.what) LIKE @what ESCAPE '\\'", { what: `%${f.what.toLowerCase().replace(/[\\%_]/g, (c) => "\\" + c)}%` });
    dateRange(w, "COALESCE(g.as_of, a.published)", f);
    const lim = page(f, w.params);
    return this.all<FigureRowDb & Ctx>(
      `SELECT g.*, a.published, a.title, a.story_id FROM figures g JOIN articles a ON a.id = g.article_id ${w}
       ORDER BY COALESCE(g.as_of, a.published) IS NULL, COALESCE(g.as_of, a.published) DESC, g.article_id, g.idx ${lim}`,
      w.params,
    ).map(figureRow);
  }

  private quotesWhere(w: Where, p: Page): QuoteRow[] {
    const lim = page(p, w.params);
    return this.all<QuoteRowDb & Ctx>(
      `SELECT q.*, a.published, a.title, a.story_id FROM quotes q JOIN articles a ON a.id = q.article_id ${w}
       ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.idx ${lim}`,
      w.params,
    ).map(quoteRow);
  }

  async listQuotes(f: QuoteFilter = {}): Promise<QuoteRow[]> {
    const w = new Where();
    if (f.speaker) {
      const k = foldName(f.speaker);
      w.add("(q.speaker_key = @sk OR q.speaker_surname_key = @sk)", { sk: k });
    }
    if (f.story) w.add("a.story_id = @story", { story: f.story });
    if (f.article) w.add("q.article_id = @article", { article: f.article });
    if (f.outlet) w.add("a.outlet = @outlet", { outlet: f.outlet });
    dateRange(w, "a.published", f);
    return this.quotesWhere(w, f);
  }

  async listStories(f: Page & DateRange = {}): Promise<StoryRow[]> {
    const w = new Where();
    dateRange(w, "s.last_date", { from: f.from });
    dateRange(w, "s.first_date", { to: f.to });
    const lim = page(f, w.params);
    return this.all<StoryDbRow>(
      `SELECT ${STORY_COLS} FROM stories s ${w}
       ORDER BY s.last_date IS NULL, s.last_date DESC, s.article_count DESC, s.id ${lim}`,
      w.params,
    ).map(storyRow);
  }

  async getStory(id: string): Promise<StoryDetail | null> {
    const s = this.get<StoryDbRow>(`SELECT ${STORY_COLS} FROM stories s WHERE s.id = @id`, { id });
    if (!s) return null;
    return { ...storyRow(s), articles: await this.listArticles({ story: id, limit: MAX_LIMIT }) };
  }

  async search(query: string, p: Page = {}): Promise<SearchHit[]> {
    const terms = parseQuery(query);
    if (!terms.length) return [];
    // folded words are letters and digits only: safe inside FTS5 string literals
    const match = terms.map((t) => `"${t.words.join(" ")}"${t.prefix ? "*" : ""}`).join(" ");
    const params: Params = { match };
    const lim = page(p, params);
    const rows = this.all<{ id: string; title: string | null; published: string | null; outlet: string | null; story_id: string | null; text: string; score: number }>(
      `SELECT a.id, a.title, a.published, a.outlet, a.story_id, a.text, bm25(articles_fts, 3.0, 1.0) AS score
       FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
       WHERE articles_fts MATCH @match ORDER BY score, a.published DESC ${lim}`,
      params,
    );
    return rows.map((r) => {
      const hits: TextSpan[] = findHits(r.text, terms);
      return {
        article: r.id, title: r.title, lead: ellipsis((r.text.split("\n", 1)[0] ?? "").trim(), 120), published: r.published, outlet: r.outlet, story: r.story_id,
        score: -r.score, snippet: snippetAround(r.text, hits), hits,
      };
    });
  }

  async *exportRows(kind: ExportKind): AsyncIterable<FlatRow> {
    const sql: Record<ExportKind, string> = {
      articles: `SELECT id, title, url, outlet, published, published_inferred, origin, story_id AS story, ingested_at, text
        FROM articles ORDER BY published, id`,
      persons: `SELECT p.article_id AS article, a.published, p.idx, p.name, p.name_key AS key, p.aliases, p.role,
          p.role_inferred, p.country, p.country_inferred, p.mentions
        FROM persons p JOIN articles a ON a.id = p.article_id ORDER BY a.published, p.article_id, p.idx`,
      events: `SELECT e.article_id AS article, a.published, a.story_id AS story, e.idx, e.type, e.mode,
          e.source_person, e.source_actor, e.source_group, e.target_person, e.target_actor, e.target_group,
          e.date, e.realis, e.mutual, e.span_start, e.span_end, e.evidence, e.rule
        FROM events e JOIN articles a ON a.id = e.article_id ORDER BY a.published, e.article_id, e.idx`,
      figures: `SELECT g.article_id AS article, a.published, a.story_id AS story, g.idx, g.what, g.value, g.value_max,
          g.qualifier, g.unit, g.category, g.as_of, g.attributed_to, g.span_start, g.span_end, g.evidence, g.rule
        FROM figures g JOIN articles a ON a.id = g.article_id ORDER BY a.published, g.article_id, g.idx`,
      quotes: `SELECT q.article_id AS article, a.published, a.story_id AS story, q.idx, q.speaker, q.direct,
          q.span_start, q.span_end, q.text, q.rule
        FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY a.published, q.article_id, q.idx`,
    };
    const bools = new Set(["published_inferred", "role_inferred", "country_inferred", "mutual", "direct"]);
    // a separate statement: iterate() keeps it busy until the loop ends
    for (const row of this.db.prepare(sql[kind]).iterate() as Iterable<Record<string, string | number | null>>) {
      const out: FlatRow = {};
      for (const [k, v] of Object.entries(row)) out[k] = bools.has(k) && v != null ? v === 1 : v;
      yield out;
    }
  }

  async counts(): Promise<Counts> {
    return this.get<Counts>(`SELECT
      (SELECT COUNT(*) FROM articles) AS articles,
      (SELECT COUNT(*) FROM stories) AS stories,
      (SELECT COUNT(DISTINCT name_key) FROM persons) AS persons,
      (SELECT COUNT(DISTINCT name_key) FROM organizations) AS organizations,
      (SELECT COUNT(DISTINCT name_key) FROM places) AS places,
      (SELECT COUNT(*) FROM events) AS events,
      (SELECT COUNT(*) FROM figures) AS figures,
      (SELECT COUNT(*) FROM quotes) AS quotes`)!;
  }

  async getState(name: string): Promise<string | null> {
    return this.get<{ value: string }>("SELECT value FROM resolver_state WHERE name = @name", { name })?.value ?? null;
  }

  async setState(name: string, value: string): Promise<void> {
    this.stmt(`INSERT INTO resolver_state (name, value, updated_at) VALUES (@name, @value, @now)
      ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
      .run({ name, value, now: new Date().toISOString() });
  }

  async close(): Promise<void> {
    this.stmts.clear();
    if (this.db.open) this.db.close();
  }
}

