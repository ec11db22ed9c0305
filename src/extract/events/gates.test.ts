import { describe, expect, it } from "vitest";
import { seededRandom, sharedTexts } from "../../../test/shared.js";
import type { EventRecord, Realis, Side } from "../../core/types.js";
import { andOrGapAt, BOTH_RE, CAMPAIGN_HEDGE_RE, bothWordAhead, FUTURE_AFTER_RE, futureVerbWord, eventKey, firstWord, hasBar, hedgedCampaign, possessiveGap, sameKeyParts, sortByStart } from "./coder.js";
import { tokenize } from "../../text/tokenize.js";
import { conjGap, conjGapAt, isIso3 } from "./sides.js";

const texts = sharedTexts();

describe("firstWord", () => {
  it("equals slice().split(/\\s/, 1)[0] on random spans of the real corpora", () => {
    const rnd = seededRandom(7);
    let n = 0;
    for (const t of texts) {
      for (let k = 0; k < 40; k++) {
        const start = Math.floor(rnd() * t.length);
        const end = Math.min(t.length, start + Math.floor(rnd() * 30));
        expect(firstWord(t, start, end)).toBe(t.slice(start, end).split(/\s/, 1)[0]);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1000);
  });
  it("stops at any white space, or takes the whole span", () => {
    expect(firstWord("xx meets with", 3, 13)).toBe("meets");
    expect(firstWord("holds\u00a0talks", 0, 11)).toBe("holds");
    expect(firstWord(" meets", 0, 6)).toBe("");
    expect(firstWord("signs", 0, 5)).toBe("signs");
    expect(firstWord("signs", 2, 2)).toBe("");
  });
});

describe("the gate of FUTURE_AFTER_RE", () => {
  /** the gate as the coder asks it of text[from, to): a token from the one at `from` on, starting before `to`, with a futureVerbWord */
  const gate = (t: string, tokens: ReturnType<typeof tokenize>["tokens"], from: number, to: number) =>
    tokens.some((tk) => tk.end > from && tk.start < to && futureVerbWord(t.slice(tk.start, tk.end).toLowerCase()));

  it("passes every text after a word of the real corpora that the regex matches", () => {
    let matched = 0;
    let passed = 0;
    let n = 0;
    for (const t of texts) {
      const { tokens } = tokenize(t);
      for (let i = t.indexOf(" "); i >= 0; i = t.indexOf(" ", i + 1)) {
        const after = t.slice(i, i + 140);
        const g = gate(t, tokens, i, Math.min(t.length, i + 140));
        n++;
        if (g) passed++;
        if (!FUTURE_AFTER_RE.test(after)) continue;
        matched++;
        expect(g).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(0);
    expect(passed).toBeLessThan(n / 2);
  });
  it("stops texts with none of the final verbs, in any case", () => {
    const t1 = " with Russia will be difficult";
    expect(gate(t1, tokenize(t1).tokens, 0, t1.length)).toBe(false);
    const t2 = " with Russia will TAKE PLACE on Monday";
    expect(FUTURE_AFTER_RE.test(t2)).toBe(true);
    expect(gate(t2, tokenize(t2).tokens, 0, t2.length)).toBe(true);
    // the verb inside a hyphenated token still opens the gate
    expect(futureVerbWord("re-open")).toBe(true);
    expect(futureVerbWord("talks")).toBe(false);
  });
});

describe("andOrGapAt", () => {
  const RE = /^\s*,?\s*(?:and|or)\s*$/i;
  it("answers as the regex on the text before every \"and\" and \"or\" of the real corpora, on random spans and on made-up gaps", () => {
    const rnd = seededRandom(13);
    let yes = 0;
    for (const t of texts) {
      for (const w of [" and ", " or ", " AND ", ", Or"]) {
        for (let i = t.indexOf(w.trim()); i >= 0; i = t.indexOf(w.trim(), i + 1)) {
          for (const [from, to] of [[i - 2, i + w.length], [i - 1, i + 4], [i, i + 3], [i - Math.floor(rnd() * 8), i + Math.floor(rnd() * 8)]] as const) {
            const a = Math.max(0, from);
            const b = Math.min(t.length, to);
            const want = RE.test(t.slice(a, b));
            expect(andOrGapAt(t, a, b), JSON.stringify(t.slice(a, b))).toBe(want);
            if (want) yes++;
          }
        }
      }
      for (let k = 0; k < 40; k++) {
        const a = Math.floor(rnd() * t.length);
        const b = Math.min(t.length, a + Math.floor(rnd() * 10));
        expect(andOrGapAt(t, a, b)).toBe(RE.test(t.slice(a, b)));
      }
    }
    for (const g of ["and", " and ", ", and", " ,and", ",\u00a0or ", "AnD", " Or\n", "", " ", ",", "an", "andd", "or,", "and or", ", , and", "\u2003and\u3000"]) {
      expect(andOrGapAt(`x${g}y`, 1, 1 + g.length), JSON.stringify(g)).toBe(RE.test(g));
    }
    expect(andOrGapAt("a and b", 5, 2)).toBe(false); // an empty (backward) span, as slice gives ""
    expect(yes).toBeGreaterThan(100);
  });
});

describe("possessiveGap", () => {
  const RE = /^\s*(?:['’]s?)?\s*$|^['’]s?\s+(?:[a-z-]+\s+){1,2}$/;
  /** the regex it replaces, with the apostrophe test that followed it */
  const oracle = (g: string) => (!RE.test(g) ? -1 : /['’]/.test(g) ? 1 : 0);

  it("answers as the regex on the gaps before every word of the real corpora and on random spans", () => {
    const rnd = seededRandom(11);
    let yes = 0;
    for (const t of texts) {
      for (let i = t.indexOf(" "); i >= 0; i = t.indexOf(" ", i + 1)) {
        // the text from a few characters before a word boundary up to it, and a longer span
        for (const from of [Math.max(0, i - 2), Math.max(0, i - 12), Math.max(0, i - Math.floor(rnd() * 30))]) {
          const want = oracle(t.slice(from, i + 1));
          expect(possessiveGap(t, from, i + 1)).toBe(want);
          if (want >= 0) yes++;
        }
      }
    }
    expect(yes).toBeGreaterThan(100);
  });
  it("takes \"'s\" with up to two modifiers, white space, and nothing else", () => {
    const cases = ["", " ", "'s ", "’s ", "' ", "'s", " 's ", "'s urgent ", "'s long-awaited new ", "'s a b c ", "'s Urgent ", "'s urgent", "s ", " has ", "'S ", "'s  ", "\u00a0's\u00a0"];
    for (const g of cases) expect(possessiveGap(`x${g}y`, 1, 1 + g.length)).toBe(oracle(g));
  });
});

describe("finish's event key compared part by part", () => {
  it("answers as equality of the key strings, for sides with no '|'", () => {
    const rnd = seededRandom(5);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const side = (): Side => {
      const s: Side = { person: pick([null, "Lavrov", "Kuleba", ""]), actor: pick([null, "RUS", "UKR", "", "IGOUNO"]) };
      const g = pick([undefined, "rebels", "", "Hamas"]);
      if (g !== undefined) s.group = g;
      return s;
    };
    const realis: Realis[] = ["asserted", "negated", "hypothetical", "future"];
    let same = 0;
    for (let k = 0; k < 20000; k++) {
      const [s1, t1] = [side(), side()];
      // the second event: mostly the first one's parts (copies, the sides maybe swapped), some drawn anew
      const copy = (x: Side): Side => ({ ...x });
      const swap = rnd() < 0.3;
      const s2 = rnd() < 0.8 ? copy(swap ? t1 : s1) : side();
      const t2 = rnd() < 0.8 ? copy(swap ? s1 : t1) : side();
      const d1 = pick([null, "", "2022-03-10", "2022-03-11"]);
      const d2 = rnd() < 0.8 ? d1 : pick([null, "", "2022-03-10", "2022-03-11"]);
      const r1 = pick(realis);
      const r2 = rnd() < 0.7 ? r1 : pick(realis);
      const p1 = rnd() < 0.5;
      const p2 = rnd() < 0.8 ? p1 : !p1;
      const symmetric = rnd() < 0.5;
      const e: EventRecord = { type: "CONSULT", source: s1, target: t1, date: d1, span: { start: 0, end: 1 }, rule: "r", realis: r1 };
      if (p1) e.partial = true;
      const want = eventKey("CONSULT", s1, t1, d1, r1, p1, symmetric) === eventKey("CONSULT", s2, t2, d2, r2, p2, symmetric);
      expect(sameKeyParts(e, s2, t2, d2, r2, p2, symmetric)).toBe(want);
      if (want) same++;
    }
    expect(same).toBeGreaterThan(2000);
  });

  it("knows the names that need the key strings", () => {
    expect(hasBar({ person: "A|B", actor: null })).toBe(true);
    expect(hasBar({ person: null, actor: null, group: "x|y" })).toBe(true);
    expect(hasBar({ person: "Lavrov", actor: "RUS", group: "rebels" })).toBe(false);
    expect(hasBar({ person: null, actor: null })).toBe(false);
  });
});

describe("hedgedCampaign", () => {
  it("answers as CAMPAIGN_HEDGE_RE on the text before every word of the real corpora", () => {
    let yes = 0;
    let n = 0;
    for (const t of texts) {
      for (let i = t.indexOf(" "); i >= 0; i = t.indexOf(" ", i + 1)) {
        // from a sentence-like start some way back up to the word after the space
        for (const from of [Math.max(0, i - 40), Math.max(0, i - 9), i - 1 < 0 ? 0 : i - 1]) {
          const want = CAMPAIGN_HEDGE_RE.test(t.slice(from, i + 1));
          expect(hedgedCampaign(t, from, i + 1)).toBe(want);
          if (want) yes++;
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(10000);
    expect(yes).toBeGreaterThan(0);
  });
  it("takes a hedge word and at most one [a-z-] word before the final space, after a word boundary", () => {
    const cases = [
      "a possible ", "a POSSIBLE ", "the Potential full-scale ", "an imminent Russian ", "planned ", "possible",
      "impossible ", "a possible big new ", "a possible  ", "a possible\u00a0", "possible 2nd ", "_possible ", "-possible ",
      "possible Russian-led ", "possible x ", "a planned  x ", "possiblE\u0130 ", "a possibl ", "", " ", "possible - ",
    ];
    for (const c of cases) {
      const text = `xx${c}`;
      expect(hedgedCampaign(text, 2, text.length)).toBe(CAMPAIGN_HEDGE_RE.test(c));
    }
    expect(hedgedCampaign("a possible ", 0, 11)).toBe(true);
    expect(hedgedCampaign("impossible ", 0, 11)).toBe(false);
    // the boundary is the start of the span, not of the text: "im|possible "
    expect(hedgedCampaign("impossible ", 2, 11)).toBe(true);
  });
});

describe("sortByStart", () => {
  it("sorts as Array.prototype.sort by span start, keeping equal starts in order", () => {
    const rnd = seededRandom(3);
    for (let k = 0; k < 500; k++) {
      const n = Math.floor(rnd() * 40);
      const xs = Array.from({ length: n }, (_, i) => ({ span: { start: Math.floor(rnd() * (k % 2 ? 10 : 1000)), end: 0 }, i }));
      // mostly in order, as drafts come
      if (k % 3 === 0) xs.sort((a, b) => a.span.start - b.span.start);
      const want = xs.slice().sort((a, b) => a.span.start - b.span.start).map((x) => x.i);
      sortByStart(xs);
      expect(xs.map((x) => x.i)).toEqual(want);
    }
  });
  it("moves a late entry back past greater starts only", () => {
    const xs = [5, 7, 9, 7, 2].map((start, i) => ({ span: { start, end: 0 }, i }));
    sortByStart(xs);
    expect(xs.map((x) => x.i)).toEqual([4, 0, 1, 3, 2]);
  });
});

describe("isIso3", () => {
  it("answers as /^[A-Z]{3}$/", () => {
    for (const a of ["RUS", "UKR", "rus", "RU", "RUSS", "", "R1S", "IGOUNO", "ÄBC", "AB ", "ABC\n", "ZZZ", "@AB", "AB[", "abc"]) {
      expect(isIso3(a)).toBe(/^[A-Z]{3}$/.test(a));
    }
  });
});

describe("the gate of BOTH_RE", () => {
  it("passes every text after a word of the real corpora that the regex matches", () => {
    let matched = 0;
    let passed = 0;
    let n = 0;
    for (const t of texts) {
      for (let i = t.indexOf(" "); i >= 0; i = t.indexOf(" ", i + 1)) {
        const to = Math.min(t.length, i + 60);
        const gate = bothWordAhead(t, i, to);
        n++;
        if (gate) passed++;
        if (!BOTH_RE.test(t.slice(i, to))) continue;
        matched++;
        expect(gate).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(0);
    // a gate that lets most texts through would save nothing
    expect(passed).toBeLessThan(n / 2);
  });
  it("looks for \"both\", or \"the\" before \"two\", \"sides\", \"parties\" or \"warring\", among the first four letter runs only", () => {
    for (const [text, want] of [
      [" both sides", true], [" called on both sides", true], [" a b c both", true], [" a b c d both sides", false],
      [" THE two countries", true], [" bother", false], [" there", false], [" theory of the", false], ["", false], [" 12, the", false],
      [" theory of the sides", true], [" 12, the warring parties", true], [" on the Parties", true], [" with the talks", false],
      [" the  sides", false], [" the sidestep", false], [" a b c the two", true], [" a b c d the two", false],
    ] as const) {
      expect(bothWordAhead(text, 0, text.length)).toBe(want);
    }
    // the end of the span bounds the search
    expect(bothWordAhead(" to both sides", 0, 5)).toBe(false);
  });
});

describe("conjGapAt", () => {
  it("answers as conjGap on the slice, on spans of the real corpora", () => {
    const rnd = seededRandom(13);
    let yes = 0;
    for (const t of texts) {
      for (let i = t.indexOf(" "); i >= 0; i = t.indexOf(" ", i + 1)) {
        for (const len of [1, 5, Math.floor(rnd() * 40)]) {
          for (const from of [i, i + 1]) {
            const want = conjGap(t.slice(from, from + len));
            expect(conjGapAt(t, from, Math.min(t.length, from + len))).toBe(want);
            if (want) yes++;
          }
        }
      }
    }
    expect(yes).toBeGreaterThan(100);
  });
  it("takes conjunctions, dashes, commas and appositive roles, in any case, and nothing else", () => {
    const gaps = [
      " and ", " AND ", ", ", " , and ", " or ", " Or ", " - ", "–", " & ", " as well as ", " along with ", " Together with ", " including ", " plus ",
      "'s chief adviser, and ", "’s top aide, and ", "", " ", "  ", " said ", " met ", " of ", " 's ", " ’s ", "\u2028and ", "\u00a0and ", " andor ",
      " (and) ", "\u2014 ", " — and ", "\u0130ncluding ", " \u0131ncluding ", "\r- ",
    ];
    for (const g of gaps) {
      const text = `Ukraine${g}Russia`;
      expect(conjGapAt(text, 7, 7 + g.length), JSON.stringify(g)).toBe(conjGap(g));
    }
    expect(conjGapAt("A and B", 1, 6)).toBe(true);
    expect(conjGapAt("A met B", 1, 6)).toBe(false);
    expect(conjGapAt("A and B", 6, 1)).toBe(false);
  });
});
