import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { enc, type FigureSeries, type SeriesPoint } from "../api.js";
import { useApi } from "../hooks.js";
import { articleLabel, DateText, Empty, Evidence, fmtNumber, Status } from "../ui.js";

const CATEGORY_LABEL: Record<string, string> = {
  killed: "Killed", injured: "Injured", displaced: "Displaced", aid: "Aid", troops: "Troops", money: "Money", other: "Other",
};

/** Seconds since the epoch for an ISO date of any grain (YYYY, YYYY-MM, YYYY-MM-DD). */
function secs(date: string): number {
  const [y, m = "01", d = "01"] = date.split("-");
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) / 1000;
}

function claim(p: SeriesPoint): string {
  const q = p.qualifier !== "exactly" ? `${p.qualifier} ` : "";
  return `${q}${fmtNumber(p.value)}${p.value_max ? `–${fmtNumber(p.value_max)}` : ""}`;
}

/** Short claim for a point label on the canvas: "≥102", "~14,000". */
function short(p: SeriesPoint): string {
  const q: Record<string, string> = { "at least": "≥", "more than": ">", about: "~", "up to": "≤", "fewer than": "<", exactly: "" };
  return `${q[p.qualifier] ?? ""}${fmtNumber(p.value)}${p.value_max ? `–${fmtNumber(p.value_max)}` : ""}`;
}

function Chart({ s }: { s: FigureSeries }) {
  const box = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const dated = s.points.filter((p) => p.date);
  useEffect(() => {
    if (!box.current || !dated.length) return;
    const xs: number[] = [];
    const ok: Array<number | null> = [];
    const bad: Array<number | null> = [];
    let last = -Infinity;
    for (const p of dated) {
      let x = secs(p.date!);
      if (x <= last) x = last + 3600 * 6; // same day: side by side
      last = x;
      xs.push(x);
      const contradicted = p.contradicts.length > 0;
      ok.push(contradicted ? null : p.value);
      bad.push(contradicted ? p.value : null);
    }
    const values = dated.map((p) => p.value).filter((v) => v > 0);
    const log = values.length > 1 && Math.max(...values) / Math.min(...values) > 50;
    const width = Math.max(320, box.current.clientWidth);
    const span = xs[xs.length - 1]! - xs[0]!;
    const pad = Math.max(86400 * 7, span * 0.08);
    const plot = new uPlot(
      {
        width,
        height: 240,
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { size: 14 } },
        scales: {
          x: { time: true, range: () => [xs[0]! - pad, xs[xs.length - 1]! + pad] },
          y: log ? { distr: 3, log: 10, range: (_u, min, max) => [min / 2.5, max * 2.5] } : { range: (_u, _min, max) => [0, max * 1.2 || 1] },
        },
        axes: [
          { stroke: "#4a5568", grid: { stroke: "#edf2f7" } },
          {
            stroke: "#4a5568",
            grid: { stroke: "#edf2f7" },
            size: 70,
            // on a log scale, only the powers of ten
            ...(log
              ? {
                  splits: (_u: uPlot, _ai: number, min: number, max: number) => {
                    const out: number[] = [];
                    for (let e = Math.ceil(Math.log10(min)); 10 ** e <= max; e++) out.push(10 ** e);
                    return out;
                  },
                }
              : {}),
            values: (_u, vals) => vals.map((v) => (v == null ? "" : fmtNumber(v))),
          },
        ],
        series: [
          {},
          { label: "figure", stroke: "#2b6cb0", width: 0, paths: () => null, points: { show: true, size: 10, fill: "rgba(43,108,176,.75)", stroke: "#2b6cb0", width: 1.5 } },
          { label: "contradicted", stroke: "#c53030", width: 0, paths: () => null, points: { show: true, size: 13, fill: "#fff", stroke: "#c53030", width: 3 } },
        ],
        hooks: {
          // each point labelled with its claim (canvas text: never HTML)
          draw: [
            (u) => {
              const ctx = u.ctx;
              ctx.save();
              ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
              ctx.textAlign = "left";
              ctx.textBaseline = "middle";
              dated.forEach((p, i) => {
                const x = u.valToPos(xs[i]!, "x", true);
                const y = u.valToPos(p.value, "y", true);
                ctx.fillStyle = p.contradicts.length ? "#c53030" : "#2d3748";
                ctx.fillText(short(p), x + 9 * devicePixelRatio, y - 9 * devicePixelRatio);
              });
              ctx.restore();
            },
          ],
          setCursor: [
            (u) => {
              const el = tip.current;
              if (!el) return;
              const i = u.cursor.idx;
              const p = i == null ? undefined : dated[i];
              if (!p || u.cursor.left == null || u.cursor.left < 0) {
                el.style.display = "none";
                return;
              }
              el.textContent = `${p.date}: ${claim(p)} ${p.what}${p.attributed_to ? ` (per ${p.attributed_to})` : ""} — ${p.title ?? p.lead ?? p.article}`;
              el.style.display = "block";
              el.style.left = `${Math.min(u.valToPos(xs[i!]!, "x") + 60, width - 320)}px`;
              el.style.top = `${u.valToPos(p.value, "y") + 14}px`;
            },
          ],
        },
      },
      [xs, ok, bad],
      box.current,
    );
    return () => plot.destroy();
  }, [s]);
  return dated.length ? (
    <div class="chart-wrap">
      <div class="chart" ref={box} />
      <div class="chart-tip" ref={tip} />
    </div>
  ) : (
    <Empty>No dated points in this series yet: the figures below have no date.</Empty>
  );
}

export function FiguresPage() {
  const state = useApi<FigureSeries[]>("figures/series");
  return (
    <section>
      <div class="page-head">
        <h1>Figures</h1>
        <p class="sub">Counts reported over time, one chart per quantity. Every point links to its source; contradicting claims (same day, ranges that do not meet) are ringed in red.</p>
      </div>
      <Status state={state}>
        {(series) =>
          series.length === 0 ? (
            <Empty>No figures yet.</Empty>
          ) : (
            <div class="series-list" data-testid="series">
              {series.map((s) => (
                <div class="card series" key={s.key}>
                  <h2>
                    {CATEGORY_LABEL[s.category] ?? s.category} <span class="muted">({s.unit})</span>
                    <span class="count">{s.points.length} point{s.points.length === 1 ? "" : "s"}</span>
                  </h2>
                  <Chart s={s} />
                  <table class="table compact">
                    <thead>
                      <tr>
                        <th>Date</th>
                        <th class="num">Claim</th>
                        <th>What</th>
                        <th>According to</th>
                        <th>Source</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.points.map((p, i) => (
                        <tr key={i} class={p.contradicts.length ? "contradiction" : ""}>
                          <td class="nowrap">
                            <DateText date={p.date} />
                          </td>
                          <td class="num nowrap">
                            {p.contradicts.length ? <span class="flag" title={`contradicts ${p.contradicts.map((j) => claim(s.points[j]!)).join(", ")}`}>≠ </span> : null}
                            {claim(p)}
                          </td>
                          <td>{p.what}</td>
                          <td>{p.attributed_to ?? <span class="muted">—</span>}</td>
                          <td>
                            <Evidence article={p.article} span={p.span} label={`rule ${p.rule}`} />
                            <div class="small muted">
                              <a href={`#/article/${enc(p.article)}`}>{articleLabel({ title: p.title, lead: p.lead ?? undefined, id: p.article })}</a>
                            </div>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
            </div>
          )
        }
      </Status>
    </section>
  );
}
