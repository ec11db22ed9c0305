/**
 * `eventwire worker` processes on a PostgreSQL queue (runs when EVENTWIRE_TEST_PG_URL is set):
 * a worker killed with SIGKILL mid-batch loses and duplicates nothing; two workers at once share
 * the queue and wait out lost connections; the stories come out exactly as from a
 * single-process ingest of the same articles.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generateCorpus, loadSeeds } from "../bench/corpus.js";
import type { Article } from "../src/core/types.js";
import { JobQueue } from "../src/queue/jobs.js";
import { ingestArticles } from "../src/service.js";
import { SqliteStore } from "../src/store/sqlite/index.js";
import { pgTestSchema, pgTestUrl } from "./pg-helpers.js";

const PG = pgTestUrl();
const ROOT = join(import.meta.dirname, "..");

function articles(n: number): Article[] {
  const ex = loadSeeds().map((text, i) => ({ id: `ex-${i}`, text, title: null, url: null, outlet: null, published: null, origin: `ex${i}.txt` }));
  return [...ex, ...generateCorpus(n - ex.length, undefined, 7)];
}

interface Proc {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<number | null>;
}

function startWorker(url: string, name: string, extra: string[] = []): Proc {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/main.ts", "worker", "--db", url, "--name", name, "--lease", "2", ...extra],
    { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
  );
  let err = "";
  child.stderr!.on("data", (d) => (err += String(d)));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stderr: () => err, exit };
}

async function until(what: string, cond: () => Promise<boolean>, ms = 90_000): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** article → story of a single-process, single-threaded ingest of the same articles into SQLite */
async function referenceStories(batch: Article[]): Promise<Map<string, string | null>> {
  const dir = mkdtempSync(join(tmpdir(), "eventwire-ref-"));
  const store = new SqliteStore(join(dir, "ref.db"));
  try {
    await store.migrate();
    // the workers analyse with the clock's "today", as this does
    await ingestArticles(store, batch);
    const out = new Map<string, string | null>();
    for (const a of await store.listArticles({ limit: 100_000 })) out.set(a.id, a.story);
    return out;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A TCP proxy on the loopback to the test database, that can be taken down (connections cut and refused) and up again. */
async function tcpProxy(target: URL): Promise<{ port: number; down(): Promise<void>; up(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const down = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return { port, down, up: () => listen(port), close: async () => (server.listening ? down() : undefined) };
}

if (!PG) {
  console.log("worker tests skipped: EVENTWIRE_TEST_PG_URL not set");
  describe("eventwire worker (PostgreSQL queue)", () => {
    it.skip("skipped: EVENTWIRE_TEST_PG_URL not set", () => {});
  });
} else {
  const { PostgresStore } = await import("../src/store/postgres/index.js");

  describe("eventwire worker (PostgreSQL queue)", () => {
    const cleanup: Array<() => Promise<unknown>> = [];
    afterEach(async () => {
      for (const f of cleanup.splice(0).reverse()) await f().catch(() => {});
    });

    async function setup(batch: Article[]) {
      const schema = await pgTestSchema(PG!, "worker");
      cleanup.push(() => schema.drop());
      const store = new PostgresStore(schema.url);
      cleanup.push(() => store.close());
      await store.migrate();
      const queue = new JobQueue(store.pool);
      await queue.setup();
      // every article once, and one more whose text is already queued under another id
      await queue.enqueue([...batch, { ...batch[1]!, id: "same-text-again", origin: "dup.txt" }]);
      return { schema, store, queue };
    }

    /** every article stored exactly once, every job done, stories and person index consistent */
    async function checkStore(store: InstanceType<typeof PostgresStore>, queue: JobQueue, batch: Article[]) {
      expect(await queue.counts()).toEqual({ queued: 0, analyzing: 0, analyzed: 0, done: batch.length + 1, failed: 0 });
      const results = await store.query<{ result: string; n: number }>("SELECT result, COUNT(*)::int AS n FROM eventwire_jobs GROUP BY result ORDER BY result");
      expect(results).toEqual([{ result: "inserted", n: batch.length }, { result: "unchanged", n: 1 }]);
      const ids = await store.query<{ id: string; n: number }>("SELECT id, COUNT(*)::int AS n FROM articles GROUP BY id ORDER BY id");
      expect(ids.map((r) => r.id)).toEqual(batch.map((a) => a.id).sort());
      expect(ids.every((r) => r.n === 1)).toBe(true);
      expect((await store.counts()).articles).toBe(batch.length);
      expect(await store.query("SELECT seq FROM articles a WHERE NOT EXISTS (SELECT 1 FROM articles_fts f WHERE f.seq = a.seq)")).toEqual([]);
      // each story counts its articles exactly once
      const bad = await store.query(
        `SELECT s.id FROM stories s LEFT JOIN (SELECT story_id, COUNT(*)::int AS n FROM articles GROUP BY story_id) c ON c.story_id = s.id
         WHERE s.article_count <> COALESCE(c.n, 0)`,
      );
      expect(bad).toEqual([]);
      const persons = await store.query(
        `SELECT i.name_key FROM person_index i JOIN (SELECT name_key, COUNT(DISTINCT article_id)::int AS n FROM persons GROUP BY name_key) p
           ON p.name_key = i.name_key WHERE p.n <> i.articles`,
      );
      expect(persons).toEqual([]);
      // the same stories as a single-process ingest of the same articles
      const ref = await referenceStories(batch);
      const got = new Map((await store.listArticles({ limit: 100_000 })).map((a) => [a.id, a.story]));
      expect(got).toEqual(ref);
    }

    it("a worker killed mid-batch loses nothing and duplicates nothing", { timeout: 240_000 }, async () => {
      const batch = articles(40);
      const { schema, store, queue } = await setup(batch);
      // one article per resolver transaction, so that the kill lands mid-batch however fast the pipeline is
      const w1 = startWorker(schema.url, "w1", ["--batch", "1"]);
      cleanup.push(async () => w1.child.kill("SIGKILL"));
      await until("the first worker to store some articles", async () => (await queue.counts()).done >= 2);
      w1.child.kill("SIGKILL");
      expect(await w1.exit).toBeNull(); // killed, not finished
      const mid = await queue.counts();
      expect(mid.done).toBeLessThan(batch.length + 1);

      // the second worker analyses in two threads: the same outcome
      const w2 = startWorker(schema.url, "w2", ["--until-empty", "--threads", "2"]);
      cleanup.push(async () => w2.child.kill("SIGKILL"));
      expect(await w2.exit).toBe(0);
      expect(w2.stderr()).toMatch(/stopped: \d+ analysed/);
      await checkStore(store, queue, batch);
    });

    it("two workers at once share the queue, wait out a database outage and resume", { timeout: 240_000 }, async () => {
      const batch = articles(30);
      const { schema, store, queue } = await setup(batch);
      // the workers reach the database through a proxy on the loopback that the test can cut
      const proxy = await tcpProxy(new URL(PG!));
      cleanup.push(() => proxy.close());
      const viaProxy = new URL(schema.url);
      viaProxy.host = `127.0.0.1:${proxy.port}`;
      const ws = ["a", "b"].map((n) => startWorker(viaProxy.toString(), n, ["--until-empty", "--batch", "1"]));
      for (const w of ws) cleanup.push(async () => w.child.kill("SIGKILL"));
      await until("some progress", async () => (await queue.counts()).done >= 2);
      // what a database restart looks like to the workers: every connection cut, new ones refused for a while
      await proxy.down();
      const during = (await queue.counts()).done;
      await new Promise((r) => setTimeout(r, 2500));
      expect((await queue.counts()).done).toBe(during); // nothing moves while the database is away
      await proxy.up();
      const codes = await Promise.all(ws.map((w) => w.exit));
      expect(codes, ws.map((w) => w.stderr()).join("\n")).toEqual([0, 0]);
      expect(ws.map((w) => w.stderr()).join("\n")).toMatch(/database unavailable.*retrying/);
      await checkStore(store, queue, batch);
    });

    it("one story resolver per store: a second is refused, a store in another schema is not blocked", async () => {
      const { withResolverLock, ResolverBusy } = await import("../src/queue/lock.js");
      const [a, b] = [await pgTestSchema(PG!, "lock"), await pgTestSchema(PG!, "lock")];
      cleanup.push(() => a.drop(), () => b.drop());
      const [a1, a2, b1] = [new PostgresStore(a.url), new PostgresStore(a.url), new PostgresStore(b.url)];
      cleanup.push(() => a1.close(), () => a2.close(), () => b1.close());
      for (const s of [a1, b1]) await s.migrate();
      const inner = await withResolverLock(a1, async () => {
        await expect(withResolverLock(a2, async () => "second")).rejects.toBeInstanceOf(ResolverBusy);
        return withResolverLock(b1, async () => "other schema");
      });
      expect(inner).toBe("other schema");
      // released afterwards
      expect(await withResolverLock(a2, async () => "again")).toBe("again");
    });

    it("ingest --queue enqueues one job per article into PostgreSQL and refuses SQLite; worker refuses SQLite", async () => {
      const dir = mkdtempSync(join(tmpdir(), "eventwire-q-"));
      cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
      const run = (args: string[]) =>
        new Promise<{ code: number | null; err: string }>((resolve) => {
          const c = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
          let err = "";
          c.stderr!.on("data", (d) => (err += String(d)));
          c.on("exit", (code) => resolve({ code, err }));
        });
      const q = await run(["ingest", "--queue", "examples", "--db", join(dir, "x.db")]);
      expect(q.code).toBe(2);
      expect(q.err).toMatch(/--queue needs a PostgreSQL store/);
      const w = await run(["worker", "--db", join(dir, "x.db")]);
      expect(w.code).toBe(2);
      expect(w.err).toMatch(/needs a PostgreSQL store/);
      // and with a PostgreSQL store: one job per article, bad inputs reported, not queued
      const schema = await pgTestSchema(PG!, "cli");
      cleanup.push(() => schema.drop());
      const ok = await run(["ingest", "--queue", "examples", join(dir, "missing.txt"), "--db", schema.url]);
      expect(ok.code).toBe(1); // the missing file
      expect(ok.err).toMatch(/missing\.txt/);
      const store = new PostgresStore(schema.url);
      cleanup.push(() => store.close());
      expect(await new JobQueue(store.pool).counts()).toMatchObject({ queued: loadSeeds().length, done: 0 });
    });
  });
}
