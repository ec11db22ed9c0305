import cytoscape, { type Core } from "cytoscape";
import { useEffect, useRef, useState } from "preact/hooks";
import { enc, type Network, type NetworkEdge, type PersonDetail } from "../api.js";
import { go, useApi } from "../hooks.js";
import { DateText, Empty, Evidence, Status, TYPE_COLORS, TypeBadge } from "../ui.js";
import { PersonDetailView } from "./Person.js";

const KIND_COLOR = { person: "#2b6cb0", group: "#7c5cbf", actor: "#4a5568" } as const;

function Graph({ net, onNode, onEdge }: { net: Network; onNode: (id: string) => void; onEdge: (id: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const max = Math.max(1, ...net.edges.map((e) => e.count));
    const maxN = Math.max(1, ...net.nodes.map((n) => n.count));
    const dominant = (e: NetworkEdge) => Object.entries(e.types).sort((a, b) => b[1] - a[1])[0]?.[0] ?? "CONSULT";
    const c = cytoscape({
      container: box.current,
      elements: [
        ...net.nodes.map((n, i) => ({
          // a deterministic start (a circle) so the same data draws the same graph
          position: { x: 300 * Math.cos((2 * Math.PI * i) / net.nodes.length), y: 300 * Math.sin((2 * Math.PI * i) / net.nodes.length) },
          data: { id: n.id, label: n.kind === "person" && n.code ? `${n.label} (${n.code})` : n.label, kind: n.kind, size: 18 + 26 * Math.sqrt(n.count / maxN) },
        })),
        ...net.edges.map((e) => ({
          data: { id: e.id, source: e.source, target: e.target, width: 1.5 + 7 * (e.count / max), color: TYPE_COLORS[dominant(e)] ?? "#999", count: e.count },
        })),
      ],
      style: [
        {
          selector: "node",
          style: {
            "background-color": (n: cytoscape.NodeSingular) => KIND_COLOR[n.data("kind") as keyof typeof KIND_COLOR] ?? "#4a5568",
            label: "data(label)",
            width: "data(size)",
            height: "data(size)",
            "font-size": 12.5,
            "font-family": "system-ui, sans-serif",
            color: "#1a202c",
            "text-valign": "bottom",
            "text-margin-y": 4,
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "text-background-padding": "2px",
            "border-width": 2,
            "border-color": "#ffffff",
          },
        },
        { selector: "node[kind = 'actor']", style: { shape: "round-rectangle" } },
        {
          selector: "edge",
          style: { width: "data(width)", "line-color": "data(color)", opacity: 0.75, "curve-style": "bezier" },
        },
        { selector: ":selected", style: { "border-color": "#f59e0b", "border-width": 4, "line-color": "#f59e0b", opacity: 1 } },
      ],
      layout: {
        name: "cose", animate: false, randomize: false, fit: true, padding: 40,
        nodeRepulsion: () => 400_000, idealEdgeLength: () => 90, nodeOverlap: 40, gravity: 60, componentSpacing: 90, numIter: 1500,
      } as cytoscape.LayoutOptions,
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3,
    });
    c.on("tap", "node", (e) => onNode(e.target.id()));
    c.on("tap", "edge", (e) => onEdge(e.target.id()));
    cy.current = c;
    (window as unknown as { __cy?: Core }).__cy = c;
    return () => c.destroy();
  }, [net]);
  return <div class="graph" ref={box} data-testid="graph" />;
}

function PersonPanel({ name }: { name: string }) {
  const state = useApi<PersonDetail>(`persons/${enc(name)}`);
  return (
    <Status state={state}>
      {(p) => (
        <div>
          <h2>
            <a href={`#/person/${enc(p.name)}`}>{p.name}</a>
          </h2>
          <div class="meta">
            {p.role ? <span>{p.role}</span> : null}
            {p.country ? <span class="code">{p.country}</span> : null}
          </div>
          <PersonDetailView p={p} compact />
        </div>
      )}
    </Status>
  );
}

const validDate = (s: string) => s === "" || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(s);

/** An ISO date field (YYYY, YYYY-MM or YYYY-MM-DD): applied when valid, marked when not. */
function DateInput({ value, onValid }: { value: string; onValid: (v: string) => void }) {
  const [text, setText] = useState(value);
  const ok = validDate(text.trim());
  return (
    <input
      type="text"
      placeholder="YYYY-MM-DD"
      value={text}
      maxLength={10}
      class={ok ? "" : "invalid"}
      aria-invalid={!ok}
      onInput={(e) => {
        const v = (e.target as HTMLInputElement).value;
        setText(v);
        if (validDate(v.trim())) onValid(v.trim());
      }}
    />
  );
}

