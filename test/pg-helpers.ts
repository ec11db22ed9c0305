/** PostgreSQL test helpers: the server named by EVENTWIRE_TEST_PG_URL, a schema per test, dropped after. */
import pg from "pg";

/** The test server's URL, or null when the PostgreSQL tests are to be skipped. */
export function pgTestUrl(): string | null {
  const u = process.env.EVENTWIRE_TEST_PG_URL;
  return u && /^postgres(ql)?:\/\//i.test(u) ? u : null;
}

let n = 0;

/** A fresh schema name and a store URL that points into it; drop() removes it with everything in it. */
export async function pgTestSchema(base: string, tag: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `ew_${tag}_${process.pid}_${Date.now().toString(36)}_${n++}`;
  const u = new URL(base);
  u.searchParams.set("schema", name);
  return {
    name,
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
