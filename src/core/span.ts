import type { Span, TextSpan } from "./types.js";

/** The span with its exact text, for output. */
export function withText(text: string, span: Span): TextSpan {
  return { start: span.start, end: span.end, text: text.slice(span.start, span.end) };
}

/** Shrink a span so that it neither starts nor ends with whitespace or the given punctuation. */
export function trimSpan(text: string, span: Span, punct = ""): Span {
  let { start, end } = span;
  const skip = (c: string) => /\s/.test(c) || (punct !== "" && punct.includes(c));
  while (start < end && skip(text[start]!)) start++;
  while (end > start && skip(text[end - 1]!)) end--;
  return { start, end };
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Binary search: index of the first span whose end is > pos (spans sorted by start, non-overlapping). */
export function spanIndexAt<T extends Span>(spans: readonly T[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