export function NetworkPage({ query }: { query: URLSearchParams }) {
  const [types, setTypes] = useState<string[]>(() => (query.get("types") ?? "").split(",").filter(Boolean));
  const [from, setFrom] = useState(query.get("from") ?? "");
  const [to, setTo] = useState(query.get("to") ?? "");
  const [sel, setSel] = useState<{ node?: string; edge?: string } | null>(null);
  const story = query.get("story") ?? undefined;
  const all = useApi<Network>("network", { from: from || undefined, to: to || undefined, story });
  const state = useApi<Network>("network", { types: types.join(",") || undefined, from: from || undefined, to: to || undefined, story });
  const net = state.data;
  const node = sel?.node ? net?.nodes.find((n) => n.id === sel.node) : undefined;
  const edge = sel?.edge ? net?.edges.find((e) => e.id === sel.edge) : undefined;
  const label = (id: string) => net?.nodes.find((n) => n.id === id)?.label ?? id;
  const typeCounts = all.data?.types ?? {};
  return (
    <section>
      <div class="page-head">
        <h1>Actors</h1>
        <p class="sub">Who engaged with whom. Edge thickness is the number of events; colour is the most frequent event type. Click a person.</p>
      </div>
      <div class="filters" data-testid="network-filters">
        <div class="type-filter">
          {Object.entries(typeCounts)
            .sort((a, b) => b[1] - a[1])
            .map(([t, n]) => (
              <label key={t} class={`type-toggle ${types.includes(t) ? "on" : ""}`} style={{ borderColor: TYPE_COLORS[t] }}>
                <input
                  type="checkbox"
                  checked={types.includes(t)}
                  onChange={() => setTypes(types.includes(t) ? types.filter((x) => x !== t) : [...types, t])}
                />
                <span class="dot" style={{ background: TYPE_COLORS[t] }} />
                {t} <span class="muted">{n}</span>
              </label>
            ))}
          {types.length ? (
            <button type="button" class="link" onClick={() => setTypes([])}>
              all types
            </button>
          ) : null}
        </div>
        {story ? (
          <span class="chip story-filter">
            story: {story}
            <a href="#/network" title="all stories" class="x">
              ×
            </a>
          </span>
        ) : null}
        <div class="date-filter">
          <label>
            from <DateInput value={from} onValid={setFrom} />
          </label>
          <label>
            to <DateInput value={to} onValid={setTo} />
          </label>
        </div>
      </div>
      <div class="network">
        <Status state={state}>
          {(n) => (n.nodes.length ? <Graph net={n} onNode={(id) => setSel({ node: id })} onEdge={(id) => setSel({ edge: id })} /> : <Empty>No events match.</Empty>)}
        </Status>
        <aside class="panel" data-testid="panel">
          {node?.kind === "person" ? (
            <PersonPanel name={node.label} key={node.id} />
          ) : node ? (
            <div>
              <h2>{node.label}</h2>
              <p class="muted">
                {node.kind === "actor" ? "State or body" : "Group"} · {node.count} event{node.count === 1 ? "" : "s"}
              </p>
              <button type="button" class="link" onClick={() => go(`#/search?q=${enc(node.label)}`)}>
                Search articles for “{node.label}”
              </button>
            </div>
          ) : edge ? (
            <div>
              <h2>
                {label(edge.source)} ↔ {label(edge.target)}
              </h2>
              <p class="muted">{edge.count} event{edge.count === 1 ? "" : "s"}</p>
              <ul class="plain events-list">
                {edge.events.map((e) => (
                  <li key={`${e.article}:${e.idx}`}>
                    <TypeBadge type={e.type} /> <DateText date={e.date} />
                    <div class="small">
                      <Evidence article={e.article} span={e.span} />
                    </div>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <div class="muted hint">
              <p>Select a person to see their roles over time, events and quotes; select an edge to see the events behind it.</p>
              <div class="key">
                <span><span class="dot" style={{ background: KIND_COLOR.person }} /> person</span>
                <span><span class="dot" style={{ background: KIND_COLOR.group }} /> group</span>
                <span><span class="dot square" style={{ background: KIND_COLOR.actor }} /> state / body</span>
              </div>
            </div>
          )}
        </aside>
      </div>
    </section>
  );
}
