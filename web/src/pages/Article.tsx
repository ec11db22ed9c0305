import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { enc, type ArticleRow, type StoredArticle } from "../api.js";
import { useApi } from "../hooks.js";
import { articleLabel, DateText, Empty, fmtNumber, Status, TypeBadge } from "../ui.js";

type Kind = "person" | "role" | "org" | "place" | "date" | "figure" | "event" | "quote";

const KINDS: Array<{ kind: Kind; label: string }> = [
  { kind: "person", label: "Persons" },
  { kind: "role", label: "Roles" },
  { kind: "org", label: "Organizations" },
  { kind: "place", label: "Places" },
  { kind: "date", label: "Date" },
  { kind: "figure", label: "Figures" },
  { kind: "event", label: "Events" },
  { kind: "quote", label: "Quotes" },
];

interface Annotation {
  kind: Kind;
  start: number;
  end: number;
  /** what the record says, as label/value lines */
  lines: Array<[string, string]>;
  rule: string | null;
}

/** Every extraction of the record as an annotation over the text. */
export function annotations(a: StoredArticle): Annotation[] {
  const r = a.record;
  const out: Annotation[] = [];
  for (const p of r.persons) {
    const lines: Array<[string, string]> = [["person", p.name]];
    if (p.role) lines.push(["role", p.role + (p.role_inferred ? " (inferred)" : "")]);
    if (p.country) lines.push(["country", p.country + (p.country_inferred ? " (inferred)" : "")]);
    if (p.aliases.length) lines.push(["aliases", p.aliases.join(", ")]);
    for (const m of p.mentions) out.push({ kind: "person", start: m.start, end: m.end, lines, rule: null });
    if (p.role_evidence) out.push({ kind: "role", start: p.role_evidence.start, end: p.role_evidence.end, lines: [["role of", p.name], ["role", p.role ?? "?"]], rule: null });
  }
  for (const o of r.organizations) {
    const lines: Array<[string, string]> = [["organization", o.name]];
    if (o.actor) lines.push(["actor", o.actor]);
    for (const m of o.mentions) out.push({ kind: "org", start: m.start, end: m.end, lines, rule: null });
  }
  for (const p of r.places) {
    const lines: Array<[string, string]> = [["place", p.name]];
    if (p.country) lines.push(["country", p.country]);
    if (typeof p.lat === "number" && typeof p.lon === "number") lines.push(["lat/lon", `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`]);
    for (const m of p.mentions) out.push({ kind: "place", start: m.start, end: m.end, lines, rule: null });
  }
  if (r.published_evidence) {
    out.push({
      kind: "date", start: r.published_evidence.start, end: r.published_evidence.end,
      lines: [["published", `${r.published ?? "?"}${r.published_inferred ? " (inferred)" : ""}`]], rule: r.published_rule ?? null,
    });
  }
  for (const f of r.figures) {
    const lines: Array<[string, string]> = [
      ["figure", `${f.qualifier !== "exactly" ? f.qualifier + " " : ""}${fmtNumber(f.value)}${f.value_max ? "–" + fmtNumber(f.value_max) : ""} ${f.unit}`],
      ["what", f.what],
      ["category", f.category],
    ];
    if (f.as_of) lines.push(["as of", f.as_of]);
    if (f.attributed_to) lines.push(["according to", f.attributed_to]);
    out.push({ kind: "figure", start: f.span.start, end: f.span.end, lines, rule: f.rule });
  }
  for (const e of r.events) {
    const side = (s: { person: string | null; actor: string | null; group?: string | null }) =>
      [s.person, s.group, s.actor].filter(Boolean).join(" / ") || "?";
    const lines: Array<[string, string]> = [
      ["event", `${e.type}${e.mode ? " (" + e.mode + ")" : ""}`],
      ["source", side(e.source)],
      ["target", side(e.target)],
      ["date", e.date ?? "unknown"],
      ["realis", e.realis],
    ];
    out.push({ kind: "event", start: e.span.start, end: e.span.end, lines, rule: e.rule });
  }
  for (const q of r.quotes) {
    out.push({ kind: "quote", start: q.span.start, end: q.span.end, lines: [["quote by", q.speaker ?? "unknown"], ["kind", q.direct ? "direct" : "reported"]], rule: q.rule });
  }
  return out.filter((x) => x.end > x.start && x.start >= 0 && x.end <= a.text.length);
}

interface Segment {
  start: number;
  end: number;
  on: Annotation[];
}

