/**
 * Opening a store: the one place that picks an adapter from a location. `--db PATH` (or
 * $EVENTWIRE_DB) names an SQLite file; a `postgres://` or `postgresql://` URL selects the
 * PostgreSQL adapter (docs/scale-out.md) without any change to the pipeline, the CLI or the API.
 */
import { SqliteStore } from "./sqlite/index.js";
import type { Store } from "./port.js";

export type { Store } from "./port.js";

/** The database location: the option, else $EVENTWIRE_DB, else ./eventwire.db. */
export function defaultDbLocation(option?: string | null): string {
  return option || process.env.EVENTWIRE_DB || "eventwire.db";
}

/** Does this location name a PostgreSQL database (`postgres://…`, `postgresql://…`)? */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Opens (and migrates) the store at `location`. */
export async function openStore(location: string): Promise<Store> {
  let store: Store;
  if (isPostgresLocation(location)) {
    // loaded on demand: an SQLite user never loads pg
    const { PostgresStore } = await import("./postgres/index.js");
    store = new PostgresStore(location);
  } else store = new SqliteStore(location);
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
