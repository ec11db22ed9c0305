/**
 * Event rules are data (data/events/rules.json): each has a name, a PLOVER type, trigger words
 * (the cheap gate: a rule runs on a sentence only when one of its triggers is among the
 * sentence's tokens), a regex over the sentence, and how to find its source and target.
 */
import { readFileSync } from "node:fs";
import { dataPath } from "../../core/paths.js";
import type { ConsultMode, PloverType } from "../../core/types.js";
import { PLOVER_TYPES } from "../../core/types.js";
import { startWords } from "./starts.js";

/** Where a rule finds a side. */
export type SourceSlot = "subject" | "between" | "possessor" | "speaker";
export type TargetSlot = "object" | "with" | "between" | "place" | "hosted" | "subject";

export interface RuleSpec {
  name: string;
  type: PloverType;
  mode?: ConsultMode;
  triggers: string[];
  re: string;
  source: SourceSlot;
  target: TargetSlot;
  /** with two coordinated subjects and no object, both sides did it (A and B met) */
  symmetric?: boolean;
  /** a finite verb: passives ("was attacked by") are turned round */
  verbal?: boolean;
  /** a campaign noun (invasion, war): merged per article, dated only by a date next to it */
  campaign?: boolean;
  /** the rule itself decides realis (its regex contains the negation) */
  realisFixed?: boolean;
  /** regex over the text just before the match: when it matches, the rule does not fire */
  notAfter?: string;
  /** at most this many words between the match and its object */
  maxGap?: number;
  /** an act with no target of its own ("resigned", "surrendered"): a partial event gets no guessed target */
  intransitive?: boolean;
}

export interface Rule extends RuleSpec {
  /** position in the rule file */
  idx: number;
  /** global: the regex scanned over a sentence */
  regex: RegExp;
  /** the words every match begins with (starts.ts), or null: then the whole sentence is scanned */
  starts: string[] | null;
  /** sticky: the regex tried at one position, where one of `starts` begins */
  sticky: RegExp | null;
  notAfterRe: RegExp | null;
}

interface RuleFile {
  macros: Record<string, string>;
  rules: RuleSpec[];
}

export function compileRules(file: RuleFile): Rule[] {
  const seen = new Set<string>();
  return file.rules.map((r, idx) => {
    if (seen.has(r.name)) throw new Error(`events: duplicate rule name "${r.name}"`);
    seen.add(r.name);
    if (!PLOVER_TYPES.includes(r.type)) throw new Error(`events: rule "${r.name}" has unknown type "${r.type}"`);
    const src = r.re.replace(/\{([A-Z]+)\}/g, (_, k: string) => {
      const m = file.macros[k];
      if (m === undefined) throw new Error(`events: rule "${r.name}" uses unknown macro {${k}}`);
      return m;
    });
    const starts = startWords(src);
    return {
      ...r,
      idx,
      triggers: r.triggers.map((t) => t.toLowerCase()),
      regex: new RegExp(src, "gi"),
      starts,
      sticky: starts ? new RegExp(src, "yi") : null,
      notAfterRe: r.notAfter ? new RegExp(r.notAfter) : null,
    };
  });
}

export interface RuleSet {
  rules: Rule[];
  /** the rules of each trigger word */
  byTrigger: Map<string, Rule[]>;
  /** the rules (with starts) a match of which can begin with each word */
  byStart: Map<string, Rule[]>;
}

let cache: RuleSet | null = null;

/** The compiled rules and their trigger and start-word indexes, loaded once. */
export function loadRules(): RuleSet {
  if (cache) return cache;
  const file = JSON.parse(readFileSync(dataPath("events", "rules.json"), "utf8")) as RuleFile;
  const rules = compileRules(file);
  cache = { rules, byTrigger: byWord(rules, (r) => r.triggers), byStart: byWord(rules, (r) => r.starts ?? []) };
  return cache;
}

/** The rules of each word `wordsOf` gives, in rule order, each rule once per word. */
function byWord(rules: readonly Rule[], wordsOf: (r: Rule) => readonly string[]): Map<string, Rule[]> {
  const map = new Map<string, Rule[]>();
  for (const r of rules) {
    for (const w of wordsOf(r)) {
      const list = map.get(w);
      if (list) {
        if (!list.includes(r)) list.push(r);
      } else map.set(w, [r]);
    }
  }
  return map;
}
