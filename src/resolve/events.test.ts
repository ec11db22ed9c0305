import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ArticleRecord, PloverType, Side } from "../core/types.js";
import { goldToRecord, readGold } from "../eval/gold.js";
import { EventIndex, sameSide, type ArticleEvents } from "./events.js";

type Ev = ArticleRecord["events"][number];

function ev(type: PloverType, source: Side, target: Side, date: string | null, text: string, evidence: string, mode: Ev["mode"] = null): Ev {
  const start = text.indexOf(evidence);
  if (start < 0) throw new Error("fixture: evidence not in text");
  return {
    type,
    ...(type === "CONSULT" ? { mode } : {}),
    source,
    target,
    date,
    evidence,
    span: { start, end: start + evidence.length, text: evidence },
    rule: "test",
    realis: "asserted",
  };
}

const VELT = { person: "Anja Velt", actor: "NRL" };
const DORIN = { person: "Pavel Dorin", actor: "EST" };
const TEXT = "Anja Velt and Pavel Dorin spoke by phone. Velt later met Dorin in Kalmora. Norland accused Estavia of shelling.";
const CALL = "Anja Velt and Pavel Dorin spoke by phone";

function art(id: string, outlet: string | null, published: string | null, story: string | null, events: Ev[]): ArticleEvents {
  return { id, outlet, published, story, events };
}

