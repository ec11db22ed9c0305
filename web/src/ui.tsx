import type { ComponentChildren } from "preact";
import type { Loaded } from "./hooks.js";
import { enc, type SideRow, type TextSpan } from "./api.js";

/** PLOVER type colours: cooperative types cool, conflictual types warm. */
export const TYPE_COLORS: Record<string, string> = {
  AGREE: "#2f7d5b", CONSULT: "#2b6cb0", SUPPORT: "#3f8f8f", CONCEDE: "#6b8e23", COOPERATE: "#4c6ef5", AID: "#2a9d8f",
  RETREAT: "#8d99ae", REQUEST: "#7c5cbf", ACCUSE: "#d97706", REJECT: "#b7791f", THREATEN: "#c2410c", PROTEST: "#a16207",
  SANCTION: "#9d174d", MOBILIZE: "#b45309", COERCE: "#be123c", ASSAULT: "#b91c1c",
};

export function TypeBadge({ type, mode }: { type: string; mode?: string | null }) {
  return (
    <span class="badge" style={{ background: TYPE_COLORS[type] ?? "#555" }}>
      {type}
      {mode ? <span class="badge-mode">{mode}</span> : null}
    </span>
  );
}

/** Display names of actor codes, loaded once (GET /api/actor-names); codes show as they are until then. */
let NAMES: Record<string, string> = {};
export const namesReady: Promise<void> = fetch("/api/actor-names")
  .then((r) => (r.ok ? r.json() : {}))
  .then((m: Record<string, string>) => {
    NAMES = m;
  })
  .catch(() => undefined);

export function actorLabel(code: string): string {
  return NAMES[code] ?? code;
}

export function Side({ side }: { side: SideRow }) {
  if (side.person) {
    return (
      <span class="side">
        <a href={`#/person/${enc(side.person)}`}>{side.person}</a>
        {side.actor ? <span class="code">{side.actor}</span> : null}
      </span>
    );
  }
  const who = side.group ?? (side.actor ? actorLabel(side.actor) : null);
  return (
    <span class="side" title={side.actor ?? undefined}>
      {who ?? "?"}
      {side.group && side.actor ? <span class="code">{side.actor}</span> : null}
    </span>
  );
}

/** The evidence: the exact words, linking to them in the article reader. */
export function Evidence({ article, span, label }: { article: string; span: TextSpan; label?: string }) {
  return (
    <a class="evidence" href={`#/article/${enc(article)}?hl=${span.start}-${span.end}`} title={label ?? "show in the article"}>
      “{span.text}”
    </a>
  );
}

export function DateText({ date, inferred }: { date: string | null | undefined; inferred?: boolean }) {
  if (!date) return <span class="muted">undated</span>;
  return (
    <span class="date" title={inferred ? "inferred from the text" : undefined}>
      {date}
      {inferred ? <span class="muted"> (inferred)</span> : null}
    </span>
  );
}

export function Status<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (state.error) return <div class="error" role="alert">Could not load: {state.error}</div>;
  if (state.data === null) return <div class="loading">Loading…</div>;
  return <>{children(state.data)}</>;
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

export function articleLabel(a: { title: string | null; lead?: string; id?: string; article?: string }): string {
  return a.title ?? a.lead ?? a.id ?? a.article ?? "(untitled)";
}

export function plural(n: number, one: string, many = one + "s"): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

export function fmtNumber(v: number): string {
  return v.toLocaleString("en-US");
}
