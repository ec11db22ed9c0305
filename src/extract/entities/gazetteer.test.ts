import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dataPath } from "../../core/paths.js";
import { stripDiacritics } from "../../text/names.js";
import { Gazetteer, type GazRow } from "./gazetteer.js";

/** The eager reading the Gazetteer replaces: one tuple per row, then every name without its diacritics. */
function eager(src: string): Map<string, GazRow> {
  const gazetteer = new Map<string, GazRow>();
  for (const line of src.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [name, cc, lat, lon, pop] = line.split("\t");
    if (name && cc) gazetteer.set(name, [cc, Number(lat), Number(lon), Number(pop)]);
  }
  for (const [name, v] of [...gazetteer]) {
    const plain = stripDiacritics(name);
    if (plain !== name && !gazetteer.has(plain)) gazetteer.set(plain, v);
  }
  return gazetteer;
}

function expectSame(src: string): void {
  const want = eager(src);
  const g = new Gazetteer(src);
  expect([...g.keys()]).toEqual([...want.keys()]);
  for (const [name, row] of want) {
    expect(g.has(name)).toBe(true);
    expect(g.get(name)).toEqual(row);
    expect(g.get(name)).toEqual(row); // a row once split is kept
  }
  expect([...g.keys()]).toEqual([...want.keys()]);
  // the heads, in the order of the names
  const heads = new Set<string>();
  for (const name of want.keys()) for (let i = name.indexOf(" "); i !== -1; i = name.indexOf(" ", i + 1)) heads.add(name.slice(0, i));
  expect([...g.heads]).toEqual([...heads]);
}

describe("Gazetteer", () => {
  it("holds the names and rows of the eager reading of data/gazetteer.tsv, in the same order", () => {
    expectSame(readFileSync(dataPath("gazetteer.tsv"), "utf8"));
  });
  it("skips comments, empty lines and rows without a name or an iso3; a later row of a name wins", () => {
    const src = "# name\tiso3\tlat\tlon\tpop\n\nA\tESP\t1\t2\t3\n\tFRA\t1\t2\t3\nB\t\t1\t2\t3\nC\nA\tPRT\t4\t5\t6\nD\tITA\t7\t8";
    expectSame(src);
    const g = new Gazetteer(src);
    expect([...g.keys()]).toEqual(["A", "D"]);
    expect(g.get("A")).toEqual(["PRT", 4, 5, 6]);
    expect(g.get("D")).toEqual(["ITA", 7, 8, NaN]);
    expect(g.has("B")).toBe(false);
    expect(g.has("C")).toBe(false);
    expect(g.get("# name")).toBeUndefined();
  });
  it("adds a spelling without diacritics unless it is another place", () => {
    const src = "São Paulo\tBRA\t-23.5\t-46.6\t12000000\nBogotá\tCOL\t4.6\t-74.1\t7000000\nBogota\tUSA\t40.9\t-74.0\t8000\nŁódź\tPOL\t51.8\t19.5\t700000\n";
    expectSame(src);
    const g = new Gazetteer(src);
    expect(g.get("Sao Paulo")).toBe(g.get("São Paulo"));
    expect(g.get("Bogota")![0]).toBe("USA");
    expect(g.get("Lodz")![0]).toBe("POL");
    expect(g.has("Sao")).toBe(false);
    expect([...g.heads]).toEqual(["São", "Sao"]);
  });
  it("finds the heads of names with several spaces, of rows far apart, and of names without a row", () => {
    const src = "A b c\tESP\t1\t2\t3\nX y\n" + "Plain\tFRA\t1\t2\t3\n".repeat(50) + "Ña  d\tESP\t1 2\t2\t3\n# A z\tESP\nLast one\tITA\t1\t2\t3";
    expectSame(src);
    expect([...new Gazetteer(src).heads]).toEqual(["A", "A b", "Ña", "Ña ", "Last", "Na", "Na "]);
  });
  it("strips the diacritics of all non-ASCII names at once as of each alone", () => {
    const src = readFileSync(dataPath("gazetteer.tsv"), "utf8");
    const names = src.split("\n").map((l) => l.split("\t")[0]!).filter((n) => /[^\0-\x7f]/.test(n));
    expect(names.length).toBeGreaterThan(1000);
    expect(stripDiacritics(names.join("\n")).split("\n")).toEqual(names.map(stripDiacritics));
  });
});
