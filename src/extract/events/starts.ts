/**
 * The words an event rule's match can begin with, read off the rule's regex: the coder then tries
 * the regex (sticky) only where one of them begins in the sentence, instead of scanning every
 * position of it for each rule the trigger gate lets through.
 *
 * `startWords(source)` parses the regex (the JavaScript syntax the rules use, case-insensitive, no
 * u flag) and follows every path from its start until the match has consumed one run of ASCII
 * letters and the regex requires it to end there (a \b, a non-letter char, the end of input). It
 * returns the set of those runs, lower-cased; or null when that set cannot be bounded: a path that
 * begins a match with anything but a letter after a \b, a run that may go on into letters the
 * regex does not spell out ("[a-z]+", ".", "[^.;]"), a \B, or more than a few thousand words.
 *
 * So wherever the regex matches at p, p starts a run of ASCII letters (the char before is no word
 * char) and that run, lower-cased, is one of the words: lookarounds are zero-width and only ever
 * remove matches, so they are passed over. In non-unicode case-insensitive mode no other char folds
 * to an ASCII letter, and \b knows only ASCII word chars.
 */

type Node =
  | { k: "char"; c: number }
  /** consecutive ASCII letters, lower-cased (one node, so that a word is walked in one step) */
  | { k: "lit"; s: string }
  /** a class: the ASCII letters it matches (bit per letter, either case), and whether it matches anything else */
  | { k: "class"; letters: number; other: boolean }
  | { k: "group"; alts: Node[][] }
  | { k: "look" }
  /** a positive lookahead: its alternatives */
  | { k: "ahead"; alts: Node[][] }
  | { k: "wb" }
  | { k: "nwb" }
  | { k: "end" }
  | { k: "rep"; node: Node; min: number; max: number };

const ALL_LETTERS = (1 << 26) - 1;

function letterBit(c: number): number {
  if (c >= 65 && c <= 90) return 1 << (c - 65);
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  return 0;
}

/** A recursive-descent parser of the regex syntax (annex B, non-unicode) into the nodes above. */
class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  parse(): Node[][] {
    const alts = this.disjunction();
    if (this.i < this.s.length) throw new Error(`unexpected ${this.s[this.i]} at ${this.i}`);
    return alts;
  }

  private disjunction(): Node[][] {
    const alts = [this.alternative()];
    while (this.s[this.i] === "|") {
      this.i++;
      alts.push(this.alternative());
    }
    return alts;
  }

  private alternative(): Node[] {
    const seq: Node[] = [];
    while (this.i < this.s.length && this.s[this.i] !== "|" && this.s[this.i] !== ")") {
      const node = this.quantified(this.atom());
      if (node.k !== "char" || !letterBit(node.c)) {
        seq.push(node);
        continue;
      }
      const letter = String.fromCharCode(node.c | 0x20);
      const last = seq[seq.length - 1];
      if (last && last.k === "lit") last.s += letter;
      else seq.push({ k: "lit", s: letter });
    }
    return seq;
  }

  private quantified(atom: Node): Node {
    const c = this.s[this.i];
    let min = -1;
    let max = -1;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (m) {
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
        this.i += m[0].length - 1;
      }
    }
    if (min < 0) return atom;
    this.i++;
    if (this.s[this.i] === "?") this.i++; // lazy: the same set of matches
    return { k: "rep", node: atom, min, max };
  }

  private atom(): Node {
    const s = this.s;
    const c = s[this.i]!;
    if (c === "(") {
      this.i++;
      let look = false;
      let ahead = false;
      if (s.startsWith("?:", this.i)) this.i += 2;
      else if (s.startsWith("?=", this.i)) [this.i, ahead] = [this.i + 2, true];
      else if (s.startsWith("?!", this.i)) [this.i, look] = [this.i + 2, true];
      else if (s.startsWith("?<=", this.i) || s.startsWith("?<!", this.i)) [this.i, look] = [this.i + 3, true];
      else if (s.startsWith("?<", this.i)) this.i = s.indexOf(">", this.i) + 1;
      const alts = this.disjunction();
      if (s[this.i] !== ")") throw new Error(`unclosed group at ${this.i}`);
      this.i++;
      return look ? { k: "look" } : ahead ? { k: "ahead", alts } : { k: "group", alts };
    }
    if (c === "[") return this.charClass();
    if (c === "\\") {
      this.i++;
      const e = s[this.i++]!;
      if (e === "b") return { k: "wb" };
      if (e === "B") return { k: "nwb" };
      return this.escapeClass(e) ?? { k: "char", c: this.escapedChar(e) };
    }
    this.i++;
    if (c === ".") return { k: "class", letters: ALL_LETTERS, other: true };
    if (c === "^") return { k: "look" };
    if (c === "$") return { k: "end" };
    return { k: "char", c: c.charCodeAt(0) };
  }

  /** \d \D \s \S \w \W as a class, else null */
  private escapeClass(e: string): Node | null {
    if (e === "d" || e === "s") return { k: "class", letters: 0, other: true };
    if (e === "w" || e === "D" || e === "S" || e === "W") return { k: "class", letters: e === "W" ? 0 : ALL_LETTERS, other: true };
    return null;
  }

  /** the char of an escape other than a class or an assertion */
  private escapedChar(e: string): number {
    if (e === "n") return 10;
    if (e === "t") return 9;
    if (e === "r") return 13;
    if (/[a-zA-Z0-9]/.test(e)) throw new Error(`unsupported escape \\${e}`);
    return e.charCodeAt(0);
  }

  private charClass(): Node {
    const s = this.s;
    this.i++;
    const negated = s[this.i] === "^";
    if (negated) this.i++;
    let letters = 0;
    let other = false;
    const member = (): number => {
      if (s[this.i] !== "\\") return s.charCodeAt(this.i++);
      this.i++;
      const e = s[this.i++]!;
      const cls = this.escapeClass(e);
      if (cls && cls.k === "class") {
        letters |= cls.letters;
        other ||= cls.other;
        return -1;
      }
      if (e === "b") return 8;
      return this.escapedChar(e);
    };
    while (this.i < s.length && s[this.i] !== "]") {
      const a = member();
      if (a >= 0 && s[this.i] === "-" && s[this.i + 1] !== "]") {
        this.i++;
        const b = member();
        if (b < 0) throw new Error("range to a class");
        for (let c = a; c <= b; c++) {
          const bit = letterBit(c);
          if (bit) letters |= bit;
          else other = true;
        }
      } else if (a >= 0) {
        const bit = letterBit(a);
        if (bit) letters |= bit;
        else other = true;
      }
    }
    if (s[this.i] !== "]") throw new Error("unclosed class");
    this.i++;
    // a negated class matches every letter it does not name, and (we assume) some other char
    return negated ? { k: "class", letters: ALL_LETTERS & ~letters, other: true } : { k: "class", letters, other };
  }
}

