/**
 * The event coder: for each sentence, the rules whose trigger words occur in it are matched; each
 * match finds its source and target among the sentence's actor units (subject before the verb,
 * object or with-phrase after, "between A and B", passives turned round, coordination expanded),
 * gets a realis and a date, and becomes one EventRecord per (source, target) pair. Article-level
 * passes then merge campaign mentions (invasion, war), fill missing targets from the conversation
 * being reported, and keep one event per (type, source, target, date).
 */
import type { ConsultMode, Doc, EventRecord, PloverType, Realis, Side, Span } from "../../core/types.js";
import { dateFor } from "../time/index.js";
import { realisOf } from "./realis.js";
import { loadRules, type Rule } from "./rules.js";
import { buildUnits, sameSide, sideKey, type Unit } from "./sides.js";


const PREP = new Set(
  "in into on onto at to of for from with by against over about near across toward towards between among under through during after before including like than via per within without inside outside along amid despite".split(" "),
);
const DET = new Set("the a an his her its their this that these those our your".split(" "));
/** words that end a search for an object, looking right */
const OBJ_BREAK = new Set(
  "; : said says say told added according which who whom whose while but whereas although because after before when since — \"".split(" "),
);
const SUBJ_PRONOUN = new Set(["he", "she", "they", "we"]);
const BE = new Set(["was", "were", "is", "are", "been", "being", "be", "got", "gets", "get", "getting", "has", "have", "had"]);
const IRREGULAR_PARTICIPLE = new Set(["struck", "shot", "hit", "held", "met", "seen", "taken", "beaten", "killed", "freed", "sent", "given", "brought", "thrown", "stricken", "overrun", "caught", "won", "fought", "led"]);
const CONJ_RE = /^\s*(?:,|,?\s*and|,?\s*or|,?\s*as well as|,?\s*along with|,?\s*together with|,?\s*including|,?\s*plus|&|-|–|\/)\s*(?:(?:the|his|her|their|its)\s+)?$/i;
const PHONE_RE = /\b(?:phone|telephone|telephonic|phoned|telephoned|video ?conference|video call|call)\b/i;
const CAMPAIGN_HYPO = new Set(["possible", "potential", "planned", "imminent", "any", "no", "future", "prospect", "risk", "looming", "threatened", "feared", "new"]);

interface Draft {
  type: PloverType;
  mode: ConsultMode;
  source: Side | null;
  target: Side | null;
  span: Span;
  rule: string;
  realis: Realis;
  mutual: boolean;
  sent: number;
  campaign: boolean;
  /** an explicit date next to the trigger (campaigns only) */
  nearDate: string | null;
  /** a perfect-aspect habitual with no date in the sentence: "has offered to mediate" */
  habitual: boolean;
  /** the evidence trigger span, for dating */
  trig: Span;
}

export interface CoderContext {
  doc: Doc;
  words: string[];
}

