/**
 * Provenance property: on every seed and dev article, every figure and every quote points at the
 * exact characters it came from (0 <= start < end <= text.length, the slice is the evidence / the
 * quote text, no surrounding whitespace), and the output record repeats that slice.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, toRecord } from "../../analyze.js";
import { CORPUS, seededRandom } from "../../../test/shared.js";

describe("spans of figures and quotes on the seed and dev articles", () => {
  it("finds the corpus beside the repository", () => {
    expect(existsSync(CORPUS), CORPUS).toBe(true);
  });
  const files = existsSync(CORPUS)
    ? ["seeds", "dev"].flatMap((d) =>
        readdirSync(join(CORPUS, d))
          .filter((f) => f.endsWith(".json"))
          .map((f) => join(CORPUS, d, f)),
      )
    : [];
  let total = 0;
  for (const file of files) {
    it(file.split("/").slice(-2).join("/"), () => {
      const g = JSON.parse(readFileSync(file, "utf8")) as { id: string; text: string; published: string | null };
      const doc = analyze({ id: g.id, text: g.text, title: null, url: null, outlet: null, published: g.published, origin: file });
      const rec = toRecord(doc);
      const t = g.text;
      for (const s of [...doc.figures.map((f) => f.span), ...doc.quotes.map((q) => q.span)]) {
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(t.length);
        expect(s.end).toBeGreaterThan(s.start);
        expect(/^\s|\s$/.test(t.slice(s.start, s.end))).toBe(false);
        total++;
      }
      rec.figures.forEach((f) => {
        expect(f.evidence).toBe(t.slice(f.span.start, f.span.end));
        expect(f.span.text).toBe(f.evidence);
      });
      rec.quotes.forEach((q) => {
        expect(q.text).toBe(t.slice(q.span.start, q.span.end));
        expect(q.span.text).toBe(q.text);
      });
      for (const q of doc.quotes) {
        if (q.speaker_span) expect(q.speaker_span.end).toBeLessThanOrEqual(t.length);
      }
    });
  }
  it("checked a real number of spans", () => {
    if (files.length) expect(total).toBeGreaterThan(100);
  });
});

describe("endsWithInitial", () => {
  it("is the regex /\\b\\p{Lu}\\.$/u on the span, without slicing it", async () => {
    const { endsWithInitial } = await import("./index.js");
    const re = /\b\p{Lu}\.$/u;
    const cases = ["George W.", "W.", "U.S.", "the end.", "x W.", "aW.", "1W.", "_W.", "é W.", "éÉ.", "aÉ.", "É.", "\u{1D400}.", "a\u{1D400}.", "said.", ".", "", "W", "W. ", "Jr.", "—W."];
    for (const c of cases) {
      // the same answer on the string alone and inside a longer text
      expect(endsWithInitial(c, 0, c.length), c).toBe(re.test(c));
      const t = `xx${c}yy`;
      expect(endsWithInitial(t, 2, 2 + c.length), c).toBe(re.test(c));
    }
  });
});

describe("speaker phrase helpers", () => {
  it("capitalisedTail and endsWithPersonRole match their regex definitions", async () => {
    const { capitalisedTail, endsWithPersonRole } = await import("./speaker.js");
    const tailRef = (phrase: string) => {
      const words = phrase.split(/\s+/);
      let i = words.length;
      while (i > 0 && words.length - i < 4 && /^\p{Lu}[\p{L}\p{M}'’-]*$/u.test(words[i - 1]!)) i--;
      return i < words.length ? words.slice(i).join(" ") : null;
    };
    const roleRef = (s: string) => /\b(?:official|officials|chief|spokesman|spokeswoman|spokesperson|minister|president|negotiator|negotiators|diplomat|adviser|advisor|aide|envoy|ambassador|mayor|governor|commissioner|secretary|source|sources|leader|head|director|commander)$/i.test(s);
    const pieces = ["UN", "refugee", "chief", "Filippo", "Grandi", "Çavuşoğlu", " ", "  ", "\n", "\u00a0", "the", "O’Brien", "Jean-Yves", "mischief", "Chief", "MINISTER", "officials", "x", "'s", "-", "É", "2", "_"];
    const rnd = seededRandom(3);
    for (const t of ["", " ", "Filippo Grandi", "UN refugee chief Filippo Grandi", " Grandi", "Grandi ", "A B C D E", "the top diplomat", "U.N. official", "mischief", "the Chief"]) {
      expect(capitalisedTail(t), t).toBe(tailRef(t));
      expect(endsWithPersonRole(t), t).toBe(roleRef(t));
    }
    for (let n = 0; n < 600; n++) {
      let t = "";
      const len = Math.floor(rnd() * 9);
      for (let k = 0; k < len; k++) t += pieces[Math.floor(rnd() * pieces.length)];
      expect(capitalisedTail(t), JSON.stringify(t)).toBe(tailRef(t));
      expect(endsWithPersonRole(t), JSON.stringify(t)).toBe(roleRef(t));
    }
  });
});
