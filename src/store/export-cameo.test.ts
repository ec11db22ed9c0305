import { describe, expect, it } from "vitest";
import { PLOVER_TYPES } from "../core/types.js";
import { CAMEO_COLUMNS, cameoFor, cameoRows, quadClass, format as cameoFormat } from "./export-cameo.js";
import { format as ploverFormat, ploverEvent } from "./export-plover.js";
import type { ExportKind, FlatRow, Store } from "./port.js";

/** CAMEO roots of each PLOVER type in CAMEO2PLOVER-2021 (root level plus the exceptions used). */
const ROOT_TYPE: Record<string, string> = {
  "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID", "08": "CONCEDE", "10": "REQUEST",
  "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
  "18": "ASSAULT", "19": "ASSAULT",
};
const EXCEPTIONS: Record<string, string> = { "087": "RETREAT", "191": "COERCE", "192": "COERCE" };

function row(over: Partial<Record<string, string | number | boolean | null>>): FlatRow {
  return {
    article: "a1", published: "2024-05-06", story: null, idx: 0, type: "CONSULT", mode: "phone",
    source_person: "Ali Demir", source_actor: "TUR", source_group: null,
    target_person: "Ivan Petrov", target_actor: "RUS", target_group: null,
    date: "2024-05-05", realis: "asserted", mutual: false, span_start: 10, span_end: 40,
    evidence: "Demir held a phone call with Petrov", rule: "consult.phone.call", ...over,
  };
}

describe("PLOVER → CAMEO", () => {
  it("maps every PLOVER type to a code that maps back to it", () => {
    for (const t of PLOVER_TYPES) {
      const c = cameoFor(t, null, "");
      const back = EXCEPTIONS[c.code] ?? ROOT_TYPE[c.code.slice(0, 2)];
      expect(back, `${t} → ${c.code}`).toBe(t);
    }
  });
  it("uses the CONSULT mode and the evidence words", () => {
    expect(cameoFor("CONSULT", "phone", "").code).toBe("041");
    expect(cameoFor("CONSULT", "visit", "").code).toBe("042");
    expect(cameoFor("CONSULT", "mediate", "").code).toBe("045");
    expect(cameoFor("COERCE", null, "Russia annexed Crimea").code).toBe("192");
    expect(cameoFor("COERCE", null, "police detained ten protesters").code).toBe("173");
    expect(cameoFor("SUPPORT", null, "China recognized the government").code).toBe("054");
  });
  it("gives GDELT quad classes", () => {
    expect([quadClass("041"), quadClass("070"), quadClass("112"), quadClass("190")]).toEqual([1, 2, 3, 4]);
  });
});

describe("cameo rows", () => {
  const articles = new Map([
    ["a1", { url: "https://example.org/1", outlet: "Wire" }],
    ["a2", { url: "https://example.org/2", outlet: "Daily" }],
  ]);
  it("aggregates the same event across articles and counts mentions, sources and articles", () => {
    const rows = cameoRows([row({}), row({ article: "a2", idx: 3 }), row({ type: "ASSAULT", mode: null, evidence: "shelled" })], articles);
    expect(rows.length).toBe(2);
    const call = rows[0]!;
    expect(call.length).toBe(CAMEO_COLUMNS.length);
    const col = (name: (typeof CAMEO_COLUMNS)[number]) => call[CAMEO_COLUMNS.indexOf(name)];
    expect(col("SQLDATE")).toBe("20240505");
    expect(col("Actor1Code")).toBe("TUR");
    expect(col("Actor1Name")).toBe("Ali Demir");
    expect(col("EventCode")).toBe("041");
    expect(col("EventRootCode")).toBe("04");
    expect(col("QuadClass")).toBe("1");
    expect(col("GoldsteinScale")).toBe("1.0");
    expect([col("NumMentions"), col("NumSources"), col("NumArticles")]).toEqual(["2", "2", "2"]);
    expect(col("SOURCEURL")).toBe("https://example.org/1");
  });
  it("with merged events: one row per real event, its best date and richest sides, honest counts", () => {
    // three reports of one call: one dated a day off, one naming only the states, and a second report in one outlet
    const events = [
      row({}), row({ article: "a2", idx: 3, date: "2024-05-04" }),
      row({ article: "a3", idx: 1, source_person: null, target_person: null, date: null, evidence: "Turkey and Russia talked" }),
      row({ article: "a1", idx: 2, evidence: "the call" }),
    ];
    const ref = { id: "ev:a1:0", date: "2024-05-05", source: { person: "Ali Demir", actor: "TUR" }, target: { person: "Ivan Petrov", actor: "RUS" } };
    const merged = new Map([["a1#0", ref], ["a2#3", ref], ["a3#1", ref], ["a1#2", ref]]);
    const three = new Map<string, { url: string | null; outlet: string | null }>([...articles, ["a3", { url: null, outlet: "Wire" }]]);
    const rows = cameoRows(events, three, merged);
    expect(rows.length).toBe(1);
    const col = (name: (typeof CAMEO_COLUMNS)[number]) => rows[0]![CAMEO_COLUMNS.indexOf(name)];
    expect(col("SQLDATE")).toBe("20240505");
    expect([col("Actor1Name"), col("Actor2Name")]).toEqual(["Ali Demir", "Ivan Petrov"]);
    // a3 is another article of the outlet "Wire": 4 mentions, 2 sources, 3 articles
    expect([col("NumMentions"), col("NumSources"), col("NumArticles")]).toEqual(["4", "2", "3"]);
    // without the merged events the same reports are three rows (dates and names differ)
    expect(cameoRows(events, three).length).toBe(3);
  });
  it("skips events not reported as having happened", () => {
    expect(cameoRows([row({ realis: "future" })], articles)).toEqual([]);
  });
  it("keeps tabs and newlines out of fields", () => {
    const rows = cameoRows([row({ source_person: "A\tB\nC" })], articles);
    expect(rows[0]!.join("\t").split("\t").length).toBe(CAMEO_COLUMNS.length);
  });
});

describe("export formats over a store", () => {
  const store = {
    // no merged events in this store: each stored event is its own row
    async listMergedEvents() {
      return [];
    },
    async *exportRows(kind: ExportKind) {
      if (kind === "articles") yield { id: "a1", url: "https://example.org/1", outlet: "Wire" } as FlatRow;
      if (kind === "events") yield row({});
    },
  } as unknown as Store;
  it("plover: one JSON record per event, with offsets, rule and CAMEO code", async () => {
    let out = "";
    const n = await ploverFormat.run(store, "events", async (s) => void (out += s));
    expect(n).toBe(1);
    const rec = JSON.parse(out.trim());
    expect(rec.event).toBe("CONSULT");
    expect(rec.source[0]).toEqual({ actorText: "Ali Demir", code: "TUR", sector: "person" });
    expect(rec.textInfo).toEqual({ article: "a1", start: 10, end: 40, url: "https://example.org/1" });
    expect(rec.rule).toBe("consult.phone.call");
    expect(rec.cameo).toBe("041");
    expect(ploverEvent(row({ target_person: null, target_actor: null, target_group: "Northern Front" }), null).target[0]!.sector).toBe("group");
  });
  it("cameo: a header and one row", async () => {
    let out = "";
    const n = await cameoFormat.run(store, "events", async (s) => void (out += s));
    expect(n).toBe(1);
    const lines = out.trim().split("\n");
    expect(lines[0]!.split("\t")).toEqual([...CAMEO_COLUMNS]);
    expect(lines[1]!.split("\t")[CAMEO_COLUMNS.indexOf("SOURCEURL")]).toBe("https://example.org/1");
  });
});