/** Index of the first token whose end is > pos. */
function tokenAt(doc: Doc, pos: number): number {
  const toks = doc.tokens;
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Lower-case words of tokens [a, b). */
function wordsBetween(ctx: CoderContext, a: number, b: number): string[] {
  return ctx.words.slice(a, b);
}

function gapWords(ctx: CoderContext, from: number, to: number): string[] {
  const a = tokenAt(ctx.doc, from);
  let b = a;
  while (b < ctx.doc.tokens.length && ctx.doc.tokens[b]!.start < to) b++;
  return wordsBetween(ctx, a, b);
}

/** The units coordinated with units[i], going left ("A, B and C"): indexes, nearest first. */
function conjLeft(ctx: CoderContext, units: Unit[], i: number): number[] {
  const out = [i];
  let j = i;
  while (j > 0) {
    const gap = ctx.doc.text.slice(units[j - 1]!.end, units[j]!.start);
    if (!CONJ_RE.test(gap) || /including|along|together|plus/i.test(gap)) break;
    j--;
    out.push(j);
  }
  return out;
}

function conjRight(ctx: CoderContext, units: Unit[], i: number, limit: number): number[] {
  const out = [i];
  let j = i;
  while (j + 1 < units.length && units[j + 1]!.start < limit) {
    const gap = ctx.doc.text.slice(units[j]!.end, units[j + 1]!.start);
    if (!CONJ_RE.test(gap)) break;
    j++;
    out.push(j);
  }
  return out;
}

/** Is the unit the object of a preposition ("in Ukraine", "with Russia and Turkey")? */
function ppObject(ctx: CoderContext, units: Unit[], i: number): boolean {
  let k = i;
  for (;;) {
    const gap = k > 0 ? ctx.doc.text.slice(units[k - 1]!.end, units[k]!.start) : null;
    if (gap !== null && CONJ_RE.test(gap) && !/,\s*$/.test(gap.trim() === "," ? "" : gap)) k--;
    else break;
  }
  let t = tokenAt(ctx.doc, units[k]!.start) - 1;
  while (t >= 0 && DET.has(ctx.words[t]!)) t--;
  if (t < 0) return false;
  const s = ctx.doc.tokens[t]!.sent;
  if (s !== ctx.doc.tokens[tokenAt(ctx.doc, units[k]!.start)]?.sent) return false;
  return PREP.has(ctx.words[t]!);
}

interface SubjectResult {
  units: Unit[];
  fromTopic: boolean;
}

/** The subject: the nearest unit before `pos` that is not inside a prepositional phrase, with its conjuncts. */
function subjectOf(ctx: CoderContext, units: Unit[], pos: number, sentStart: number, topic: Side | null, allowPlace = false): SubjectResult {
  let best = -1;
  for (let i = units.length - 1; i >= 0; i--) {
    const u = units[i]!;
    if (u.end > pos) continue;
    if (u.place && !allowPlace) continue;
    if (ppObject(ctx, units, i)) continue;
    best = i;
    break;
  }
  // a bare pronoun nearer than any unit: the actor carried over from earlier sentences
  const from = best >= 0 ? units[best]!.end : sentStart;
  const a = tokenAt(ctx.doc, from);
  const b = tokenAt(ctx.doc, pos);
  for (let t = b - 1; t >= a; t--) {
    const w = ctx.words[t]!;
    if (SUBJ_PRONOUN.has(w) || (w === "it" && topic && !topic.person)) {
      if (topic) return { units: [{ start: ctx.doc.tokens[t]!.start, end: ctx.doc.tokens[t]!.end, side: topic, person: !!topic.person, place: false, via: "topic" }], fromTopic: true };
      break;
    }
  }
  if (best < 0) return { units: [], fromTopic: false };
  return { units: conjLeft(ctx, units, best).map((i) => units[i]!).reverse(), fromTopic: false };
}

/** The first unit after `pos` within a few words (no clause break between), with its conjuncts. */
function objectOf(ctx: CoderContext, units: Unit[], pos: number, sentEnd: number, maxWords = 10, allowPlace = false): Unit[] {
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u.start < pos) continue;
    if (u.place && !allowPlace) continue;
    const gap = gapWords(ctx, pos, u.start);
    if (gap.length > maxWords) return [];
    if (gap.some((w) => OBJ_BREAK.has(w))) return [];
    return conjRight(ctx, units, i, sentEnd).map((k) => units[k]!).filter((x) => allowPlace || !x.place);
  }
  return [];
}

/** The unit after a preposition (`with`, `between`) following `pos`. */
function afterWord(ctx: CoderContext, units: Unit[], pos: number, sentEnd: number, word: string, maxWords: number): Unit[] {
  const a = tokenAt(ctx.doc, pos);
  const cands: Unit[][] = [];
  for (let t = a, n = 0; t < ctx.doc.tokens.length && ctx.doc.tokens[t]!.start < sentEnd && n < maxWords; t++, n++) {
    const w = ctx.words[t]!;
    if (OBJ_BREAK.has(w)) break;
    if (w !== word) continue;
    const objs = objectOf(ctx, units, ctx.doc.tokens[t]!.end, sentEnd, 6);
    if (objs.length) cands.push(objs);
  }
  if (!cands.length) return [];
  return cands.find((c) => c[0]!.person) ?? cands[0]!;
}

function sentenceTimes(doc: Doc, start: number, end: number) {
  return doc.times.filter((t) => t.start >= start && t.end <= end);
}

