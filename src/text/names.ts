/**
 * Name normalisation helpers shared by the entity stage and, later, the actor registry.
 *
 * - `stripDiacritics("Çavuşoğlu")` → "Cavusoglu" (also ı→i, ł→l, ø→o, ß→ss, æ→ae, đ→d).
 * - `nameKey(s)`: a folding key for matching spelling variants of one name: case, diacritics,
 *   apostrophes/hyphens and common transliteration pairs folded (Sergei/Sergey, Oleksii/Oleksiy,
 *   Zelensky/Zelenskyy, Dmitry/Dmitriy). Two names with the same key are taken as one spelling.
 */

const SPECIAL: Record<string, string> = {
  ı: "i", İ: "I", ł: "l", Ł: "L", ø: "o", Ø: "O", ß: "ss", æ: "ae", Æ: "AE", œ: "oe", Œ: "OE",
  đ: "d", Đ: "D", ð: "d", þ: "th", ħ: "h",
};
const SPECIAL_RE = /[ıİłŁøØßæÆœŒđĐðþħ]/g;
const MARKS_RE = /\p{M}+/gu;

export function stripDiacritics(s: string): string {
  return s.normalize("NFD").replace(MARKS_RE, "").replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c);
}

/** Lower-cased, diacritics stripped, apostrophes and dots removed, hyphens and spaces kept as one space. */
export function foldBasic(s: string): string {
  return stripDiacritics(s)
    .toLowerCase()
    .replace(/[’'`.]/g, "")
    .replace(/[\s‐-]+/g, " ")
    .trim();
}

const KEY_CACHE = new Map<string, string>();

/** Folding key for comparing spellings of a name (see the module comment). Memoised. */
export function nameKey(s: string): string {
  let k = KEY_CACHE.get(s);
  if (k === undefined) {
    k = computeNameKey(s);
    if (KEY_CACHE.size > 50_000) KEY_CACHE.clear();
    KEY_CACHE.set(s, k);
  }
  return k;
}

function computeNameKey(s: string): string {
  return foldBasic(s)
    .replace(/yy\b/g, "y")
    .replace(/(?:iy|ii|yi|ij)\b/g, "i")
    .replace(/e[iy]\b/g, "ei")
    .replace(/iy/g, "i")
    .replace(/kh/g, "h")
    .replace(/ph/g, "f")
    .replace(/w/g, "v")
    .replace(/y/g, "i")
    .replace(/(.)\1/g, "$1");
}

/** True when the word starts with an upper-case letter. */
export function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return /^\p{Lu}/u.test(word);
}

/** True when every letter of the word is upper case (an acronym: "NATO", "OSCE"). */
export function isAllCaps(word: string): boolean {
  // ASCII fast path: a lower-case letter anywhere means no
  let upper = 0;
  let i = 0;
  for (; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 128) break;
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper++;
    else if (!((c >= 48 && c <= 57) || c === 38 || c === 46 || c === 45)) return false;
  }
  if (i === word.length) return upper >= 2;
  return /^[\p{Lu}\d&.-]+$/u.test(word) && /\p{Lu}.*\p{Lu}/u.test(word);
}

/** "foreign minister" → "Foreign Minister"; keeps small words (of, the, for, and, to, in) lower case. */
export function titleCase(s: string): string {
  const small = new Set(["of", "the", "for", "and", "to", "in", "on", "at"]);
  return s
    .split(" ")
    .map((w, i) => (i > 0 && small.has(w.toLowerCase()) ? w.toLowerCase() : w.length > 0 && isAllCaps(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(" ");
}
