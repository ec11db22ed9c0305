/**
 * The HTTP API (Hono) over the store port, and the built web app at /. Routes are thin: they
 * validate input with the zod schemas of ./schemas.ts, call the store port or a composed view of
 * ./queries.ts, and answer JSON. Errors are JSON too: {error: {code, message, issues?}}.
 *
 * Writes (POST /api/articles) run the same ingest service as the CLI and are refused (403)
 * unless the app is created with allowWrites.
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { InputError } from "../core/errors.js";
import type { Article } from "../core/types.js";
import { makeArticle } from "../ingest/article.js";
import { readInputs } from "../ingest/index.js";
import { ingestArticles } from "../service.js";
import type { Store } from "../store/port.js";
import { actorNames } from "./names.js";
import { openApiDocument } from "./openapi.js";
import {
  figureSeries, network, withLeads, places, searchAll, storySummaries, storyView,
} from "./queries.js";
import {
  ArticlesQuery, EventsQuery, FigureSeriesQuery, FiguresQuery, issuesOf, MAX_BODY_BYTES, MAX_TEXT_CHARS, NetworkQuery,
  NewArticleBody, PersonsQuery, PlacesQuery, QuotesQuery, SearchQuery, StoriesQuery,
} from "./schemas.js";
import { serveWeb } from "./static.js";

/** GET /api/events/merged: one row per real event (merged across articles in the store). */
const MergedEventsQuery = EventsQuery.omit({ outlet: true }).extend({
  min_sources: z.coerce.number().int().min(1).max(100_000).optional().describe("at least this many sources (outlets)"),
});
/** GET /api/figures/series/stored: the figure series kept in the store (one per quantity). */
const StoredSeriesQuery = FiguresQuery.pick({ limit: true, offset: true, category: true, what: true }).extend({
  min_points: z.coerce.number().int().min(1).max(100_000).optional().describe("at least this many as-of dates"),
  contradicted: z.enum(["1", "true", "0", "false"]).optional().describe("only series with a contradiction"),
});

export interface AppOptions {
  store: Store;
  /** accept POST /api/articles (default false) */
  allowWrites?: boolean;
  /** folder of the built web app (default: dist/web under the package root); null: no web app */
  webDir?: string | null;
  /**
   * Host names (without port) the server answers to; others get a 403. `eventwire serve` sets
   * the loopback names when it binds to loopback, so that a web page elsewhere cannot reach the
   * API through DNS rebinding. Default: any host.
   */
  allowedHosts?: string[];
}

/** The names a loopback server is reached by. */
export const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"];

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** An error with an HTTP status, answered as JSON. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 413 | 414 | 415 | 422 | 500,
    readonly code: string,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

const MAX_URL_CHARS = 4096;
const SUPPORTED_UPLOADS = "application/json, multipart/form-data (field \"file\"), text/html, application/rss+xml, application/atom+xml, application/xml, text/xml, text/plain";

