/**
 * `eventwire export --format plover`: one PLOVER event per line (JSON Lines), in the layout of
 * PLOVER's gold-standard records (`event`, `mode`, `source`/`target` as lists of
 * {actorText, code, sector}, `eventText`, `text`), plus what eventwire knows beyond it: the article,
 * the character offsets of the evidence, the rule that coded the event, its realis, and the
 * CAMEO code it exports to.
 */
import type { PloverType } from "../core/types.js";
import { cameoFor } from "./export-cameo.js";
import type { ExportFormat } from "./export/index.js";
import type { FlatRow } from "./port.js";

export interface PloverActor {
  actorText: string;
  code: string | null;
  /** "person" or "group" (PLOVER's sector field holds an agent type) */
  sector: string | null;
}

export interface PloverEvent {
  id: string;
  date: string | null;
  event: PloverType;
  mode: string | null;
  source: PloverActor[];
  target: PloverActor[];
  eventText: string;
  /** the evidence location in the stored article text */
  textInfo: { article: string; start: number; end: number; url: string | null };
  rule: string;
  realis: string;
  mutual: boolean;
  cameo: string;
}

function actor(r: FlatRow, p: "source" | "target"): PloverActor[] {
  const person = (r[`${p}_person`] as string | null) ?? null;
  const group = (r[`${p}_group`] as string | null) ?? null;
  const code = (r[`${p}_actor`] as string | null) ?? null;
  const text = person ?? group ?? code;
  if (!text) return [];
  return [{ actorText: text, code, sector: person ? "person" : group ? "group" : null }];
}

/** One flat event row as a PLOVER record. */
export function ploverEvent(r: FlatRow, url: string | null): PloverEvent {
  const type = r.type as PloverType;
  const mode = (r.mode as string | null) ?? null;
  const evidence = String(r.evidence ?? "");
  return {
    id: `${r.article}#${r.idx}`,
    date: (r.date as string | null) ?? null,
    event: type,
    mode,
    source: actor(r, "source"),
    target: actor(r, "target"),
    eventText: evidence,
    textInfo: { article: String(r.article), start: Number(r.span_start), end: Number(r.span_end), url },
    rule: String(r.rule ?? ""),
    realis: String(r.realis ?? "asserted"),
    mutual: r.mutual === true || r.mutual === 1,
    cameo: cameoFor(type, mode, evidence).code,
  };
}

export const format: ExportFormat = {
  name: "plover",
  description: "PLOVER event records, one JSON object per line, with text offsets and the coding rule",
  kinds: ["events"],
  defaultKind: "events",
  async run(store, _kind, write) {
    const urls = new Map<string, string | null>();
    for await (const a of store.exportRows("articles")) urls.set(String(a.id), (a.url as string | null) ?? null);
    let n = 0;
    for await (const r of store.exportRows("events")) {
      await write(JSON.stringify(ploverEvent(r, urls.get(String(r.article)) ?? null)) + "\n");
      n++;
    }
    return n;
  },
};