/** Where a path goes on: the nodes of a sequence from index i, then the rest of the enclosing sequence. */
interface Cont {
  seq: Node[];
  i: number;
  next: Cont | null;
}

class Unbounded extends Error {}

/** Does every path through the sequence consume a non-letter char (or meet a \b, or the end of input) before any letter? */
function nonLetterFirst(seq: Node[]): boolean {
  for (const node of seq) {
    switch (node.k) {
      case "char":
        return !letterBit(node.c);
      case "lit":
        return false;
      case "class":
        return node.letters === 0;
      case "wb":
      case "end":
        return true;
      case "look":
      case "ahead":
        continue;
      case "group":
        return node.alts.every(nonLetterFirst);
      case "rep":
        if (node.min === 0) return false;
        return nonLetterFirst([node.node]);
      case "nwb":
        return false;
    }
  }
  return false;
}

/** At most this many words per rule, and this many steps to find them. */
const MAX_WORDS = 4000;
const MAX_STEPS = 200_000;

/** The lower-case words a match of the regex can begin with (see the file comment), or null. */
export function startWords(source: string): string[] | null {
  let top: Node[][];
  try {
    top = new Parser(source).parse();
  } catch {
    return null;
  }
  const out = new Set<string>();
  let steps = 0;
  // bounded: a \b has been passed with nothing consumed yet, so a letter taken now starts a run
  const walk = (cont: Cont | null, prefix: string, bounded: boolean): void => {
    if (++steps > MAX_STEPS || out.size > MAX_WORDS) throw new Unbounded();
    if (cont === null) {
      // the regex may end right after the letters: the run may go on
      throw new Unbounded();
    }
    if (cont.i === cont.seq.length) return walk(cont.next, prefix, bounded);
    const node = cont.seq[cont.i]!;
    const rest: Cont = { seq: cont.seq, i: cont.i + 1, next: cont.next };
    const end = (): void => {
      // a non-letter is consumed (or required) here: the run ends
      if (prefix === "") throw new Unbounded();
      out.add(prefix);
    };
    switch (node.k) {
      case "char": {
        // (a letter here is a quantified one: the others are in "lit" nodes)
        if (!letterBit(node.c)) return end();
        if (prefix === "" && !bounded) throw new Unbounded();
        return walk(rest, prefix + String.fromCharCode(node.c | 0x20), bounded);
      }
      case "lit":
        if (prefix === "" && !bounded) throw new Unbounded();
        return walk(rest, prefix + node.s, bounded);
      case "class": {
        if (node.other) end();
        if (node.letters && prefix === "" && !bounded) throw new Unbounded();
        for (let b = 0; b < 26; b++) if (node.letters & (1 << b)) walk(rest, prefix + String.fromCharCode(97 + b), bounded);
        return;
      }
      case "wb":
        if (prefix === "") return walk(rest, prefix, true);
        return end();
      case "nwb":
        throw new Unbounded();
      case "end":
        return end();
      case "look":
        return walk(rest, prefix, bounded);
      case "ahead":
        // a lookahead whose every path takes a non-letter first ends the run ("offer(?= to)"); another is passed over
        if (prefix !== "" && node.alts.every(nonLetterFirst)) return end();
        return walk(rest, prefix, bounded);
      case "group":
        for (const alt of node.alts) walk({ seq: alt, i: 0, next: rest }, prefix, bounded);
        return;
      case "rep": {
        if (node.min === 0) walk(rest, prefix, bounded);
        if (node.max === 0) return;
        // one more occurrence, then what remains of the repetition
        const left: Node = { k: "rep", node: node.node, min: Math.max(0, node.min - 1), max: node.max - 1 };
        return walk({ seq: [node.node], i: 0, next: { seq: [left], i: 0, next: rest } }, prefix, bounded);
      }
    }
  };
  try {
    walk({ seq: [{ k: "group", alts: top }], i: 0, next: null }, "", false);
  } catch (e) {
    if (e instanceof Unbounded) return null;
    throw e;
  }
  return [...out].sort();
}