describe("EventIndex: one event told by many outlets", () => {
  it("merges three outlets' reports of one call into one event with three sources", () => {
    const idx = new EventIndex();
    const call = (date: string | null) => ev("CONSULT", VELT, DORIN, date, TEXT, CALL, "phone");
    const a = idx.add(art("a", "alpha.example", "2031-05-06", "s1", [call("2031-05-06")]));
    const b = idx.add(art("b", "beta.example", "2031-05-06", "s1", [ev("CONSULT", DORIN, { person: "Velt", actor: "NRL" }, "2031-05-06", TEXT, CALL, "phone")]));
    const c = idx.add(art("c", "gamma.example", "2031-05-07", "s1", [call(null)]));
    expect(new Set([...a, ...b, ...c]).size).toBe(1);
    const e = idx.get(a[0]!)!;
    expect(e.sources).toBe(3);
    expect(e.mentions.map((m) => m.article)).toEqual(["a", "b", "c"]);
    expect(e.date).toBe("2031-05-06");
    expect(e.disputed).toBe(false);
    expect(e.source.person).toBe("Anja Velt");
    for (const m of e.mentions) expect(TEXT.slice(m.evidence.start, m.evidence.end)).toBe(m.evidence.text);
  });

  it("keeps two calls between the same people on different dates apart", () => {
    const idx = new EventIndex();
    const [x] = idx.add(art("a", "alpha.example", "2031-05-06", "s1", [ev("CONSULT", VELT, DORIN, "2031-05-06", TEXT, CALL, "phone")]));
    const [y] = idx.add(art("b", "beta.example", "2031-05-09", "s2", [ev("CONSULT", VELT, DORIN, "2031-05-09", TEXT, CALL, "phone")]));
    expect(y).not.toBe(x);
    expect(idx.size).toBe(2);
  });

  it("merges an undated mention from another story only when its article came out within days after the event", () => {
    const idx = new EventIndex();
    const [x] = idx.add(art("a", "alpha.example", "2031-05-06", "s1", [ev("CONSULT", VELT, DORIN, "2031-05-06", TEXT, CALL, "phone")]));
    const [y] = idx.add(art("b", "beta.example", "2031-05-07", "s2", [ev("CONSULT", VELT, DORIN, null, TEXT, CALL, "phone")]));
    const [z] = idx.add(art("c", "gamma.example", "2031-05-04", "s3", [ev("CONSULT", VELT, DORIN, null, TEXT, CALL, "phone")]));
    const [w] = idx.add(art("d", "delta.example", null, "s4", [ev("CONSULT", VELT, DORIN, null, TEXT, CALL, "phone")]));
    expect(y).toBe(x);
    expect(z).not.toBe(x); // published before the event: an earlier call
    expect(w).not.toBe(x); // nothing dates it and it is another story
  });

  it("keeps the sources' disagreement on the date, and picks the date most sources give", () => {
    const idx = new EventIndex();
    const ids = [
      ...idx.add(art("a", "alpha.example", "2031-05-07", "s1", [ev("CONSULT", VELT, DORIN, "2031-05-06", TEXT, CALL, "phone")])),
      ...idx.add(art("b", "beta.example", "2031-05-07", "s1", [ev("CONSULT", VELT, DORIN, "2031-05-07", TEXT, CALL, "phone")])),
      ...idx.add(art("c", "gamma.example", "2031-05-07", "s1", [ev("CONSULT", VELT, DORIN, "2031-05-06", TEXT, CALL, "phone")])),
    ];
    expect(new Set(ids).size).toBe(1);
    const e = idx.get(ids[0]!)!;
    expect(e.date).toBe("2031-05-06");
    expect(e.disputed).toBe(true);
    expect(e.dates).toEqual([
      { date: "2031-05-06", mentions: 2, sources: 2 },
      { date: "2031-05-07", mentions: 1, sources: 1 },
    ]);
  });

  it("counts one outlet once, however many of its articles mention the event", () => {
    const idx = new EventIndex();
    idx.add(art("a1", "alpha.example", "2031-05-06", "s1", [ev("CONSULT", VELT, DORIN, "2031-05-06", TEXT, CALL, "phone")]));
    const [x] = idx.add(art("a2", "alpha.example", "2031-05-06", "s1", [ev("CONSULT", VELT, DORIN, "2031-05-06", TEXT, CALL, "phone")]));
    expect(idx.get(x!)!.mentions).toHaveLength(2);
    expect(idx.get(x!)!.sources).toBe(1);
  });

  it("does not merge a phone call with a meeting, nor an accusation with its reverse", () => {
    const idx = new EventIndex();
    const [call] = idx.add(art("a", "alpha.example", "2031-05-06", "s1", [ev("CONSULT", VELT, DORIN, "2031-05-06", TEXT, CALL, "phone")]));
    const [meet] = idx.add(art("b", "beta.example", "2031-05-06", "s1", [ev("CONSULT", VELT, DORIN, "2031-05-06", TEXT, "Velt later met Dorin in Kalmora", "meeting")]));
    expect(meet).not.toBe(call);
    const acc = "Norland accused Estavia of shelling";
    const [a1] = idx.add(art("c", "alpha.example", "2031-05-06", "s1", [ev("ACCUSE", { person: null, actor: "NRL" }, { person: null, actor: "EST" }, "2031-05-06", TEXT, acc)]));
    const [a2] = idx.add(art("d", "beta.example", "2031-05-06", "s1", [ev("ACCUSE", { person: null, actor: "EST" }, { person: null, actor: "NRL" }, "2031-05-06", TEXT, acc)]));
    const [a3] = idx.add(art("e", "gamma.example", "2031-05-06", "s1", [ev("ACCUSE", VELT, { person: null, actor: "EST" }, "2031-05-06", TEXT, acc)]));
    expect(a2).not.toBe(a1);
    expect(a3).toBe(a1); // a minister speaking for Norland is the Norland side
  });

  it("compares sides by person, else by state, else by group", () => {
    expect(sameSide({ person: "Sergei Lavrov", actor: "RUS" }, { person: "Sergey Lavrov", actor: null })).toBe(true);
    expect(sameSide({ person: "Volodymyr Zelenskyy", actor: "UKR" }, { person: "Zelensky", actor: "UKR" })).toBe(true);
    expect(sameSide({ person: "Mevlüt Çavuşoğlu", actor: "TUR" }, { person: "Mevlut Cavusoglu", actor: "TUR" })).toBe(true);
    expect(sameSide({ person: "Hulusi Akar", actor: "TUR" }, { person: "Recep Tayyip Erdoğan", actor: "TUR" })).toBe(false);
    expect(sameSide({ person: null, actor: "TUR" }, { person: "Hulusi Akar", actor: "TUR" })).toBe(true);
    expect(sameSide({ person: null, actor: null, group: "Hamas" }, { person: null, actor: null, group: "HAMAS" })).toBe(true);
    expect(sameSide({ person: null, actor: null }, { person: null, actor: null })).toBe(false);
  });

  it("serialises and keeps merging after a restore", () => {
    const idx = new EventIndex();
    const [x] = idx.add(art("a", "alpha.example", "2031-05-06", "s1", [ev("CONSULT", VELT, DORIN, "2031-05-06", TEXT, CALL, "phone")]));
    const back = EventIndex.fromJSON(JSON.parse(JSON.stringify(idx.toJSON())));
    const [y] = back.add(art("b", "beta.example", "2031-05-06", "s1", [ev("CONSULT", VELT, DORIN, null, TEXT, CALL, null)]));
    expect(y).toBe(x);
    expect(back.get(x!)!.sources).toBe(2);
  });
});

