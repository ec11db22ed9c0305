/**
 * Character tests on one UTF-16 code unit, for scanners that walk `charCodeAt` instead of running
 * a regular expression per character. Each equals the regex named in its comment.
 */

/** `/\s/` on one UTF-16 unit. */
export function isSpaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `/[A-Za-z]/` on one UTF-16 unit. */
export function isAsciiLetterCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** `/\w/` on one UTF-16 unit (ASCII letters, digits, "_"). */
export function isAsciiWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** The first position in [pos, to) that is not white space (`/\s/`), else `to`. */
export function skipSpace(text: string, pos: number, to: number): number {
  while (pos < to && isSpaceCode(text.charCodeAt(pos))) pos++;
  return pos;
}

/** `pos` moved back over the white space before it, not below `from`. */
export function skipSpaceBack(text: string, from: number, pos: number): number {
  while (pos > from && isSpaceCode(text.charCodeAt(pos - 1))) pos--;
  return pos;
}
