/**
 * The HTTP API, in process (app.request): a temporary SQLite store filled by ingesting the
 * bundled examples through the ingest service, then every route, its filters, its errors and
 * the write endpoint.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/api/app.js";
import { contradict, locatedAt, seriesOf, timeline, type FigureSeries, type Network, type PlacePoint, type SearchResult, type StorySummary, type StoryView } from "../src/api/queries.js";
import { MAX_BODY_BYTES } from "../src/api/schemas.js";
import { packageRoot } from "../src/core/paths.js";
import type { ArticleRecord, TextSpan } from "../src/core/types.js";
import { ingestPaths } from "../src/service.js";
import { openStore } from "../src/store/index.js";
import type { ArticleRow, EventRow, FigureRow, PersonDetail, PersonSummary, Store, StoredArticle } from "../src/store/port.js";

let dir: string;
let store: Store;
let app: Hono;
let texts: Map<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "eventwire-api-"));
  store = await openStore(join(dir, "api.db"));
  const counts = await ingestPaths(store, [join(packageRoot(), "examples")]);
  expect(counts.inserted).toBeGreaterThanOrEqual(3);
  app = createApp({ store, webDir: null });
  texts = new Map();
  for (const a of await store.listArticles({ limit: 1000 })) texts.set(a.id, (await store.getArticle(a.id))!.text);
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get<T>(path: string, status = 200, a: Hono = app): Promise<T> {
  const res = await a.request(path);
  const body = await res.json();
  expect(res.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return body as T;
}

/** The span points at its words in the article text. */
function expectSpan(article: string, s: TextSpan): void {
  const text = texts.get(article);
  expect(text, `article ${article}`).toBeDefined();
  expect(text!.slice(s.start, s.end)).toBe(s.text);
}

function allSpans(r: ArticleRecord): TextSpan[] {
  return [
    ...r.persons.flatMap((p) => [...p.mentions, ...(p.role_evidence ? [p.role_evidence] : []), ...(p.country_evidence ? [p.country_evidence] : [])]),
    ...r.organizations.flatMap((o) => o.mentions),
    ...r.places.flatMap((p) => p.mentions),
    ...r.events.map((e) => e.span),
    ...r.figures.map((f) => f.span),
    ...r.quotes.map((q) => q.span),
    ...(r.published_evidence ? [r.published_evidence] : []),
  ];
}

interface ErrorBody {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
}