describe("EventIndex over the gold corpora (gold event lists and story labels)", () => {
  const CORPUS = join(import.meta.dirname, "..", "..", "..", "shared", "corpus");
  const load = async (dirs: string[]) => {
    const entries = await readGold(dirs.map((d) => join(CORPUS, d)));
    const idx = new EventIndex();
    idx.addAll(
      entries.map((e) => {
        const r = goldToRecord(e.gold);
        return { id: r.id, outlet: r.outlet ?? e.gold.id, published: e.gold.published ?? null, story: e.gold.story ?? null, events: r.events };
      }),
    );
    return idx;
  };
  const calls = (idx: EventIndex, a: string, b: string) =>
    idx.list().filter((e) => e.type === "CONSULT" && [e.source.person, e.target.person].every((p) => p && (p.includes(a) || p.includes(b))));

  it("seeds: two Akar–Reznikov phone calls, not one", async () => {
    const idx = await load(["seeds"]);
    const ar = calls(idx, "Akar", "Reznikov");
    expect(ar).toHaveLength(2);
    expect(ar.map((e) => e.date).sort()).toEqual(["2022-02-28", null].sort());
    expect(ar.map((e) => e.mentions[0]!.article).sort()).toEqual(["000_a457fc0afeb93467", "001_27f1384dc17c048a"]);
  });

  it("dev: one Çavuşoğlu–Lavrov call of 26 February with three sources", async () => {
    const idx = await load(["dev"]);
    const cl = calls(idx, "Lavrov", "avu").filter((e) => e.mode === "phone");
    const feb26 = cl.filter((e) => e.date === "2022-02-26");
    expect(feb26).toHaveLength(1);
    expect(feb26[0]!.sources).toBe(3);
    expect(feb26[0]!.mentions.map((m) => m.article).sort()).toEqual(["hurriyet-cavusoglu-lavrov-call", "reuters-cavusoglu-lavrov-call", "vestikavkaza-cavusoglu-lavrov-call"]);
    // the next day's call is another event
    expect(cl.filter((e) => e.date === "2022-02-27")).toHaveLength(1);
  });

  it("dev + seeds: the 27 February call is one event told by Daily Sabah and seed 000", async () => {
    const idx = await load(["dev", "seeds"]);
    const feb27 = calls(idx, "Lavrov", "avu").filter((e) => e.date === "2022-02-27");
    expect(feb27).toHaveLength(1);
    expect(feb27[0]!.mentions.map((m) => m.article).sort()).toEqual(["000_a457fc0afeb93467", "dailysabah-cavusoglu-lavrov-ceasefire"]);
  });
});
