import { useState } from "preact/hooks";
import { enc, type StorySummary, type StoryView } from "../api.js";
import { useApi } from "../hooks.js";
import { articleLabel, DateText, Empty, Evidence, fmtNumber, plural, Side, Status, TypeBadge } from "../ui.js";

const short = (s: string, n = 60) => (s.length > n ? s.slice(0, n - 1).trimEnd() + "…" : s);

function range(a: string | null, b: string | null) {
  if (!a && !b) return <span class="muted">undated</span>;
  return <span class="date">{a === b || !b ? a : `${a ?? "?"} – ${b}`}</span>;
}

const PAGE = 50;

interface Health {
  counts: { articles: number; stories: number; persons: number; events: number; figures: number; quotes: number };
}

export function StoriesPage() {
  const [limit, setLimit] = useState(PAGE);
  const state = useApi<StorySummary[]>("stories", { limit });
  const health = useApi<Health>("health");
  const c = health.data?.counts;
  return (
    <section>
      <div class="page-head">
        <h1>Stories</h1>
        <p class="sub">Articles grouped by the event they report, newest first.</p>
        {c ? (
          <div class="stats" data-testid="stats">
            {([["articles", c.articles], ["stories", c.stories], ["people", c.persons], ["events", c.events], ["figures", c.figures], ["quotes", c.quotes]] as const).map(([k, n]) => (
              <div class="stat" key={k}>
                <span class="stat-n">{fmtNumber(n)}</span>
                <span class="stat-k">{k}</span>
              </div>
            ))}
          </div>
        ) : null}
      </div>
      <Status state={state}>
        {(stories) =>
          stories.length === 0 ? (
            <Empty>No stories yet. Run <code>npx eventwire demo</code> or <code>npx eventwire ingest PATH</code>.</Empty>
          ) : (
            <ul class="cards" data-testid="stories">
              {stories.map((s) => (
                <li class="card story-card" key={s.id}>
                  <a class="card-title" href={`#/story/${enc(s.id)}`}>
                    {s.title}
                  </a>
                  <div class="meta">
                    {range(s.first_date, s.last_date)}
                    <span>{plural(s.sources, "source")}</span>
                    <span>{plural(s.article_count, "article")}</span>
                    <span>{plural(s.events, "event")}</span>
                  </div>
                  {s.key_actors.length ? (
                    <div class="chips">
                      {s.key_actors.map((a) =>
                        a.kind === "person" ? (
                          <a class="chip person" href={`#/person/${enc(a.label)}`} key={a.label}>
                            {a.label}
                            {a.code ? <span class="code">{a.code}</span> : null}
                          </a>
                        ) : (
                          <span class="chip" key={a.label}>
                            {a.label}
                          </span>
                        ),
                      )}
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </Status>
      {state.data && state.data.length === limit ? (
        <button type="button" class="more" onClick={() => setLimit(limit + PAGE)}>
          Show more stories
        </button>
      ) : null}
    </section>
  );
}

export function StoryPage({ id }: { id: string }) {
  const state = useApi<StoryView>(`stories/${enc(id)}`);
  return (
    <Status state={state}>
      {(s) => (
        <section class="story">
          <div class="page-head">
            <a class="back" href="#/stories">← Stories</a>
            <h1>{s.title}</h1>
            <div class="meta">
              {range(s.first_date, s.last_date)}
              <span>{plural(s.sources, "source")}</span>
              <span>{plural(s.article_count, "article")}</span>
              <span>{plural(s.timeline.length, "event")}</span>
              <span>{plural(s.figures.length, "figure")}</span>
              <span>{plural(s.quotes.length, "quote")}</span>
              <a href={`#/network?story=${enc(s.id)}`}>Actors network of this story →</a>
            </div>
          </div>
          <div class="two-col">
            <div>
              <h2>Timeline</h2>
              {s.timeline.length === 0 ? <Empty>No events coded in this story.</Empty> : null}
              <ol class="timeline" data-testid="timeline">
                {s.timeline.map((t, i) => (
                  <li key={i} class={t.realis !== "asserted" ? "not-asserted" : ""}>
                    <div class="tl-date">
                      <DateText date={t.date} />
                    </div>
                    <div class="tl-body">
                      <div class="tl-head">
                        <TypeBadge type={t.type} mode={t.mode} />
                        <Side side={t.source} />
                        <span class="arrow">{t.mutual ? "↔" : "→"}</span>
                        <Side side={t.target} />
                        {t.realis !== "asserted" ? <span class="realis">{t.realis}</span> : null}
                      </div>
                      <ul class="sources">
                        {t.sources.map((src) => (
                          <li key={`${src.article}:${src.idx}`}>
                            <Evidence article={src.article} span={src.span} label={`rule ${src.rule}`} />
                            <span class="src-label">
                              {[src.outlet, src.published, short(articleLabel(s.articles.find((a) => a.id === src.article) ?? { title: src.title, id: src.article }))]
                                .filter(Boolean)
                                .join(" · ")}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </div>
                  </li>
                ))}
              </ol>
            </div>
            <aside>
              <h2>Articles</h2>
              <ul class="plain">
                {s.articles.map((a) => (
                  <li key={a.id}>
                    <a href={`#/article/${enc(a.id)}`}>{articleLabel(a)}</a>
                    <div class="meta small">
                      <DateText date={a.published} inferred={a.published_inferred} />
                      {a.outlet ? <span>{a.outlet}</span> : null}
                    </div>
                  </li>
                ))}
              </ul>
              <h2>Figures</h2>
              {s.figures.length === 0 ? <Empty>No figures.</Empty> : null}
              <ul class="plain figures-list">
                {s.figures.map((f) => (
                  <li key={`${f.article}:${f.idx}`}>
                    <div>
                      <strong>
                        {f.qualifier !== "exactly" ? `${f.qualifier} ` : ""}
                        {fmtNumber(f.value)}
                        {f.value_max ? `–${fmtNumber(f.value_max)}` : ""}
                      </strong>{" "}
                      {f.what} <span class="tag">{f.category}</span>
                    </div>
                    <div class="small">
                      <Evidence article={f.article} span={f.span} label={`rule ${f.rule}`} />
                      {f.attributed_to ? <span class="muted"> per {f.attributed_to}</span> : null}
                    </div>
                  </li>
                ))}
              </ul>
              <h2>People</h2>
              <div class="chips">
                {s.persons.map((p) => (
                  <a class="chip person" href={`#/person/${enc(p.name)}`} key={p.key}>
                    {p.name}
                    {p.role ? <span class="chip-role">{p.role}</span> : null}
                  </a>
                ))}
              </div>
            </aside>
          </div>
          {s.quotes.length ? (
            <>
              <h2>Quotes</h2>
              <ul class="quotes">
                {s.quotes.map((q) => (
                  <li key={`${q.article}:${q.idx}`}>
                    <Evidence article={q.article} span={q.span} label={`rule ${q.rule}`} />
                    <div class="small muted">
                      — {q.speaker ?? "speaker unknown"}, {q.direct ? "direct" : "reported"}
                    </div>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      )}
    </Status>
  );
}