/** The date for an event: the time stage's `dateFor` (day grain only). */
function dateOf(doc: Doc, span: Span): string | null {
  return dateFor(doc, span, { grain: "day" }).value;
}

/** Is the word before the match (skipping adverbs) a form of "be", with a participle trigger? */
function passiveBefore(ctx: CoderContext, t0: number, sentTokStart: number): boolean {
  const first = ctx.words[t0]!;
  if (!/ed$|en$/.test(first) && !IRREGULAR_PARTICIPLE.has(first)) return false;
  let t = t0 - 1;
  while (t >= sentTokStart && /ly$|^(?:also|reportedly|allegedly|repeatedly|not|never|just|already)$/.test(ctx.words[t]!)) t--;
  if (t < sentTokStart) return false;
  const w = ctx.words[t]!;
  return w === "was" || w === "were" || w === "is" || w === "are" || w === "been" || w === "being" || w === "be" || w === "got" || w === "get";
}

/** "rejected by Moscow": "by" right after the participle. */
function byAfter(ctx: CoderContext, end: number, sentTokEnd: number): number {
  let t = tokenAt(ctx.doc, end);
  for (let n = 0; t < sentTokEnd && n < 4; t++, n++) {
    const w = ctx.words[t]!;
    if (w === "by") return ctx.doc.tokens[t]!.end;
    if (!/ly$/.test(w) && !DET.has(w) && n > 0) break;
  }
  return -1;
}

function habitualBefore(before: readonly string[]): boolean {
  for (let k = 1; k <= 4 && k <= before.length; k++) {
    const w = before[before.length - k]!;
    if (w === "has" || w === "have" || w === "had" || w === "repeatedly" || w === "consistently") return true;
    if (!/ly$|^(?:also|been|already|long|previously|earlier|again|not|twice)$/.test(w)) return false;
  }
  return false;
}

function cloneSide(s: Side): Side {
  return s.group ? { person: s.person, actor: s.actor, group: s.group } : { person: s.person, actor: s.actor };
}

export function codeEvents(doc: Doc): EventRecord[] {
  const { byTrigger } = loadRules();
  const text = doc.text;
  const words = doc.tokens.map((t) => text.slice(t.start, t.end).toLowerCase());
  const ctx: CoderContext = { doc, words };
  const drafts: Draft[] = [];
  let topic: Side | null = null;

  for (let si = 0; si < doc.sentences.length; si++) {
    const sent = doc.sentences[si]!;
    // the trigger gate: only rules with a trigger word among this sentence's tokens
    let cands: Set<Rule> | null = null;
    for (let t = sent.tokStart; t < sent.tokEnd; t++) {
      const rs = byTrigger.get(words[t]!);
      if (!rs) continue;
      cands ??= new Set();
      for (const r of rs) cands.add(r);
    }
    const units = cands ? buildUnits(doc, sent.start, sent.end) : [];
    if (cands && units.length + (topic ? 1 : 0) > 0) {
      const sentText = text.slice(sent.start, sent.end);
      for (const rule of cands) {
        rule.regex.lastIndex = 0;
        for (let m = rule.regex.exec(sentText); m; m = rule.regex.exec(sentText)) {
          if (m[0].length === 0) {
            rule.regex.lastIndex++;
            continue;
          }
          const mStart = sent.start + m.index;
          const mEnd = mStart + m[0].length;
          if (rule.notAfterRe && rule.notAfterRe.test(text.slice(Math.max(sent.start, mStart - 40), mStart))) continue;
          const tEnd = m.groups?.t !== undefined ? mStart + m[0].indexOf(m.groups.t) + m.groups.t.length : mEnd;
          codeMatch(ctx, rule, units, si, mStart, mEnd, tEnd, topic, drafts);
        }
      }
    }
    // the topic: the last person who did something, for "he" in later sentences
    for (let k = drafts.length - 1; k >= 0 && drafts[k]!.sent === si; k--) {
      const s = drafts[k]!.source;
      if (s && s.person) {
        topic = s;
        break;
      }
    }
    if (!topic || (drafts.length && drafts[drafts.length - 1]!.sent !== si)) {
      const firstPerson = units.find((u) => u.person && !ppObject(ctx, units, units.indexOf(u)));
      if (firstPerson) topic = firstPerson.side;
    }
  }
  return finish(doc, drafts);
}

