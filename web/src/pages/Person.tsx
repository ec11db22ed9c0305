import { enc, type PersonDetail } from "../api.js";
import { useApi } from "../hooks.js";
import { articleLabel, DateText, Empty, Evidence, Side, Status, TypeBadge } from "../ui.js";

export function PersonDetailView({ p, compact = false }: { p: PersonDetail; compact?: boolean }) {
  return (
    <div class={`person ${compact ? "compact" : ""}`} data-testid="person">
      <h3>Roles over time</h3>
      {p.roles.length === 0 ? <Empty>No role found.</Empty> : null}
      <ol class="roles">
        {p.roles.map((r, i) => (
          <li key={i}>
            <div class="role-when">
              {r.first_seen || r.last_seen ? (
                <span class="date">{r.first_seen === r.last_seen ? r.first_seen : `${r.first_seen ?? "?"} – ${r.last_seen ?? "?"}`}</span>
              ) : (
                <span class="muted">undated</span>
              )}
            </div>
            <div>
              <strong>{r.role ?? "role unknown"}</strong>
              {r.country ? <span class="code">{r.country}</span> : null}
              {r.evidence && r.evidence_article ? (
                <div class="small">
                  <Evidence article={r.evidence_article} span={r.evidence} />
                </div>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <h3>Events ({p.events.length})</h3>
      {p.events.length === 0 ? <Empty>No events.</Empty> : null}
      <ul class="plain events-list">
        {p.events.slice(0, compact ? 12 : 500).map((e) => (
          <li key={`${e.article}:${e.idx}`}>
            <div>
              <TypeBadge type={e.type} mode={e.mode} /> <Side side={e.source} /> <span class="arrow">→</span> <Side side={e.target} />{" "}
              <DateText date={e.date} />
            </div>
            <div class="small">
              <Evidence article={e.article} span={e.span} label={`rule ${e.rule}`} />
            </div>
          </li>
        ))}
      </ul>
      <h3>Quotes ({p.quotes.length})</h3>
      {p.quotes.length === 0 ? <Empty>No quotes.</Empty> : null}
      <ul class="quotes">
        {p.quotes.slice(0, compact ? 8 : 500).map((q) => (
          <li key={`${q.article}:${q.idx}`}>
            <Evidence article={q.article} span={q.span} label={`rule ${q.rule}`} />
            <div class="small muted">
              {q.direct ? "direct" : "reported"} · <a href={`#/article/${enc(q.article)}`}>{articleLabel({ title: q.title, lead: (q as { lead?: string | null }).lead ?? undefined, id: q.article })}</a>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function PersonPage({ name }: { name: string }) {
  const state = useApi<PersonDetail>(`persons/${enc(name)}`);
  return (
    <Status state={state}>
      {(p) => (
        <section>
          <div class="page-head">
            <a class="back" href="#/network">← Actors</a>
            <h1>{p.name}</h1>
            <div class="meta">
              {p.role ? <span>{p.role}</span> : null}
              {p.country ? <span class="code">{p.country}</span> : null}
              <span>{p.articles} article{p.articles === 1 ? "" : "s"}</span>
              {p.aliases.length ? <span class="muted">also: {p.aliases.join(", ")}</span> : null}
            </div>
          </div>
          <PersonDetailView p={p} />
        </section>
      )}
    </Status>
  );
}
