import { geoGraticule10, geoNaturalEarth1, geoPath } from "d3-geo";
import { useMemo, useState } from "preact/hooks";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries110m from "world-atlas/countries-110m.json";
import { enc, type PlacePoint } from "../api.js";
import { useApi } from "../hooks.js";
import { articleLabel, DateText, Empty, Evidence, Status, TypeBadge } from "../ui.js";

const W = 960;
const H = 520;
const topo = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const land = feature(topo, topo.objects.countries);
const borders = mesh(topo, topo.objects.countries, (a, b) => a !== b);

function WorldMap({ places, fit, selected, onSelect }: { places: PlacePoint[]; fit: boolean; selected: string | null; onSelect: (k: string) => void }) {
  const projection = useMemo(() => {
    const p = geoNaturalEarth1();
    if (fit && places.length) {
      const pts = { type: "MultiPoint" as const, coordinates: places.map((x) => [x.lon, x.lat]) };
      p.fitExtent([[120, 90], [W - 120, H - 90]], pts);
      if (p.scale() > 2200) p.scale(2200);
      if (places.length === 1) p.scale(900).center([places[0]!.lon, places[0]!.lat]).translate([W / 2, H / 2]);
    } else p.fitSize([W, H], { type: "Sphere" });
    return p;
  }, [places, fit]);
  const path = geoPath(projection);
  const max = Math.max(1, ...places.map((p) => p.mentions));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} class="map" role="img" aria-label="World map of places" data-testid="map">
      <rect width={W} height={H} class="sea" />
      <path d={path(geoGraticule10()) ?? ""} class="graticule" />
      {land.features.map((f, i) => (
        <path key={i} d={path(f) ?? ""} class="land">
          <title>{f.properties?.name ?? ""}</title>
        </path>
      ))}
      <path d={path(borders) ?? ""} class="borders" />
      {places.map((p) => {
        const xy = projection([p.lon, p.lat]);
        if (!xy) return null;
        const k = `${p.name}|${p.country ?? ""}`;
        const r = 4 + 12 * Math.sqrt(p.mentions / max);
        return (
          <g key={k} class={`place ${p.events.length ? "has-events" : ""} ${selected === k ? "selected" : ""}`} onClick={() => onSelect(k)} transform={`translate(${xy[0]},${xy[1]})`}>
            <circle r={r} />
            <text y={-r - 4}>{p.name}</text>
            <title>
              {p.name}: {p.mentions} mention{p.mentions === 1 ? "" : "s"}, {p.events.length} event{p.events.length === 1 ? "" : "s"}
            </title>
          </g>
        );
      })}
    </svg>
  );
}

export function MapPage() {
  const state = useApi<PlacePoint[]>("places");
  const [fit, setFit] = useState(true);
  const [sel, setSel] = useState<string | null>(null);
  return (
    <section>
      <div class="page-head">
        <h1>Map</h1>
        <p class="sub">Places named in the articles (where the gazetteer knows them); orange places are where events happened. Circle size is the number of mentions.</p>
      </div>
      <Status state={state}>
        {(places) => {
          const chosen = places.find((p) => `${p.name}|${p.country ?? ""}` === sel) ?? null;
          return places.length === 0 ? (
            <Empty>No places with coordinates yet.</Empty>
          ) : (
            <div class="network">
              <div class="map-box">
                <div class="map-tools">
                  <button type="button" class={fit ? "on" : ""} onClick={() => setFit(true)}>
                    Fit to places
                  </button>
                  <button type="button" class={!fit ? "on" : ""} onClick={() => setFit(false)}>
                    World
                  </button>
                </div>
                <WorldMap places={places} fit={fit} selected={sel} onSelect={setSel} />
              </div>
              <aside class="panel">
                {chosen ? (
                  <div>
                    <h2>{chosen.name}</h2>
                    <div class="meta">
                      {chosen.country ? <span class="code">{chosen.country}</span> : null}
                      <span>
                        {chosen.lat.toFixed(2)}, {chosen.lon.toFixed(2)}
                      </span>
                    </div>
                    <h3>Events here ({chosen.events.length})</h3>
                    <ul class="plain events-list">
                      {chosen.events.map((e) => (
                        <li key={`${e.article}:${e.idx}`}>
                          <TypeBadge type={e.type} /> <DateText date={e.date} />
                          <div class="small">
                            <Evidence article={e.article} span={e.span} />
                          </div>
                        </li>
                      ))}
                    </ul>
                    <h3>Articles ({chosen.articles.length})</h3>
                    <ul class="plain">
                      {chosen.articles.map((a) => (
                        <li key={a.id}>
                          <a href={`#/article/${enc(a.id)}`}>{articleLabel(a)}</a>
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  <div>
                    <h2>Places</h2>
                    <table class="table compact">
                      <thead>
                        <tr>
                          <th>Place</th>
                          <th class="num">Mentions</th>
                          <th class="num">Events</th>
                        </tr>
                      </thead>
                      <tbody>
                        {places.map((p) => (
                          <tr key={`${p.name}|${p.country}`}>
                            <td>
                              <button type="button" class="link" onClick={() => setSel(`${p.name}|${p.country ?? ""}`)}>
                                {p.name}
                              </button>{" "}
                              {p.country ? <span class="code">{p.country}</span> : null}
                            </td>
                            <td class="num">{p.mentions}</td>
                            <td class="num">{p.events.length}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </aside>
            </div>
          );
        }}
      </Status>
    </section>
  );
}