describe("read endpoints", () => {
  it("health gives the store counts", async () => {
    const h = await get<{ ok: boolean; writes: boolean; counts: { articles: number; events: number } }>("/api/health");
    expect(h.ok).toBe(true);
    expect(h.writes).toBe(false);
    expect(h.counts.articles).toBe(texts.size);
    expect(h.counts.events).toBeGreaterThan(0);
  });

  it("articles: list, pagination, date and story filters", async () => {
    const all = await get<ArticleRow[]>("/api/articles");
    expect(all.length).toBe(texts.size);
    const p1 = await get<ArticleRow[]>("/api/articles?limit=1&offset=1");
    expect(p1).toHaveLength(1);
    expect(p1[0]!.id).toBe(all[1]!.id);
    const dated = all.find((a) => a.published)!;
    const inRange = await get<ArticleRow[]>(`/api/articles?from=${dated.published}&to=${dated.published}`);
    expect(inRange.map((a) => a.id)).toContain(dated.id);
    expect(inRange.every((a) => a.published === dated.published)).toBe(true);
    const none = await get<ArticleRow[]>("/api/articles?from=1990-01-01&to=1990-12-31");
    expect(none).toEqual([]);
    const byStory = await get<ArticleRow[]>(`/api/articles?story=${encodeURIComponent(dated.story!)}`);
    expect(byStory.length).toBeGreaterThan(0);
    expect(byStory.every((a) => a.story === dated.story)).toBe(true);
    expect(await get<ArticleRow[]>("/api/articles?outlet=No%20Such%20Outlet")).toEqual([]);
  });

  it("an article comes with its text and every extraction, each span pointing at its words", async () => {
    for (const id of texts.keys()) {
      const a = await get<StoredArticle>(`/api/articles/${id}`);
      expect(a.text).toBe(texts.get(id));
      const spans = allSpans(a.record);
      expect(spans.length).toBeGreaterThan(0);
      for (const s of spans) expectSpan(id, s);
    }
    const e = await get<ErrorBody>("/api/articles/nope", 404);
    expect(e.error.code).toBe("not_found");
  });

  it("stories: newest first, with sources count and key actors", async () => {
    const s = await get<StorySummary[]>("/api/stories");
    expect(s.length).toBeGreaterThan(0);
    const dates = s.map((x) => x.last_date ?? "");
    // dated stories first, newest first
    expect(dates).toEqual([...dates].sort((a, b) => (b || "").localeCompare(a || "")));
    for (const x of s) {
      expect(x.sources).toBeGreaterThanOrEqual(1);
      expect(x.sources).toBeLessThanOrEqual(x.article_count);
    }
    expect(s.some((x) => x.key_actors.some((k) => k.kind === "person"))).toBe(true);
    const akar = await get<StorySummary[]>("/api/stories?actor=Akar");
    expect(akar.length).toBeGreaterThan(0);
    expect(akar.length).toBeLessThan(s.length);
    expect(await get<StorySummary[]>("/api/stories?actor=Nobody%20Atall")).toEqual([]);
    // date range and pages
    const dated = s.filter((x) => x.first_date);
    const d = dated[0]!.first_date!;
    const inRange = await get<StorySummary[]>(`/api/stories?from=${d}&to=${d}`);
    expect(inRange.map((x) => x.id)).toContain(dated[0]!.id);
    expect(inRange.every((x) => x.first_date !== null)).toBe(true);
    expect(await get<StorySummary[]>("/api/stories?from=1990&to=1990")).toEqual([]);
    expect((await get<StorySummary[]>("/api/stories?limit=1&offset=1")).map((x) => x.id)).toEqual([s[1]!.id]);
    // an actor by code or by country name
    const byCode = await get<StorySummary[]>("/api/stories?actor=GBR");
    expect(byCode.length).toBeGreaterThan(0);
    expect((await get<StorySummary[]>("/api/stories?actor=United%20Kingdom")).map((x) => x.id)).toEqual(byCode.map((x) => x.id));
    expect(s.flatMap((x) => x.key_actors).some((k) => k.kind === "actor" && k.label !== k.code)).toBe(true);
  });

  it("a story has a timeline of events with their sources, figures and articles", async () => {
    const [first] = await get<StorySummary[]>("/api/stories");
    const st = await get<StoryView>(`/api/stories/${encodeURIComponent(first!.id)}`);
    expect(st.articles.length).toBe(st.article_count);
    expect(st.timeline.length).toBeGreaterThan(0);
    for (const t of st.timeline) {
      expect(t.sources.length).toBeGreaterThan(0);
      for (const src of t.sources) {
        expect(st.articles.map((a) => a.id)).toContain(src.article);
        expectSpan(src.article, src.span);
      }
    }
    for (const f of st.figures) expectSpan(f.article, f.span);
    await get<ErrorBody>("/api/stories/no-such-story", 404);
  });

  it("events: type, actor and outlet filters; bad values are a 400 naming the parameter", async () => {
    const all = await get<EventRow[]>("/api/events?limit=500");
    expect(all.length).toBeGreaterThan(1);
    const consult = await get<EventRow[]>("/api/events?type=CONSULT");
    expect(consult.length).toBeGreaterThan(0);
    expect(consult.every((e) => e.type === "CONSULT")).toBe(true);
    const tur = await get<EventRow[]>("/api/events?actor=TUR&limit=500");
    expect(tur.length).toBeGreaterThan(0);
    expect(tur.length).toBeLessThan(all.length);
    expect(tur.every((e) => e.source.actor === "TUR" || e.target.actor === "TUR")).toBe(true);
    expect(await get<EventRow[]>("/api/events?outlet=No%20Such%20Outlet")).toEqual([]);
    for (const e of all) expectSpan(e.article, e.span);

    const bad = await get<ErrorBody>("/api/events?type=PARTY", 400);
    expect(bad.error.code).toBe("bad_query");
    expect(bad.error.issues?.[0]?.path).toBe("type");
    const unknown = await get<ErrorBody>("/api/events?tpye=CONSULT", 400);
    expect(unknown.error.message).toMatch(/unknown query parameter: tpye/);
    const date = await get<ErrorBody>("/api/events?from=yesterday", 400);
    expect(date.error.issues?.[0]?.path).toBe("from");
    await get<ErrorBody>("/api/events?to=2022-13-01", 400);
    await get<ErrorBody>("/api/events?to=2022-02-32", 400);
    await get<EventRow[]>("/api/events?from=2022&to=2022-02");
    await get<ErrorBody>("/api/events?limit=100000", 400);
    await get<ErrorBody>("/api/events?limit=-1", 400);
    await get<ErrorBody>("/api/events?offset=abc", 400);
  });

  it("persons: list, and one person with roles over time, events and quotes", async () => {
    const ps = await get<PersonSummary[]>("/api/persons");
    expect(ps.length).toBeGreaterThan(3);
    const top = ps[0]!;
    const p = await get<PersonDetail>(`/api/persons/${encodeURIComponent(top.name)}`);
    expect(p.name).toBe(top.name);
    expect(p.roles.length).toBeGreaterThan(0);
    for (const r of p.roles) if (r.evidence && r.evidence_article) expectSpan(r.evidence_article, r.evidence);
    for (const e of p.events) expectSpan(e.article, e.span);
    // every event and quote can be labelled: its article's title, or its lead when untitled
    const labelled = [...p.events, ...p.quotes] as Array<{ title: string | null; lead?: string | null }>;
    expect(labelled.every((r) => r.title || r.lead)).toBe(true);
    const surname = top.name.split(" ").at(-1)!;
    expect((await get<PersonDetail>(`/api/persons/${encodeURIComponent(surname)}`)).name).toBe(top.name);
    await get<ErrorBody>("/api/persons/Nobody%20Atall", 404);
  });

  it("figures and quotes, with spans; figure series group points per quantity", async () => {
    const fs = await get<FigureRow[]>("/api/figures?limit=500");
    expect(fs.length).toBeGreaterThan(0);
    for (const f of fs) expectSpan(f.article, f.span);
    const killed = await get<FigureRow[]>("/api/figures?category=killed");
    expect(killed.every((f) => f.category === "killed")).toBe(true);
    await get<ErrorBody>("/api/figures?category=happy", 400);
    const series = await get<FigureSeries[]>("/api/figures/series");
    expect(series.reduce((n, s) => n + s.points.length, 0)).toBe(fs.length);
    for (const s of series) for (const pt of s.points) expectSpan(pt.article, pt.span);
    const qs = await get<Array<{ article: string; span: TextSpan; speaker: string | null }>>("/api/quotes?limit=500");
    expect(qs.length).toBeGreaterThan(0);
    for (const q of qs) expectSpan(q.article, q.span);
  });

  it("network: nodes and edges weighted by event count, filterable by type", async () => {
    const net = await get<Network>("/api/network");
    expect(net.nodes.length).toBeGreaterThan(1);
    const ids = new Set(net.nodes.map((n) => n.id));
    for (const e of net.edges) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      expect(e.source).not.toBe(e.target);
      expect(Object.values(e.types).reduce((a, b) => a + b, 0)).toBe(e.count);
      for (const ev of e.events) expectSpan(ev.article, ev.span);
    }
    const consult = await get<Network>("/api/network?types=consult");
    expect(consult.edges.length).toBeGreaterThan(0);
    expect(consult.edges.every((e) => Object.keys(e.types).every((t) => t === "CONSULT"))).toBe(true);
    expect(consult.edges.length).toBeLessThan(net.edges.length);
    const empty = await get<Network>("/api/network?from=1990&to=1990");
    expect(empty.nodes).toEqual([]);
    const bad = await get<ErrorBody>("/api/network?types=CONSULT,HUGS", 400);
    expect(bad.error.message).toMatch(/HUGS/);
  });

  it("places carry coordinates and the events located at them", async () => {
    const ps = await get<PlacePoint[]>("/api/places");
    expect(ps.length).toBeGreaterThan(0);
    for (const p of ps) {
      expect(Math.abs(p.lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(p.lon)).toBeLessThanOrEqual(180);
      expect(p.articles.length).toBeGreaterThan(0);
      for (const e of p.events) expectSpan(e.article, e.span);
    }
  });

  it("search finds articles (with hit spans) and persons by name", async () => {
    const r = await get<SearchResult>("/api/search?q=Akar");
    expect(r.articles.length).toBeGreaterThan(0);
    for (const h of r.articles) for (const s of h.hits) expectSpan(h.article, s);
    expect(r.persons.map((p) => p.name)).toContain("Hulusi Akar");
    const none = await get<SearchResult>("/api/search?q=zzzqqqxxx");
    expect(none.articles).toEqual([]);
    expect(none.persons).toEqual([]);
    await get<ErrorBody>("/api/search", 400);
    await get<ErrorBody>(`/api/search?q=${"a".repeat(300)}`, 400);
  });

  it("serves an OpenAPI description of every route", async () => {
    const doc = await get<{ openapi: string; paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>> }>("/api/openapi.json");
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ["/api/articles", "/api/articles/{id}", "/api/stories", "/api/stories/{id}", "/api/events", "/api/persons", "/api/persons/{name}",
      "/api/figures", "/api/figures/series", "/api/quotes", "/api/network", "/api/places", "/api/search"]) {
      expect(doc.paths[p], p).toBeDefined();
    }
    expect(doc.paths["/api/events"]!.get!.parameters!.map((x) => x.name)).toEqual(expect.arrayContaining(["type", "actor", "from", "to", "story", "limit", "offset"]));
    expect(doc.paths["/api/articles"]!.post).toBeDefined();
  });

  it("gives display names for actor codes", async () => {
    const names = await get<Record<string, string>>("/api/actor-names");
    expect(names.FRA).toBe("France");
    expect(names.UN).toBeDefined();
    expect(names.XXZ).toBeUndefined();
  });

  it("unknown routes and methods are JSON 404s; very long URLs are refused", async () => {
    expect((await get<ErrorBody>("/api/nothing", 404)).error.code).toBe("not_found");
    const res = await app.request("/api/events", { method: "DELETE" });
    expect(res.status).toBe(404);
    await get<ErrorBody>(`/api/search?q=${"a".repeat(5000)}`, 414);
  });
});

