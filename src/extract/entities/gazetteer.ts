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

  /**
   * The rows of `src` (lines that are empty or begin with "#" are skipped, as are rows without a
   * name or an iso3; a later row of the same name replaces the earlier), then the same places
   * written without their diacritics ("Sao Paulo", "Bogota"), unless that spelling is another place.
   */
  constructor(private readonly src: string) {
    const nonAscii: string[] = [];
    const n = src.length;
    for (let pos = 0; pos < n; ) {
      let end = src.indexOf("\n", pos);
      if (end < 0) end = n;
      const tab = end > pos && src.charCodeAt(pos) !== 35 ? src.indexOf("\t", pos) : -1;
      // a name before the first tab of the line, and an iso3 after it
      if (tab > pos && tab + 1 < end && src.charCodeAt(tab + 1) !== 9) {
        const name = src.slice(pos, tab);
        this.rows.set(name, tab + 1);
        if (!isAscii(name)) nonAscii.push(name);
      }
      pos = end + 1;
    }
    // in file order, as a pass over the whole table would go (an ASCII name is its own plain spelling)
    for (const name of nonAscii) {
      const plain = stripDiacritics(name);
      if (plain !== name && !this.rows.has(plain)) this.rows.set(plain, this.rows.get(name)!);
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

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}