function codeMatch(
  ctx: CoderContext, rule: Rule, units: Unit[], si: number, mStart: number, mEnd: number, tEnd: number,
  topic: Side | null, drafts: Draft[],
): void {
  const doc = ctx.doc;
  const sent = doc.sentences[si]!;
  const t0 = tokenAt(doc, mStart);
  const before = ctx.words.slice(sent.tokStart, t0);
  const sentText = doc.text.slice(sent.start, sent.end);
  const trigWord = ctx.words[t0] ?? "";

  let realis: Realis;
  if (rule.campaign) {
    realis = "asserted";
    for (let k = 1; k <= 3 && k <= before.length; k++) if (CAMPAIGN_HYPO.has(before[before.length - k]!)) realis = "hypothetical";
    if (/\b(?:possible|potential|imminent|planned) (?:[a-z-]+ )?$/i.test(sentText.slice(0, mStart - sent.start))) realis = "hypothetical";
  } else if (rule.realisFixed) realis = "asserted";
  else realis = realisOf(before, sentText, trigWord);

  let sources: Unit[] = [];
  let targets: Unit[] = [];
  let pairs: Array<[Unit, Unit]> | null = null;
  let mode: ConsultMode = rule.mode ?? null;
  let type: PloverType = rule.type;
  let extra: Array<{ s: Unit; t: Unit; mode: ConsultMode }> = [];

  const passive = rule.verbal && passiveBefore(ctx, t0, sent.tokStart);
  const byPos = rule.verbal ? byAfter(ctx, tEnd, sent.tokEnd) : -1;

  if (passive || byPos >= 0) {
    // "Ukraine was attacked by Russia", "claims rejected by Moscow"
    const agentFrom = byPos >= 0 ? byPos : -1;
    let agents: Unit[] = [];
    if (agentFrom >= 0) agents = objectOf(ctx, units, agentFrom, sent.end, 4);
    else {
      const by = afterWord(ctx, units, tEnd, sent.end, "by", 10);
      agents = by;
    }
    const patients = subjectOf(ctx, units, mStart, sent.start, topic).units;
    sources = agents;
    targets = patients;
  } else if (rule.campaign) {
    // "Russia's invasion of Ukraine", "the Russian invasion", "Putin announced a military operation in Ukraine"
    const near = units.filter((u) => u.end <= mStart && !u.place);
    const last = near[near.length - 1];
    if (last) {
      const gap = gapWords(ctx, last.end, mStart).filter((w) => w !== '"' && w !== "“" && w !== "'" && w !== "’");
      if (gap.length <= 3 && !gap.some((w) => OBJ_BREAK.has(w) || PREP.has(w) || w === ",")) sources = [last];
    }
    for (const u of units) {
      if (u.start < mEnd || u.place) continue;
      const gap = gapWords(ctx, mEnd, u.start);
      if (gap.length <= 3 && gap.length >= 1 && /^(?:of|in|on|against|into|with|across|inside)$/.test(gap[0]!)) targets = [u];
      break;
    }
  } else {
    const subj = subjectOf(ctx, units, mStart, sent.start, topic, rule.target === "hosted");
    if (rule.source === "subject") sources = subj.units;
    switch (rule.target) {
      case "object":
        targets = objectOf(ctx, units, tEnd, sent.end);
        break;
      case "with": {
        targets = afterWord(ctx, units, tEnd, sent.end, "with", 14);
        if (!targets.length) {
          const btw = afterWord(ctx, units, tEnd, sent.end, "between", 6);
          if (btw.length >= 2) pairs = allPairs(btw);
        }
        if (!targets.length && !pairs) targets = objectOf(ctx, units, tEnd, sent.end, 4);
        break;
      }
      case "between": {
        const btw = afterWord(ctx, units, tEnd, sent.end, "between", 6);
        if (rule.source === "between") {
          if (btw.length >= 2) pairs = allPairs(btw);
          else if (subj.units.length >= 2 && !subj.fromTopic) pairs = allPairs(subj.units);
        } else targets = btw;
        break;
      }
      case "place":
        targets = objectOf(ctx, units, tEnd, sent.end, 6, true);
        if (targets.length) targets = [targets[0]!];
        break;
      case "hosted": {
        let guests = afterWord(ctx, units, tEnd, sent.end, "between", 8);
        if (guests.length < 2) guests = objectOf(ctx, units, tEnd, sent.end, 8);
        sources = subj.units.slice(-1);
        if (guests.length >= 2) {
          targets = guests;
          for (const [a, b] of allPairs(guests)) extra.push({ s: a, t: b, mode: "meeting" });
        } else if (guests.length === 1 && sources.length) {
          // the guest travelled to the host
          mode = "visit";
          targets = sources;
          sources = guests;
        }
        break;
      }
    }
  }

  // symmetric: "A and B discussed", "A and B agreed": both sides did it
  if (!pairs && !targets.length && sources.length >= 2 && (rule.symmetric || type === "CONSULT")) {
    pairs = allPairs(sources);
  }
  // "Russia-Ukraine talks", "Ukrainian and Russian delegations held talks"
  if (!pairs && !sources.length && type === "CONSULT" && targets.length >= 2 && rule.target !== "object") pairs = allPairs(targets);

  if (type === "CONSULT" && (mode === null || mode === "meeting") && rule.name !== "consult.meet.met" && PHONE_RE.test(sentText)) mode = "phone";
  if (type === "CONSULT" && mode === "meeting" && targets.length >= 3) mode = "multilateral";

  // a future use of force announced by its author is a threat; a promise of help is an agreement
  if (realis === "future" || realis === "hypothetical") {
    const speech = /\b(?:said|says|warned|vowed|stressed|threatened|announced|declared|promised|pledged)\b/i.test(sentText.slice(0, mStart - sent.start));
    const modal = before.slice(-4).some((w) => w === "will" || w === "would" || w === "'ll" || w === "’ll");
    const cond = before.slice(-12).some((w) => w === "if" || w === "unless");
    if (speech && modal && !cond) {
      if (type === "ASSAULT" || type === "COERCE" || type === "SANCTION" || type === "MOBILIZE") {
        type = "THREATEN";
        realis = "asserted";
      } else if (type === "AID" || type === "COOPERATE" || type === "CONCEDE") {
        type = "AGREE";
        realis = "asserted";
      }
    }
  }

  const habitual = habitualBefore(before) && sentenceTimes(doc, sent.start, sent.end).length === 0;
  let nearDate: string | null = null;
  if (rule.campaign || type === "ASSAULT") {
    for (const t of sentenceTimes(doc, sent.start, sent.end)) {
      if (t.grain !== "day") continue;
      const dist = t.start >= mEnd ? t.start - mEnd : mStart - t.end;
      if (dist >= 0 && dist <= 60) nearDate = t.value;
    }
  }

  const push = (s: Unit | null, t: Unit | null, m: ConsultMode, mutual: boolean) => {
    if (s && t && (sameSide(s.side, t.side) || s === t)) return;
    let start = mStart;
    let end = mEnd;
    for (const u of [s, t]) {
      if (!u || u.via === "topic") continue;
      if (u.start >= sent.start && u.end <= sent.end) {
        start = Math.min(start, u.start);
        end = Math.max(end, u.end);
      }
    }
    drafts.push({
      type, mode: type === "CONSULT" ? m : null,
      source: s ? cloneSide(s.side) : null, target: t ? cloneSide(t.side) : null,
      span: { start, end }, rule: rule.name, realis, mutual, sent: si,
      campaign: !!rule.campaign, nearDate, habitual, trig: { start: mStart, end: mEnd },
    });
  };

  if (pairs) {
    for (const [a, b] of pairs) push(a, b, mode, type === "AGREE" || type === "COOPERATE");
    return;
  }
  if (sources.length && targets.length) {
    for (const s of sources) for (const t of targets) push(s, t, mode, false);
    for (const e of extra) push(e.s, e.t, e.mode, false);
    return;
  }
  if (sources.length) for (const s of sources) push(s, null, mode, false);
  else if (targets.length && rule.campaign) for (const t of targets) push(null, t, mode, false);
}

