/**
 * The store conformance suite (src/store/conformance.ts) on every adapter: SQLite always,
 * PostgreSQL when EVENTWIRE_TEST_PG_URL is set (each test in a schema of its own, dropped after).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS as PG_MIGRATIONS } from "../src/store/postgres/migrations/index.js";
import { MIGRATIONS as SQLITE_MIGRATIONS } from "../src/store/sqlite/migrations/index.js";
import { storeConformance } from "../src/store/conformance.js";
import type { Store } from "../src/store/port.js";
import { SqliteStore } from "../src/store/sqlite/index.js";
import { pgTestUrl, pgTestSchema } from "./pg-helpers.js";

describe("migrations of the two adapters", () => {
  it("have the same numbers and names (a new one is added to both)", () => {
    const shape = (ms: typeof PG_MIGRATIONS) => ms.map((m) => [m.version, m.name]);
    expect(shape(PG_MIGRATIONS)).toEqual(shape(SQLITE_MIGRATIONS));
  });
});

storeConformance("sqlite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "eventwire-conf-"));
  const path = join(dir, "store.db");
  const store = new SqliteStore(path);
  await store.migrate();
  const others: Store[] = [];
  return {
    store,
    rows: async (t) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
    another: async () => {
      const s = new SqliteStore(path);
      others.push(s);
      return s;
    },
    dispose: async () => {
      for (const s of others) await s.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const PG = pgTestUrl();
if (PG) {
  const { PostgresStore } = await import("../src/store/postgres/index.js");
  // one schema for the file, migrated once; every test starts from emptied tables
  const schema = await pgTestSchema(PG, "conf");
  let migrated = false;
  afterAll(() => schema.drop());
  storeConformance("postgres", async () => {
    const store = new PostgresStore(schema.url);
    if (!migrated) {
      await store.migrate();
      migrated = true;
    } else {
      const tables = await store.query<{ t: string }>(
        "SELECT tablename AS t FROM pg_tables WHERE schemaname = @s AND tablename <> 'schema_version'", { s: schema.name });
      await store.query(`TRUNCATE ${tables.map((x) => `"${x.t}"`).join(", ")} RESTART IDENTITY CASCADE`);
    }
    const others: Store[] = [];
    return {
      store,
      rows: async (t) => (await store.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${t}`))[0]!.n,
      another: async () => {
        const s = new PostgresStore(schema.url);
        others.push(s);
        return s;
      },
      dispose: async () => {
        for (const s of others) await s.close();
        await store.close();
      },
    };
  });
} else {
  console.log("store conformance on PostgreSQL skipped: EVENTWIRE_TEST_PG_URL not set");
  describe("store conformance: postgres", () => {
    it.skip("skipped: EVENTWIRE_TEST_PG_URL not set", () => {});
  });
}
