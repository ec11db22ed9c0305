/**
 * Display names for actor codes: ISO3 country codes by the world-countries package (common
 * name), international bodies by data/igos.json (their first, full name). Unknown codes stay
 * as they are.
 */
import { readFileSync } from "node:fs";
import countries from "world-countries";
import { dataPath } from "../core/paths.js";

let names: Map<string, string> | null = null;

function load(): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of countries as unknown as Array<{ cca3: string; name: { common: string } }>) m.set(c.cca3, c.name.common);
  try {
    const igos = JSON.parse(readFileSync(dataPath("igos.json"), "utf8")) as { bodies?: Array<{ code: string; names: string[] }> };
    for (const b of igos.bodies ?? []) {
      // the short code is what the press uses for most bodies (UN, NATO, OSCE): keep it when it is short
      if (!m.has(b.code) && b.names[0]) m.set(b.code, b.code.length <= 5 ? b.code : b.names[0]);
    }
  } catch {
    // no IGO list: codes stay as they are
  }
  return m;
}

/** Every known code with its display name (for the web app: one request, then codes read as names). */
export function actorNames(): Record<string, string> {
  names ??= load();
  return Object.fromEntries(names);
}

/** The display name of an actor code ("TUR" → "Turkey"); the code itself when unknown. */
export function actorName(code: string): string {
  names ??= load();
  return names.get(code) ?? code;
}