/** Cuts the text at every annotation boundary; each piece knows the annotations covering it. */
function segments(textLength: number, anns: Annotation[]): Segment[] {
  const cuts = new Set<number>([0, textLength]);
  for (const a of anns) {
    cuts.add(a.start);
    cuts.add(a.end);
  }
  const points = [...cuts].sort((x, y) => x - y);
  // one sweep: annotations enter at their start and leave at their end (every boundary is a cut)
  const byStart = [...anns].sort((x, y) => x.start - y.start);
  let next = 0;
  let active: Annotation[] = [];
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    active = active.filter((a) => a.end > s);
    while (next < byStart.length && byStart[next]!.start <= s) {
      if (byStart[next]!.end > s) active.push(byStart[next]!);
      next++;
    }
    out.push({ start: s, end: e, on: active.slice() });
  }
  return out;
}

interface Tip {
  x: number;
  /** distance from the top of the viewport, or (when the highlight is low on the screen) from the bottom */
  top: number | null;
  bottom: number | null;
  on: Annotation[];
}

function Reader({ a, focus }: { a: StoredArticle; focus: [number, number] | null }) {
  const all = useMemo(() => annotations(a), [a]);
  const [hidden, setHidden] = useState<Set<Kind>>(new Set());
  const [tip, setTip] = useState<Tip | null>(null);
  const shown = all.filter((x) => !hidden.has(x.kind));
  const segs = useMemo(() => segments(a.text.length, shown), [a, hidden]);
  const counts = new Map<Kind, number>();
  for (const x of all) counts.set(x.kind, (counts.get(x.kind) ?? 0) + 1);
  const focusRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    setTip(null);
    focusRef.current?.scrollIntoView({ block: "center" });
  }, [a, focus?.[0]]);

  const toggle = (k: Kind) => {
    const h = new Set(hidden);
    if (h.has(k)) h.delete(k);
    else h.add(k);
    setHidden(h);
  };
  let focusAttached = false;
  return (
    <div class="reader-wrap">
      <div class="legend" role="group" aria-label="Layers">
        {KINDS.map(({ kind, label }) => (
          <label class={`legend-item k-${kind} ${hidden.has(kind) ? "off" : ""}`} key={kind}>
            <input type="checkbox" checked={!hidden.has(kind)} onChange={() => toggle(kind)} />
            <span class="swatch" />
            {label} <span class="muted">{counts.get(kind) ?? 0}</span>
          </label>
        ))}
      </div>
      <div class="reader" data-testid="reader" onMouseLeave={() => setTip(null)}>
        {segs.map((s) => {
          const piece = a.text.slice(s.start, s.end);
          const inFocus = focus !== null && s.start >= focus[0] && s.end <= focus[1];
          const ref = inFocus && !focusAttached ? ((focusAttached = true), focusRef) : undefined;
          if (!s.on.length && !inFocus) return piece;
          const cls = [...new Set(s.on.map((x) => `k-${x.kind}`))].join(" ") + (inFocus ? " focus" : "");
          return (
            <span
              key={s.start}
              ref={ref}
              class={`ann ${cls}`}
              data-kinds={s.on.map((x) => x.kind).join(" ")}
              onMouseEnter={(e) => {
                const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
                const low = r.bottom > window.innerHeight * 0.6;
                if (s.on.length) setTip({ x: r.left, top: low ? null : r.bottom + 6, bottom: low ? window.innerHeight - r.top + 6 : null, on: s.on });
              }}
            >
              {piece}
            </span>
          );
        })}
      </div>
      {tip ? (
        <div class="tip" role="tooltip" style={{
            left: `${Math.max(8, Math.min(tip.x, window.innerWidth - 380))}px`,
            ...(tip.top !== null ? { top: `${tip.top}px` } : { bottom: `${tip.bottom}px` }),
          }}>
          {tip.on.map((x, i) => (
            <div class="tip-rec" key={i}>
              <div class={`tip-kind k-${x.kind}`}>{x.kind}</div>
              <dl>
                {x.lines.map(([k, v]) => (
                  <>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </>
                ))}
                <dt>rule</dt>
                <dd class="rule">{x.rule ?? "entity mention"}</dd>
                <dt>span</dt>
                <dd class="mono">
                  {x.start}–{x.end}
                </dd>
              </dl>
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** The records of the article, each a link to its words in the text. */
function Extractions({ a }: { a: StoredArticle }) {
  const r = a.record;
  const at = (sp: { start: number; end: number }) => `#/article/${enc(a.article.id)}?hl=${sp.start}-${sp.end}`;
  const side = (s: { person: string | null; actor: string | null; group?: string | null }) => s.person ?? s.group ?? s.actor ?? "?";
  return (
    <aside class="extractions" data-testid="extractions">
      <h2>In this article</h2>
      {r.events.length ? <h3>Events ({r.events.length})</h3> : null}
      <ul class="plain">
        {r.events.map((e, i) => (
          <li key={i}>
            <a href={at(e.span)}>
              <TypeBadge type={e.type} mode={e.mode} /> {side(e.source)} → {side(e.target)}
            </a>
            {e.realis !== "asserted" ? <span class="realis">{e.realis}</span> : null}
            <div class="small muted">
              <DateText date={e.date} /> · <span class="mono">{e.rule}</span>
            </div>
          </li>
        ))}
      </ul>
      {r.figures.length ? <h3>Figures ({r.figures.length})</h3> : null}
      <ul class="plain">
        {r.figures.map((f, i) => (
          <li key={i}>
            <a href={at(f.span)}>
              {f.qualifier !== "exactly" ? `${f.qualifier} ` : ""}
              {fmtNumber(f.value)} {f.what}
            </a>
            <div class="small muted">
              {f.category}
              {f.attributed_to ? ` · per ${f.attributed_to}` : ""}
            </div>
          </li>
        ))}
      </ul>
      {r.persons.length ? <h3>People ({r.persons.length})</h3> : null}
      <ul class="plain">
        {r.persons.map((p, i) => (
          <li key={i}>
            <a href={`#/person/${enc(p.name)}`}>{p.name}</a>
            {p.country ? <span class="code">{p.country}</span> : null}
            {p.role ? (
              <div class="small">
                {p.role_evidence ? <a href={at(p.role_evidence)}>{p.role}</a> : p.role}
                {p.role_inferred ? <span class="muted"> (inferred)</span> : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {r.quotes.length ? <h3>Quotes ({r.quotes.length})</h3> : null}
      <ul class="plain">
        {r.quotes.map((q, i) => (
          <li key={i}>
            <a href={at(q.span)}>{q.speaker ?? "speaker unknown"}</a>
            <span class="muted small"> · {q.direct ? "direct" : "reported"}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}

export function ArticlePage({ id, highlight }: { id: string; highlight: string | null }) {
  const state = useApi<StoredArticle>(`articles/${enc(id)}`);
  const m = highlight ? /^(\d+)-(\d+)$/.exec(highlight) : null;
  const focus: [number, number] | null = m ? [Number(m[1]), Number(m[2])] : null;
  return (
    <Status state={state}>
      {(a) => (
        <section class="article">
          <div class="page-head">
            {a.article.story ? (
              <a class="back" href={`#/story/${enc(a.article.story)}`}>
                ← Story
              </a>
            ) : (
              <a class="back" href="#/articles">← Articles</a>
            )}
            <h1>{articleLabel(a.article)}</h1>
            <div class="meta">
              <DateText date={a.article.published} inferred={a.article.published_inferred} />
              {a.article.outlet ? <span>{a.article.outlet}</span> : null}
              {a.article.url ? (
                <span class="url" title="original address (not fetched)">
                  {a.article.url}
                </span>
              ) : null}
              <span class="mono muted">id {a.article.id}</span>
            </div>
            <p class="sub">Every extraction is highlighted by kind. Hover a highlight to see the record and the rule that produced it.</p>
          </div>
          <div class="article-grid">
            <Reader a={a} focus={focus} />
            <Extractions a={a} />
          </div>
        </section>
      )}
    </Status>
  );
}

export function ArticlesPage() {
  const [limit, setLimit] = useState(100);
  const state = useApi<ArticleRow[]>("articles", { limit });
  return (
    <section>
      <div class="page-head">
        <h1>Articles</h1>
        <p class="sub">Every stored article, newest first. Open one to see its text with every extraction.</p>
      </div>
      <Status state={state}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty>No articles yet.</Empty>
          ) : (
            <table class="table" data-testid="articles">
              <thead>
                <tr>
                  <th>Date</th>
                  <th>Article</th>
                  <th>Outlet</th>
                  <th class="num">Characters</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td class="nowrap">
                      <DateText date={r.published} inferred={r.published_inferred} />
                    </td>
                    <td>
                      <a href={`#/article/${enc(r.id)}`}>{articleLabel(r)}</a>
                    </td>
                    <td>{r.outlet ?? <span class="muted">—</span>}</td>
                    <td class="num">{fmtNumber(r.length)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Status>
      {state.data && state.data.length === limit ? (
        <button type="button" class="more" onClick={() => setLimit(limit + 100)}>
          Show more articles
        </button>
      ) : null}
    </section>
  );
}