function allPairs(us: Unit[]): Array<[Unit, Unit]> {
  const out: Array<[Unit, Unit]> = [];
  for (let i = 0; i < us.length; i++) for (let j = i + 1; j < us.length; j++) out.push([us[i]!, us[j]!]);
  return out;
}

const FILL_FROM_DYAD = new Set<PloverType>(["AGREE", "REQUEST", "SUPPORT", "REJECT", "ACCUSE", "THREATEN"]);

function sameActor(a: Side, b: Side): boolean {
  return sameSide(a, b) || (!!a.actor && a.actor === b.actor && (!a.person || !b.person));
}

/** Article-level passes: campaigns, missing targets, dates, one event per key. */
function finish(doc: Doc, drafts: Draft[]): EventRecord[] {
  // campaigns: complete ones define the war's sides; partial mentions join them
  const campaigns: Draft[] = [];
  for (const d of drafts) {
    if (!d.campaign || !d.source || !d.target || d.realis !== "asserted") continue;
    const same = campaigns.find((c) => sameActor(c.source!, d.source!) && sameActor(c.target!, d.target!));
    if (same) {
      same.nearDate ??= d.nearDate;
      if (!same.source!.person && d.source.person) same.source = d.source;
    } else campaigns.push(d);
  }
  const out: Draft[] = [];
  for (const d of drafts) {
    if (d.campaign) {
      if (d.source && d.target) continue; // represented by its campaign entry
      const side = d.source ?? d.target!;
      const c = campaigns.find((x) => sameActor(x.source!, side) || sameActor(x.target!, side));
      if (c) c.nearDate ??= d.nearDate;
      continue;
    }
    if (!d.target) {
      if (!d.source || !FILL_FROM_DYAD.has(d.type)) continue;
      // the counterpart of the conversation being reported
      for (let k = out.length - 1; k >= 0; k--) {
        const c = out[k]!;
        if (c.type !== "CONSULT" || d.sent - c.sent > 3 || !c.source || !c.target) continue;
        if (sameActor(c.source, d.source)) d.target = c.target;
        else if (sameActor(c.target, d.source)) d.target = c.source;
        if (d.target) break;
      }
      if (!d.target || sameSide(d.source, d.target)) continue;
    }
    if (!d.source) continue;
    out.push(d);
  }
  for (const c of campaigns) out.push(c);

  const events: EventRecord[] = [];
  const seen = new Map<string, EventRecord>();
  for (const d of out) {
    const sent = doc.sentences[d.sent]!;
    let date: string | null;
    if (d.campaign) date = d.nearDate;
    else if (d.habitual) date = null;
    else date = dateOf(doc, d.span);
    const s = d.source!;
    const t = d.target!;
    const symmetric = d.type === "CONSULT" || d.type === "AGREE" || d.type === "COOPERATE";
    let ks = sideKey(s);
    let kt = sideKey(t);
    if (symmetric && kt < ks) [ks, kt] = [kt, ks];
    const key = `${d.type}|${ks}|${kt}|${date ?? ""}|${d.realis === "asserted" ? "a" : "n"}`;
    const prev = seen.get(key);
    if (prev) {
      if (d.mutual) prev.mutual = true;
      continue;
    }
    const ev: EventRecord = {
      type: d.type, source: s, target: t, date, span: d.span, rule: d.rule, realis: d.realis,
      ...(d.type === "CONSULT" ? { mode: d.mode } : {}),
      ...(d.mutual ? { mutual: true } : {}),
    };
    seen.set(key, ev);
    events.push(ev);
  }
  // an actor-only event that repeats a person-level one (same type, codes and date) adds nothing
  const persons = (e: EventRecord) => (e.source.person ? 1 : 0) + (e.target.person ? 1 : 0);
  return events.filter(
    (e) =>
      !events.some(
        (o) => o !== e && o.type === e.type && o.date === e.date && o.realis === e.realis && persons(o) > persons(e) &&
          sameActor(o.source, e.source) && sameActor(o.target, e.target),
      ),
  );
}
