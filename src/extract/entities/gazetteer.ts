/**
 * The gazetteer (data/gazetteer.tsv: name, iso3, lat, lon, population; one row a line), read the
 * first time the lexicon is built. Reading it used to cost ~60-110 ms of the first article (a tuple
 * and three numbers parsed for each of 22k rows, and every name run through Unicode normalisation
 * to add its spelling without diacritics), though an article looks up a handful of its rows. So
 * the names are indexed to their row's offset in the file text, and a row is split into its
 * fields when a name is first looked up; only the names that are not plain ASCII (a fifth of
 * them) can differ without their diacritics.
 */
import { stripDiacritics } from "../../text/names.js";

/** A gazetteer row: [iso3, lat, lon, population]. */
export type GazRow = [string, number, number, number];

export class Gazetteer {
  /** name → offset in `src` of the row's second field (iso3), in the order of the file; once looked
   * up, the row itself (so that later look-ups are one Map read) */
  private readonly rows = new Map<string, number | GazRow>();
  /** rows already split, by offset (a name and its spelling without diacritics share their row) */
  private readonly parsed = new Map<number, GazRow>();
  /** every beginning of a name that ends before a space ("Rio", "Rio de" of "Rio de Janeiro"), in the order of the names */
  readonly heads = new Set<string>();

  /**
   * The rows of `src` (lines that are empty or begin with "#" are skipped, as are rows without a
   * name or an iso3; a later row of the same name replaces the earlier), then the same places
   * written without their diacritics ("Sao Paulo", "Bogota"), unless that spelling is another place.
   */
  constructor(private readonly src: string) {
    const n = src.length;
    const heads = this.heads;
    // the next space at or after `pos` (n when none): found once for the lines without one
    let space = -1;
    for (let pos = 0; pos < n; ) {
      let end = src.indexOf("\n", pos);
      if (end < 0) end = n;
      const tab = nameEnd(src, pos, end);
      if (tab >= 0) {
        const name = src.slice(pos, tab);
        this.rows.set(name, tab + 1);
        if (space < pos) space = spaceFrom(src, pos);
        for (; space < tab; space = spaceFrom(src, space + 1)) heads.add(src.slice(pos, space));
      }
      pos = end + 1;
    }
    // the names that are not plain ASCII (a fifth of them; an ASCII name is its own plain spelling),
    // in file order, as a pass over the whole table would go: the rows with a non-ASCII character before their first tab
    const nonAscii: string[] = [];
    const re = /[^\0-\x7f]/g;
    for (let m = re.exec(src); m; m = re.exec(src)) {
      const pos = src.lastIndexOf("\n", m.index) + 1;
      let end = src.indexOf("\n", m.index);
      if (end < 0) end = n;
      const tab = nameEnd(src, pos, end);
      if (tab > m.index) nonAscii.push(src.slice(pos, tab));
      re.lastIndex = end;
    }
    // all stripped in one call: no name holds a line break, which stripDiacritics keeps and no
    // character's decomposition or mark crosses (tested against one call per name)
    const plains = stripDiacritics(nonAscii.join("\n")).split("\n");
    for (let i = 0; i < nonAscii.length; i++) {
      const name = nonAscii[i]!;
      const plain = plains[i]!;
      if (plain !== name && !this.rows.has(plain)) {
        this.rows.set(plain, this.rows.get(name)!);
        for (let s = plain.indexOf(" "); s !== -1; s = plain.indexOf(" ", s + 1)) heads.add(plain.slice(0, s));
      }
    }
  }

  has(name: string): boolean {
    return this.rows.has(name);
  }

  get(name: string): GazRow | undefined {
    const v = this.rows.get(name);
    if (v === undefined || typeof v !== "number") return v;
    let row = this.parsed.get(v);
    if (row === undefined) {
      let end = this.src.indexOf("\n", v);
      if (end < 0) end = this.src.length;
      const [cc, lat, lon, pop] = this.src.slice(v, end).split("\t");
      row = [cc!, Number(lat), Number(lon), Number(pop)];
      this.parsed.set(v, row);
    }
    this.rows.set(name, row);
    return row;
  }

  /** Every name, those of the file first, in its order. */
  keys(): IterableIterator<string> {
    return this.rows.keys();
  }
}

/** The first space at or after `pos` (the length of `src` when none). */
function spaceFrom(src: string, pos: number): number {
  const i = src.indexOf(" ", pos);
  return i < 0 ? src.length : i;
}

/**
 * The end of the name of the line [pos, end): its first tab, when the line is a row (it is not a
 * comment, and has a name before the tab and an iso3 after it); else -1.
 */
function nameEnd(src: string, pos: number, end: number): number {
  if (end <= pos || src.charCodeAt(pos) === 35) return -1;
  const tab = src.indexOf("\t", pos);
  return tab > pos && tab + 1 < end && src.charCodeAt(tab + 1) !== 9 ? tab : -1;
}
