import { enc, type SearchResult, type TextSpan } from "../api.js";
import { useApi } from "../hooks.js";
import { articleLabel, DateText, Empty, Status } from "../ui.js";

/** The snippet with the matched words marked (text nodes only). */
function Snippet({ snippet, hits }: { snippet: TextSpan; hits: TextSpan[] }) {
  const parts: Array<string | { t: string }> = [];
  let at = snippet.start;
  for (const h of hits.filter((h) => h.start >= snippet.start && h.end <= snippet.end).sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    parts.push(snippet.text.slice(at - snippet.start, h.start - snippet.start));
    parts.push({ t: snippet.text.slice(h.start - snippet.start, h.end - snippet.start) });
    at = h.end;
  }
  parts.push(snippet.text.slice(at - snippet.start));
  return (
    <p class="snippet">
      {snippet.start > 0 ? "…" : ""}
      {parts.map((p, i) => (typeof p === "string" ? p : <mark key={i}>{p.t}</mark>))}…
    </p>
  );
}

export function SearchPage({ q }: { q: string }) {
  const state = useApi<SearchResult>(q ? "search" : null, { q, limit: 50 });
  if (!q) return <Empty>Type words in the search box.</Empty>;
  return (
    <section>
      <div class="page-head">
        <h1>Search: “{q}”</h1>
      </div>
      <Status state={state}>
        {(r) => (
          <div class="two-col" data-testid="search-results">
            <div>
              <h2>Articles ({r.articles.length})</h2>
              {r.articles.length === 0 ? <Empty>No article matches.</Empty> : null}
              <ul class="plain hits">
                {r.articles.map((h) => (
                  <li key={h.article} class="card">
                    <a class="card-title" href={`#/article/${enc(h.article)}${h.hits[0] ? `?hl=${h.hits[0].start}-${h.hits[0].end}` : ""}`}>
                      {articleLabel(h)}
                    </a>
                    <div class="meta small">
                      <DateText date={h.published} />
                      {h.outlet ? <span>{h.outlet}</span> : null}
                      <span>{h.hits.length} hit{h.hits.length === 1 ? "" : "s"}</span>
                    </div>
                    <Snippet snippet={h.snippet} hits={h.hits} />
                  </li>
                ))}
              </ul>
            </div>
            <aside>
              <h2>People ({r.persons.length})</h2>
              {r.persons.length === 0 ? <Empty>No name matches.</Empty> : null}
              <ul class="plain">
                {r.persons.map((p) => (
                  <li key={p.key}>
                    <a href={`#/person/${enc(p.name)}`}>{p.name}</a>
                    <div class="small muted">
                      {[p.role, p.country].filter(Boolean).join(", ")} · {p.articles} article{p.articles === 1 ? "" : "s"}
                    </div>
                  </li>
                ))}
              </ul>
            </aside>
          </div>
        )}
      </Status>
    </section>
  );
}
