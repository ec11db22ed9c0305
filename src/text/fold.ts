/**
 * Name folding: the comparison form of a name, so that spelling variants compare equal.
 * "Mevlüt Çavuşoğlu" → "mevlut cavusoglu", "İbrahim Kalın" → "ibrahim kalin", "Łódź" → "lodz".
 * NFKD + strip combining marks, then the letters that NFKD does not decompose (ı, ł, ø, đ, ß, æ…),
 * lowercase, every run of non-letter/digit characters becomes one space, trimmed.
 */

/** Letters without a canonical decomposition to a base letter + mark. */
const SPECIAL: Record<string, string> = {
  ı: "i", İ: "i", ł: "l", Ł: "l", ø: "o", Ø: "o", đ: "d", Đ: "d", ð: "d", Ð: "d", þ: "th", Þ: "th",
  ß: "ss", æ: "ae", Æ: "ae", œ: "oe", Œ: "oe", ħ: "h", Ħ: "h", ŀ: "l", Ŀ: "l", ŧ: "t", Ŧ: "t",
  "’": "'", "‘": "'",
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join("")}]`, "g");
const MARKS_RE = /\p{M}+/gu;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;
const APOS_RE = /['’‘]/g;
/** Dotted initialisms: "U.N." → "UN", "U.S." → "US" (two or more single letters each followed by a dot). */
const DOTTED_RE = /(?<!\p{L})((?:\p{L}\.){2,})/gu;

/** Folded comparison form: lowercase ASCII-ish letters and digits separated by single spaces. */
export function foldName(s: string): string {
  return s
    .replace(DOTTED_RE, (m) => m.replace(/\./g, "") + " ")
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .normalize("NFKD")
    .replace(MARKS_RE, "")
    .toLowerCase()
    .replace(APOS_RE, "")
    .replace(NON_WORD_RE, " ")
    .trim();
}

/** The last word of a folded name (its surname, for Western-order names). */
export function surnameOf(folded: string): string {
  const i = folded.lastIndexOf(" ");
  return i < 0 ? folded : folded.slice(i + 1);
}