/** Parses the query string with a schema; unknown parameters and bad values are a 400. */
function query<S extends z.ZodObject>(c: Context, schema: S): z.output<S> {
  const raw = c.req.query();
  const known = new Set(Object.keys(schema.shape));
  const unknown = Object.keys(raw).filter((k) => !known.has(k));
  if (unknown.length) {
    throw new HttpError(400, "bad_query", `unknown query parameter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")} (known: ${[...known].join(", ")})`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issues = issuesOf(r.error);
    throw new HttpError(400, "bad_query", `bad query: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
  }
  return r.data;
}

export function createApp(opts: AppOptions): Hono {
  const { store } = opts;
  const app = new Hono();
  let writing: Promise<unknown> = Promise.resolve();

  const hosts = opts.allowedHosts ? new Set(opts.allowedHosts.map((h) => h.toLowerCase())) : null;
  app.use("*", async (c, next) => {
    if (c.req.url.length > MAX_URL_CHARS) throw new HttpError(414, "uri_too_long", `request URL longer than ${MAX_URL_CHARS} characters`);
    if (hosts) {
      const host = (c.req.header("host") ?? new URL(c.req.url).host).toLowerCase().replace(/:\d+$/, "");
      if (!hosts.has(host)) throw new HttpError(403, "bad_host", `this server does not answer to host "${host.slice(0, 100)}"`);
    }
    // writes only from this origin: a page elsewhere may not post here (CSRF)
    if (UNSAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      const site = c.req.header("sec-fetch-site");
      const self = new URL(c.req.url);
      const sameHost = (o: string) => {
        try {
          return new URL(o).host === (c.req.header("host") ?? self.host);
        } catch {
          return false;
        }
      };
      if ((origin && origin !== "null" && !sameHost(origin)) || origin === "null" || site === "cross-site" || site === "same-site") {
        throw new HttpError(403, "cross_origin", "requests that change data must come from this server's own pages");
      }
    }
    await next();
    c.header("x-content-type-options", "nosniff");
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HttpError(413, "too_large", `request body larger than ${MAX_BODY_BYTES.toLocaleString("en-US")} bytes`);
      },
    }),
  );

  app.onError((err, c) => {
    if (err instanceof HttpError) {
      return c.json({ error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } }, err.status);
    }
    console.error(err);
    return c.json({ error: { code: "internal", message: "internal error" } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: "not_found", message: `no route for ${c.req.method} ${new URL(c.req.url).pathname}` } }, 404));

  const api = new Hono();
  api.get("/health", async (c) => c.json({ ok: true, writes: opts.allowWrites === true, counts: await store.counts() }));
  api.get("/openapi.json", (c) => c.json(openApiDocument()));
  api.get("/actor-names", (c) => {
    c.header("cache-control", "public, max-age=86400");
    return c.json(actorNames());
  });

  api.get("/articles", async (c) => {
    const q = query(c, ArticlesQuery);
    return c.json(await store.listArticles(q));
  });
  api.get("/articles/:id", async (c) => {
    const a = await store.getArticle(c.req.param("id"));
    if (!a) throw new HttpError(404, "not_found", `no article with id "${c.req.param("id")}"`);
    return c.json(a);
  });
  api.post("/articles", async (c) => {
    if (!opts.allowWrites) throw new HttpError(403, "writes_disabled", "adding articles is off: start the server with --allow-writes");
    const inputs = await articlesFromRequest(c);
    // one write at a time: the story index is loaded from and saved to the store around each
    const job = writing.then(() => collect(store, inputs));
    writing = job.catch(() => undefined);
    const res = await job;
    // 201 when at least one article is stored (new or already there), else 422 with the reasons
    return c.json(res, res.articles.length ? 201 : 422);
  });

  api.get("/stories", async (c) => c.json(await storySummaries(store, query(c, StoriesQuery))));
  api.get("/stories/:id", async (c) => {
    const s = await storyView(store, c.req.param("id"));
    if (!s) throw new HttpError(404, "not_found", `no story with id "${c.req.param("id")}"`);
    return c.json(s);
  });

  api.get("/events", async (c) => c.json(await store.listEvents(query(c, EventsQuery))));
  api.get("/events/merged", async (c) => c.json(await store.listMergedEvents(query(c, MergedEventsQuery))));
  api.get("/figures/series/stored", async (c) => {
    const q = query(c, StoredSeriesQuery);
    return c.json(await store.listFigureSeries({ ...q, contradicted: q.contradicted === "1" || q.contradicted === "true" }));
  });
  api.get("/figures", async (c) => c.json(await store.listFigures(query(c, FiguresQuery))));
  api.get("/figures/series", async (c) => c.json(await figureSeries(store, query(c, FigureSeriesQuery))));
  api.get("/quotes", async (c) => c.json(await store.listQuotes(query(c, QuotesQuery))));

  // persons are the actor registry's: one per real person, name variants merged
  api.get("/persons", async (c) => c.json(await store.listActors(query(c, PersonsQuery))));
  api.get("/persons/:name", async (c) => {
    const name = c.req.param("name");
    if (name.length > 200) throw new HttpError(400, "bad_request", "person name longer than 200 characters");
    const p = (await store.getActor(name)) ?? (await store.getPerson(name));
    if (!p) throw new HttpError(404, "not_found", `no person named "${name}"`);
    return c.json({ ...p, events: await withLeads(store, p.events), quotes: await withLeads(store, p.quotes) });
  });

  api.get("/network", async (c) => c.json(await network(store, query(c, NetworkQuery))));
  api.get("/places", async (c) => c.json(await places(store, query(c, PlacesQuery))));
  api.get("/search", async (c) => c.json(await searchAll(store, query(c, SearchQuery))));

  api.all("*", (c) => {
    throw new HttpError(404, "not_found", `no API route for ${c.req.method} ${new URL(c.req.url).pathname}`);
  });

  app.route("/api", api);
  if (opts.webDir !== null) serveWeb(app, opts.webDir);
  return app;
}

interface WriteResult {
  counts: { read: number; inserted: number; unchanged: number; failed: number };
  articles: Array<{ id: string; result: string; href: string }>;
  errors: Array<{ origin: string; code: string; message: string }>;
}

async function collect(store: Store, inputs: Array<Article | InputError>): Promise<WriteResult> {
  const articles: WriteResult["articles"] = [];
  const errors: WriteResult["errors"] = [];
  const counts = await ingestArticles(store, inputs, {
    onArticle: (id, result) => {
      if (result !== "failed") articles.push({ id, result, href: `/api/articles/${encodeURIComponent(id)}` });
    },
    onError: (e) => errors.push({ origin: e.origin, code: e.code, message: e.reason }),
  });
  return { counts, articles, errors };
}

/** The articles a POST carries: a JSON object, an uploaded file (multipart), or a raw HTML/RSS/text body. */
async function articlesFromRequest(c: Context): Promise<Array<Article | InputError>> {
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new HttpError(400, "bad_json", "the body is not valid JSON");
    }
    const r = NewArticleBody.safeParse(body);
    if (!r.success) {
      const issues = issuesOf(r.error);
      throw new HttpError(400, "bad_body", `bad article: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
    }
    const b = r.data;
    return [makeArticle(b.text, "api", { url: b.url ?? null, published: b.date ?? null, title: b.title ?? null, outlet: b.outlet ?? null })];
  }
  let bytes: Uint8Array;
  let origin = "upload";
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new HttpError(400, "bad_form", "the multipart body could not be read");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw new HttpError(400, "bad_form", 'the form has no file in the field "file"');
    bytes = new Uint8Array(await file.arrayBuffer());
    origin = `upload:${file.name.replace(/[^\w.\-]+/g, "_").slice(0, 100) || "file"}`;
  } else if (/^(text\/(html|plain|xml)|application\/(rss\+xml|atom\+xml|xml|xhtml\+xml))$/.test(type)) {
    bytes = new Uint8Array(await c.req.arrayBuffer());
  } else {
    throw new HttpError(415, "unsupported_media_type", `unsupported content type "${type || "(none)"}"; send one of: ${SUPPORTED_UPLOADS}`);
  }
  if (bytes.length === 0) throw new HttpError(400, "empty", "the upload is empty");
  const items: Array<Article | InputError> = [];
  const stdin = (async function* () {
    yield bytes;
  })();
  for await (const item of readInputs(["-"], { stdin, maxChars: MAX_TEXT_CHARS })) {
    items.push(item instanceof InputError ? new InputError(origin, item.reason, item.code) : { ...item, origin: item.origin.replace(/^-/, origin) });
  }
  const good = items.filter((i) => !(i instanceof InputError));
  if (!good.length) {
    const errs = items.filter((i): i is InputError => i instanceof InputError);
    throw new HttpError(422, "unreadable", errs.map((e) => e.reason).join("; ") || "no article found in the upload",
      errs.map((e) => ({ path: e.origin, message: `${e.code}: ${e.reason}` })));
  }
  return items;
}
