import { describe, expect, it } from "vitest";
import { analyze } from "../../analyze.js";
import { sharedTexts } from "../../../test/shared.js";
import { isAsciiLetterCode } from "../../text/chars.js";
import { codeEvents } from "./coder.js";
import { fixtureDoc } from "./fixture.js";
import { loadRules } from "./rules.js";
import { startWords } from "./starts.js";

describe("startWords: the words a match can begin with", () => {
  it("reads alternations, optional words, classes and hyphens", () => {
    expect(startWords("\\b(?:met|meets)\\b")).toEqual(["meets", "met"]);
    expect(startWords("\\bcall(?:ed|s)? on\\b")).toEqual(["call", "called", "calls"]);
    expect(startWords("\\bmobili[sz]ed\\b")).toEqual(["mobilised", "mobilized"]);
    expect(startWords("\\b(?:peace |direct )?talks\\b")).toEqual(["direct", "peace", "talks"]);
    expect(startWords("\\bface-to-face talks\\b")).toEqual(["face"]);
    // lookbehinds and negative lookaheads only remove matches: passed over
    expect(startWords("\\b(?<!the )attack(?! on)\\b")).toEqual(["attack"]);
    // a positive lookahead that needs a non-letter ends the word
    expect(startWords("\\boffer(?= to\\b)")).toEqual(["offer"]);
  });

  it("gives up when the first word is not bounded", () => {
    // no \b before: "call" matches inside "recall"
    expect(startWords("call(?:ed)? on")).toBeNull();
    // the match may end inside a longer word: "\binvade" matches "invaders"
    expect(startWords("\\binvade")).toBeNull();
    expect(startWords("\\binvade(?!s)")).toBeNull();
    // the first word is any word, or the match begins with a non-letter
    expect(startWords("\\b[a-z]+ing\\b")).toBeNull();
    expect(startWords("\\b(?:is|'s) ready\\b")).toBeNull();
    // "[^.;]" may go on with letters: "saidx"; after a \b it may not
    expect(startWords("\\b(?:said|spoke)[^.;]*\\b")).toBeNull();
    expect(startWords("\\b(?:said|spoke)\\b[^.;]*")).toEqual(["said", "spoke"]);
    expect(startWords("\\bsaid\\B")).toBeNull();
    // not a regex this parser reads
    expect(startWords("\\b(?:a|b")).toBeNull();
  });

  it("names every match's first word on the real corpora, for every rule that has start words", () => {
    const texts = sharedTexts();
    const { rules } = loadRules();
    let checked = 0;
    for (const rule of rules) {
      if (!rule.starts) continue;
      const starts = new Set(rule.starts);
      for (const text of texts) {
        rule.regex.lastIndex = 0;
        for (let m = rule.regex.exec(text); m; m = rule.regex.exec(text)) {
          const p = m.index;
          expect(isAsciiLetterCode(text.charCodeAt(p)) && (p === 0 || !isAsciiLetterCode(text.charCodeAt(p - 1))), `${rule.name} at ${p}`).toBe(true);
          let e = p;
          while (isAsciiLetterCode(text.charCodeAt(e))) e++;
          expect(starts.has(text.slice(p, e).toLowerCase()), `${rule.name}: ${text.slice(p, p + 30)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    // all but a few rules have start words
    expect(rules.filter((r) => r.starts).length).toBeGreaterThan(rules.length * 0.9);
  });
});

describe("the coder tries a rule only where its start words begin", () => {
  /** the events of a doc coded twice: with the start words, and scanning each sentence whole */
  function both(doc: ReturnType<typeof fixtureDoc>): [string, string] {
    const { rules } = loadRules();
    const anchored = JSON.stringify(codeEvents(doc));
    const saved = rules.map((r) => r.sticky);
    try {
      for (const r of rules) r.sticky = null;
      return [anchored, JSON.stringify(codeEvents(doc))];
    } finally {
      rules.forEach((r, i) => (r.sticky = saved[i]!));
    }
  }

  it("codes what the whole scan codes, also inside hyphenated words", () => {
    const doc = fixtureDoc("Russian-backed separatists counter-attacked Ukrainian troops, and Ukraine shelled their positions on Monday.");
    const [a, b] = both(doc);
    expect(a).toBe(b);
    expect(JSON.parse(a).length).toBeGreaterThan(0);
  });

  it("codes the same events as the whole scan on the real corpora", () => {
    let events = 0;
    for (const text of sharedTexts()) {
      const doc = analyze({ id: "t", text, title: null, url: null, outlet: null, published: null, origin: "test" });
      const [a, b] = both(doc);
      expect(a).toBe(b);
      events += JSON.parse(a).length;
    }
    expect(events).toBeGreaterThan(100);
  });
});