describe("POST /api/articles", () => {
  const post = (a: Hono, body: BodyInit, type: string) => a.request("/api/articles", { method: "POST", body, headers: { "content-type": type } });
  const TEXT = "Foreign Minister Anna Example of Freedonia met her counterpart in Vienna on Tuesday.\n\nAt least 12 people were killed in the fighting, officials said.";

  it("is refused (403) unless writes are allowed", async () => {
    const res = await post(app, JSON.stringify({ text: TEXT }), "application/json");
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.code).toBe("writes_disabled");
    expect((await store.counts()).articles).toBe(texts.size);
  });

  describe("with writes allowed", () => {
    let wdir: string;
    let wstore: Store;
    let wapp: Hono;
    beforeAll(async () => {
      wdir = mkdtempSync(join(tmpdir(), "eventwire-api-w-"));
      wstore = await openStore(join(wdir, "w.db"));
      wapp = createApp({ store: wstore, allowWrites: true, webDir: null });
    });
    afterAll(async () => {
      await wstore.close();
      rmSync(wdir, { recursive: true, force: true });
    });

    it("adds a text with URL and date through the pipeline, idempotently", async () => {
      const res = await post(wapp, JSON.stringify({ text: TEXT, url: "https://example.org/a", date: "2024-03-05", outlet: "Example Wire" }), "application/json");
      expect(res.status).toBe(201);
      const body = (await res.json()) as { counts: { inserted: number }; articles: Array<{ id: string; result: string; href: string }> };
      expect(body.counts.inserted).toBe(1);
      const a = await get<StoredArticle>(body.articles[0]!.href, 200, wapp);
      expect(a.text).toBe(TEXT);
      expect(a.article.url).toBe("https://example.org/a");
      expect(a.article.published).toBe("2024-03-05");
      expect(a.article.outlet).toBe("Example Wire");
      expect(a.record.figures.length).toBeGreaterThan(0);
      for (const f of a.record.figures) expect(TEXT.slice(f.span.start, f.span.end)).toBe(f.span.text);
      // filters by outlet and by the quantity's words
      expect((await get<FigureRow[]>("/api/figures?outlet=Example%20Wire", 200, wapp)).length).toBe(a.record.figures.length);
      expect(await get<FigureRow[]>("/api/figures?outlet=Other%20Wire", 200, wapp)).toEqual([]);
      expect((await get<FigureRow[]>("/api/figures?what=killed", 200, wapp)).length).toBeGreaterThan(0);
      expect(await get<FigureRow[]>("/api/figures?what=vaccinated", 200, wapp)).toEqual([]);
      expect((await get<ArticleRow[]>("/api/articles?outlet=Example%20Wire", 200, wapp)).map((x) => x.id)).toEqual([a.article.id]);
      const again = await post(wapp, JSON.stringify({ text: TEXT }), "application/json");
      expect(again.status).toBe(201);
      expect(((await again.json()) as { articles: Array<{ result: string }> }).articles[0]!.result).toBe("unchanged");
    });

    it("reads an HTML upload (multipart) and a raw RSS body", async () => {
      const html = `<!doctype html><html><head><title>Talks in Geneva</title><meta property="article:published_time" content="2024-04-02"></head>
<body><article><h1>Talks in Geneva</h1><p>The foreign ministers of two neighbouring countries met in Geneva on Monday to discuss a ceasefire, officials said.</p>
<p>More than 300 people have been displaced by the fighting since January, the UN refugee agency said on Monday.</p></article></body></html>`;
      const form = new FormData();
      form.append("file", new Blob([html], { type: "text/html" }), "page.html");
      const res = await wapp.request("/api/articles", { method: "POST", body: form });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { articles: Array<{ href: string }> };
      const a = await get<StoredArticle>(body.articles[0]!.href, 200, wapp);
      expect(a.article.title).toBe("Talks in Geneva");
      expect(a.text).not.toMatch(/<p>/);

      const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><pubDate>Mon, 01 Jul 2024 10:00:00 GMT</pubDate><description>The president visited the capital on Monday and met the prime minister.</description></item>
<item><title>Two</title><pubDate>Tue, 02 Jul 2024 10:00:00 GMT</pubDate><description>Rebels attacked a convoy near the border on Tuesday, the army said.</description></item>
</channel></rss>`;
      const r2 = await post(wapp, rss, "application/rss+xml");
      expect(r2.status).toBe(201);
      const b2 = (await r2.json()) as { counts: { read: number; inserted: number } };
      expect(b2.counts.read).toBe(2);
      expect(b2.counts.inserted).toBe(2);
    });

    it("refuses writes from other origins (CSRF), and hosts it does not serve (DNS rebinding)", async () => {
      const body = JSON.stringify({ text: "A cross-site article." });
      const attempts: Array<Record<string, string>> = [
        { origin: "https://evil.example" },
        { origin: "null" },
        { "sec-fetch-site": "cross-site" },
      ];
      for (const headers of attempts) {
        const res = await wapp.request("/api/articles", { method: "POST", body, headers: { "content-type": "text/plain", ...headers } });
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(((await res.json()) as ErrorBody).error.code).toBe("cross_origin");
      }
      // same origin is fine
      const ok = await wapp.request("http://127.0.0.1:8080/api/articles", {
        method: "POST", body: JSON.stringify({ text: "A same-site article about talks in Lima." }),
        headers: { "content-type": "application/json", origin: "http://127.0.0.1:8080", "sec-fetch-site": "same-origin", host: "127.0.0.1:8080" },
      });
      expect(ok.status).toBe(201);
      const guarded = createApp({ store: wstore, webDir: null, allowedHosts: ["127.0.0.1", "localhost"] });
      expect((await guarded.request("http://127.0.0.1:8080/api/health")).status).toBe(200);
      expect((await guarded.request("http://localhost:8080/api/health")).status).toBe(200);
      const rebound = await guarded.request("http://evil.example:8080/api/health", { headers: { host: "evil.example:8080" } });
      expect(rebound.status).toBe(403);
      expect(((await rebound.json()) as ErrorBody).error.code).toBe("bad_host");
    });

    it("answers bad input with clear 4xx JSON errors", async () => {
      const cases: Array<[BodyInit, string, number, string]> = [
        ["{not json", "application/json", 400, "bad_json"],
        [JSON.stringify({ url: "https://example.org" }), "application/json", 400, "bad_body"],
        [JSON.stringify({ text: "   " }), "application/json", 400, "bad_body"],
        [JSON.stringify({ text: "x", date: "last week" }), "application/json", 400, "bad_body"],
        [JSON.stringify({ text: "x", url: "not a url" }), "application/json", 400, "bad_body"],
        ["hello", "application/pdf", 415, "unsupported_media_type"],
        ["", "text/html", 400, "empty"],
        ["<rss><channel><item>", "application/rss+xml", 422, "unreadable"],
      ];
      for (const [body, type, status, code] of cases) {
        const res = await post(wapp, body, type);
        const j = (await res.json()) as ErrorBody;
        expect([res.status, j.error.code], `${type} ${String(body).slice(0, 30)}`).toEqual([status, code]);
        expect(j.error.message.length).toBeGreaterThan(3);
      }
      const noFile = new FormData();
      noFile.append("text", "hello");
      const r = await wapp.request("/api/articles", { method: "POST", body: noFile });
      expect(r.status).toBe(400);
    });

    it("refuses bodies over the size limit (413) and texts over the character limit (400)", async () => {
      const big = "a".repeat(MAX_BODY_BYTES + 10);
      const res = await wapp.request("/api/articles", {
        method: "POST", body: big, headers: { "content-type": "text/plain", "content-length": String(big.length) },
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as ErrorBody).error.code).toBe("too_large");
      const long = await post(wapp, JSON.stringify({ text: "word ".repeat(50_000) }), "application/json");
      expect(long.status).toBe(400);
    });
  });
});

describe("the web app at /", () => {
  it("serves index.html with a strict CSP, assets by path, and nothing outside its folder", async () => {
    const web = mkdtempSync(join(tmpdir(), "eventwire-web-"));
    mkdirSync(join(web, "assets"));
    writeFileSync(join(web, "index.html"), "<!doctype html><title>t</title>");
    writeFileSync(join(web, "assets", "app.js"), "console.log(1)");
    const a = createApp({ store, webDir: web });
    const index = await a.request("/");
    expect(index.status).toBe(200);
    expect(index.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
    expect(index.headers.get("content-security-policy")).toMatch(/connect-src 'self'/);
    expect(await (await a.request("/story/abc")).text()).toContain("<title>t</title>");
    const js = await a.request("/assets/app.js");
    expect(js.headers.get("content-type")).toMatch(/javascript/);
    expect((await a.request("/assets/../../package.json")).status).toBe(404);
    expect((await a.request("/%2e%2e/%2e%2e/package.json")).status).toBe(404);
    expect((await a.request("/%ZZ.js")).status).toBe(400);
    expect((await a.request("/api/health")).status).toBe(200);
    rmSync(web, { recursive: true, force: true });
    const missing = createApp({ store, webDir: join(web, "gone") });
    expect((await missing.request("/")).status).toBe(503);
  });
});

describe("composed views", () => {
  const fig = (o: Partial<FigureRow>): FigureRow => ({
    article: "a", idx: 0, what: "civilians killed", value: 10, value_max: null, qualifier: "exactly", unit: "people", category: "killed",
    as_of: "2024-01-02", attributed_to: null, rule: "r", span: { start: 0, end: 1, text: "x" }, published: "2024-01-02", title: null, story: null, ...o,
  });

  it("marks figures that contradict: same quantity, same day, other source, ranges apart", () => {
    const [s] = seriesOf([fig({ article: "a", value: 10 }), fig({ article: "b", value: 40, idx: 1 })]);
    expect(s!.points.map((p) => p.contradicts.length)).toEqual([1, 1]);
  });

  it("does not mark compatible or incomparable figures", () => {
    const pairs: Array<[Partial<FigureRow>, Partial<FigureRow>]> = [
      [{ value: 10, qualifier: "at least" }, { article: "b", value: 40 }], // "at least 10" fits 40
      [{ value: 100, qualifier: "about" }, { article: "b", value: 104 }], // about
      [{ value: 10 }, { article: "a", idx: 1, value: 40 }], // same article
      [{ value: 10 }, { article: "b", value: 40, as_of: "2024-01-03" }], // other day
      [{ value: 10, what: "children killed" }, { article: "b", value: 40, what: "soldiers killed" }], // other quantity
      [{ value: 10, as_of: "2024-01", published: null }, { article: "b", value: 40, as_of: "2024-01", published: null }], // month grain
    ];
    for (const [x, y] of pairs) {
      const [s] = seriesOf([fig(x), fig(y)]);
      expect(s!.points.every((p) => p.contradicts.length === 0), JSON.stringify([x, y])).toBe(true);
    }
    const p = seriesOf([fig({ value: 100 })])[0]!.points[0]!;
    expect(contradict(p, { ...p, article: "b", value: 104 })).toBe(false); // within 5%
    expect(contradict(p, { ...p, article: "b", value: 100 })).toBe(false);
    expect(contradict(p, { ...p, article: "b", value: 130 })).toBe(true);
    expect(contradict(p, { ...p, article: "b", value: 30, qualifier: "up to" })).toBe(true);
    expect(contradict(p, { ...p, article: "b", value: 300, qualifier: "up to" })).toBe(false);
  });

  it("locates an event at a place only when a locative preposition introduces it", () => {
    const at = (text: string, place: string, evidence: string) => {
      const m = { start: text.indexOf(place), end: text.indexOf(place) + place.length };
      const s = { start: text.indexOf(evidence), end: text.indexOf(evidence) + evidence.length };
      return locatedAt(text, m, s);
    };
    expect(at("Rebels shelled a market in Goma on Monday.", "Goma", "Rebels shelled a market")).toBe(true);
    expect(at("Troops attacked positions near the town of Tessit.", "Tessit", "Troops attacked positions")).toBe(true);
    expect(at("The ministers met in Lima.", "Lima", "The ministers met in Lima")).toBe(true);
    // a capital standing for its government is not where the event happened
    expect(at("They agreed to talks between Kyiv and Moscow.", "Moscow", "They agreed to talks")).toBe(false);
    expect(at("Paris condemned the attack.", "Paris", "Paris condemned the attack")).toBe(false);
    // too far away, or on another line
    expect(at("Rebels shelled a market.\nLater, in Goma, shops reopened.", "Goma", "Rebels shelled a market")).toBe(false);
  });

  it("merges reports of one event from several articles into one timeline entry", () => {
    const ev = (article: string, o: Partial<EventRow> = {}): EventRow => ({
      article, idx: 0, type: "CONSULT", mode: "phone", source: { person: "A B", actor: "AAA", group: null }, target: { person: "C D", actor: "CCC", group: null },
      date: "2024-01-02", realis: "asserted", mutual: false, rule: "r", span: { start: 0, end: 1, text: "x" }, published: "2024-01-02", title: null, story: "s", ...o,
    });
    const t = timeline(
      [ev("a"), ev("b", { source: { person: "C D", actor: "CCC", group: null }, target: { person: "A B", actor: "AAA", group: null } }), ev("c", { type: "ACCUSE" }), ev("d", { date: null })],
      new Map(),
    );
    expect(t.map((x) => [x.type, x.date, x.sources.length])).toEqual([
      ["CONSULT", "2024-01-02", 2],
      ["ACCUSE", "2024-01-02", 1],
      ["CONSULT", null, 1],
    ]);
  });
});

describe("eventwire serve", () => {
  const main = join(packageRoot(), "src", "cli", "main.ts");
  const tsx = join(packageRoot(), "node_modules", "tsx", "dist", "cli.mjs");

  it("listens on 127.0.0.1 by default, serves the API, and stops on SIGTERM", async () => {
    const { spawn } = await import("node:child_process");
    // a store of its own: no second process on the suite's store
    const db = join(dir, "serve.db");
    const child = spawn(process.execPath, [tsx, main, "serve", "--port", "0", "--db", db], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let errOut = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (errOut += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no URL printed: ${out} ${errOut}`)), 30_000);
      void exited.then((c) => reject(new Error(`serve exited (${c}): ${out} ${errOut}`)));
      child.stdout.on("data", () => {
        const m = /serving .* at (http:\/\/[^\s]+\/)/.exec(out);
        if (m && /Ctrl-C stops/.test(out)) {
          clearTimeout(t);
          resolve(m[1]!);
        }
      });
    });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(out).toMatch(/writes off/);
      const h = (await (await fetch(`${url}api/health`)).json()) as { ok: boolean; counts: { articles: number } };
      expect(h.ok).toBe(true);
      expect(h.counts.articles).toBe(0);
      const w = await fetch(`${url}api/articles`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "x" }) });
      expect(w.status).toBe(403);
    } finally {
      child.kill("SIGTERM");
      expect(await exited, `${out} ${errOut}`).toBe(0);
    }
  });

  it("rejects a bad port with a usage error", async () => {
    const { spawnSync } = await import("node:child_process");
    const r = spawnSync(process.execPath, [tsx, main, "serve", "--port", "http", "--db", join(dir, "api.db")], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--port wants a port number/);
  });
});
