/**
 * The numbered migrations of the PostgreSQL store, in order: the same numbers and names as the
 * SQLite adapter's (src/store/sqlite/migrations/), each ported to PostgreSQL SQL. A new
 * migration is added to both adapters under the same number.
 */
import type { Migration } from "../../sqlite/migrations/index.js";
import { sql as m0001 } from "./0001_init.js";
import { sql as m0002 } from "./0002_person_index.js";
import { sql as m0003 } from "./0003_state.js";
import { sql as m0004 } from "./0004_story_summary.js";
import { sql as m0005 } from "./0005_actors.js";
import { sql as m0006 } from "./0006_actor_facts.js";
import { sql as m0007 } from "./0007_actor_names.js";
import { sql as m0008 } from "./0008_merged.js";
import { sql as m0009 } from "./0009_bounded_merge.js";

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "init", sql: m0001 },
  { version: 2, name: "person_index", sql: m0002 },
  { version: 3, name: "resolver_state", sql: m0003 },
  { version: 4, name: "story_summary", sql: m0004 },
  { version: 5, name: "actors", sql: m0005 },
  { version: 6, name: "actor_facts", sql: m0006 },
  { version: 7, name: "actor_names", sql: m0007 },
  { version: 8, name: "merged", sql: m0008 },
  { version: 9, name: "bounded_merge", sql: m0009 },
];
