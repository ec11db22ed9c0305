/**
 * Shared helpers for the CLI commands: argument parsing (node:util parseArgs) with the options
 * every command takes (--db, --json, --limit, --offset, --from, --to, --help), opening the
 * store, plain-text tables, JSON output and a progress bar on stderr (only on a TTY).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { defaultDbLocation, openStore } from "../store/index.js";
import type { Store } from "../store/port.js";
import { ellipsis } from "../store/rows.js";

export { ellipsis };

type OptionSpec = NonNullable<ParseArgsConfig["options"]>;
type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export class UsageError extends Error {}

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  db: { type: "string" },
  json: { type: "boolean" },
  limit: { type: "string" },
  offset: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpec;

export interface CommandSpec {
  usage: string;
  options?: OptionSpec;
  /** number of positional arguments accepted */
  positionals?: { min: number; max: number; name?: string };
  /** "read": the store must already exist; "write": created if missing; "none": no store */
  store: "read" | "write" | "none";
}

export interface CommandContext {
  values: Values;
  positionals: string[];
  /** the open store (null when spec.store is "none") */
  store: Store;
  dbLocation: string;
  json: boolean;
  page: { limit?: number; offset?: number };
  range: { from?: string; to?: string };
}

/** Writes to stdout (tests capture process.stdout.write). */
export function out(text = ""): void {
  process.stdout.write(text.endsWith("\n") ? text : text + "\n");
}

/** Writes to stderr. */
export function err(text: string): void {
  process.stderr.write(text.endsWith("\n") ? text : text + "\n");
}

export function printJson(value: unknown): void {
  out(JSON.stringify(value, null, 2));
}

function intOption(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} wants a whole number, got "${String(v)}"`);
  return n;
}

const ISO_DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
function dateOption(v: unknown, name: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || !ISO_DATE_RE.test(v)) throw new UsageError(`--${name} wants an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), got "${String(v)}"`);
  return v;
}

/**
 * Parses the arguments, opens the store, runs the body and closes the store. Usage errors give
 * exit code 2, other errors 1, each with one line on stderr.
 */
export async function command(argv: string[], spec: CommandSpec, body: (ctx: CommandContext) => Promise<number>): Promise<number> {
  let store: Store | null = null;
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...spec.options }, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const values = parsed.values as Values;
    if (values.help) {
      out(`usage: ${spec.usage}`);
      return 0;
    }
    const pos = parsed.positionals;
    const pspec = spec.positionals ?? { min: 0, max: 0 };
    if (pos.length < pspec.min) throw new UsageError(`missing ${pspec.name ?? "argument"}`);
    if (pos.length > pspec.max) throw new UsageError(`unexpected argument "${pos[pspec.max]}"`);
    const dbLocation = defaultDbLocation(values.db as string | undefined);
    const page = { limit: intOption(values.limit, "limit"), offset: intOption(values.offset, "offset") };
    const range = { from: dateOption(values.from, "from"), to: dateOption(values.to, "to") };
    if (spec.store === "read" && dbLocation !== ":memory:" && !/^\w+:\/\//.test(dbLocation) && !existsSync(dbLocation)) {
      err(`eventwire: no database at ${dbLocation} (run "eventwire demo" or "eventwire ingest <paths>" first, or pass --db PATH)`);
      return 1;
    }
    if (spec.store !== "none") store = await openStore(dbLocation);
    return await body({
      values,
      positionals: pos,
      store: store as Store,
      dbLocation,
      json: values.json === true,
      page,
      range,
    });
  } catch (e) {
    if (e instanceof UsageError) {
      err(`eventwire: ${e.message}\nusage: ${spec.usage}`);
      return 2;
    }
    err(`eventwire: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    if (store) await store.close();
  }
}

/** A string option's value, or undefined. */
export function str(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * A plain-text table: columns padded to their widest cell, each cell cut to `max` characters
 * (per column, default 40) with "…".
 */
export function table(headers: string[], rows: Array<Array<string | number | null | undefined>>, max: number[] = []): string {
  const cells = rows.map((r) => r.map((c, i) => ellipsis(c == null ? "" : String(c), max[i] ?? 40)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

/** Prints a listing: JSON when asked, else a table, or a note when there is nothing. */
export function printListing<T>(ctx: CommandContext, rows: T[], headers: string[], toCells: (r: T) => Array<string | number | null | undefined>, max?: number[]): void {
  if (ctx.json) return printJson(rows);
  if (!rows.length) {
    out("(nothing found)");
    return;
  }
  out(table(headers, rows.map(toCells), max));
  if (ctx.page.limit === undefined && rows.length === 50) out("(first 50; --limit N --offset M for more)");
}

/** "person (actor/group)" for an event side. */
export function side(s: { person: string | null; actor: string | null; group?: string | null }): string {
  const who = s.person ?? s.group ?? s.actor ?? "?";
  const code = s.person ? (s.actor ?? s.group ?? null) : s.group && s.actor ? s.actor : null;
  return code ? `${who} (${code})` : who;
}

/** Number of files under the given paths (directories walked), for a progress bar. */
export function countFiles(paths: string[], cap = 1_000_000): number {
  let n = 0;
  const walk = (p: string) => {
    if (n >= cap) return;
    let st;
    try {
      st = statSync(p);
    } catch {
      n++;
      return;
    }
    if (st.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(p);
      } catch {
        return;
      }
      for (const name of names) if (!name.startsWith(".")) walk(join(p, name));
    } else n++;
  };
  for (const p of paths) walk(p);
  return n;
}

/** A one-line progress bar on stderr, drawn only when stderr is a terminal, at most ~10 times a second. */
export class ProgressBar {
  private last = 0;
  private drawn = false;
  readonly enabled: boolean;
  private readonly t0 = Date.now();

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = stream.isTTY === true;
  }

  update(done: number, label: string, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const width = 24;
    const frac = this.total > 0 ? Math.min(1, done / this.total) : 0;
    const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
    const secs = (now - this.t0) / 1000;
    const line = `${bar} ${Math.round(frac * 100)}% ${label}${secs > 0.5 ? ` ${secs.toFixed(0)}s` : ""}`;
    const cols = this.cols();
    this.stream.write(`\r${ellipsis(line, cols).padEnd(cols)}`);
    this.drawn = true;
  }

  /** usable width: the terminal's, when it tells (some report 0), capped at 100 */
  private cols(): number {
    const c = this.stream.columns;
    return Math.min(100, Math.max(20, (c && c > 0 ? c : 100) - 1));
  }

  /** Clears the bar (so that the next line starts clean). */
  clear(): void {
    if (this.enabled && this.drawn) this.stream.write(`\r${" ".repeat(this.cols())}\r`);
    this.drawn = false;
  }
}
