/**
 * Opening a store: the one place that picks an adapter from a location. `--db PATH` (or
 * $EVENTWIRE_DB) names an SQLite file; a `postgres://` URL will select the PostgreSQL adapter
 * (issue 9) without any change to the pipeline, the CLI or the API.
 */
import { SqliteStore } from "./sqlite/index.js";
import type { Store } from "./port.js";

export type { Store } from "./port.js";

/** The database location: the option, else $EVENTWIRE_DB, else ./eventwire.db. */
export function defaultDbLocation(option?: string | null): string {
  return option || process.env.EVENTWIRE_DB || "eventwire.db";
}

/** Opens (and migrates) the store at `location`. */
export async function openStore(location: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw new Error("eventwire: the PostgreSQL store is not available yet (issue 9); use an SQLite file path");
  }
  const store = new SqliteStore(location);
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
