/**
 * Test support: a Doc with a hand-built entity layer, so that event rules are tested on their own,
 * whatever the entities stage does. Each listed phrase becomes a mention wherever it occurs as a
 * whole word; persons are listed with their country.
 */
import { newDoc } from "../../analyze.js";
import type { Doc, EntityKind, EntityMention } from "../../core/types.js";
import { textStage } from "../text.js";

export interface FixtureActor {
  kind: EntityKind;
  actor: string | null;
  /** for persons: the full name every form refers to */
  person?: string;
  /** for groups: the group's name */
  group?: string;
}

/** A small lexicon shared by the fixtures: invented persons, real states. */
export const LEXICON: Record<string, FixtureActor> = {
  Russia: { kind: "country", actor: "RUS" },
  Russian: { kind: "country", actor: "RUS" },
  Moscow: { kind: "country", actor: "RUS" },
  Ukraine: { kind: "country", actor: "UKR" },
  Ukrainian: { kind: "country", actor: "UKR" },
  Kyiv: { kind: "country", actor: "UKR" },
  Turkey: { kind: "country", actor: "TUR" },
  Turkish: { kind: "country", actor: "TUR" },
  Ankara: { kind: "country", actor: "TUR" },
  France: { kind: "country", actor: "FRA" },
  French: { kind: "country", actor: "FRA" },
  Germany: { kind: "country", actor: "DEU" },
  German: { kind: "country", actor: "DEU" },
  Iran: { kind: "country", actor: "IRN" },
  Iranian: { kind: "country", actor: "IRN" },
  Iranians: { kind: "country", actor: "IRN" },
  Israel: { kind: "country", actor: "ISR" },
  China: { kind: "country", actor: "CHN" },
  Sudan: { kind: "country", actor: "SDN" },
  "the United States": { kind: "country", actor: "USA" },
  "the European Union": { kind: "org", actor: "EU" },
  "the EU": { kind: "org", actor: "EU" },
  "the United Nations": { kind: "org", actor: "UN" },
  "Ali Demir": { kind: "person", actor: "TUR", person: "Ali Demir" },
  Demir: { kind: "person", actor: "TUR", person: "Ali Demir" },
  "Ivan Petrov": { kind: "person", actor: "RUS", person: "Ivan Petrov" },
  Petrov: { kind: "person", actor: "RUS", person: "Ivan Petrov" },
  "Olena Shevchenko": { kind: "person", actor: "UKR", person: "Olena Shevchenko" },
  Shevchenko: { kind: "person", actor: "UKR", person: "Olena Shevchenko" },
  "the Northern Front": { kind: "group", actor: null, group: "Northern Front" },
};

/** A Doc with sentences, tokens and the mentions of the lexicon's phrases (longest first, no overlaps). */
export function fixtureDoc(text: string, published: string | null = "2024-05-06", lexicon: Record<string, FixtureActor> = LEXICON): Doc {
  const doc = newDoc({ id: "fixture", text, title: null, url: null, outlet: null, published, origin: "fixture" });
  textStage.run(doc, {});
  doc.published = { value: published, inferred: false, evidence: null, rule: "fixture" };
  const taken = new Uint8Array(text.length);
  const mentions: EntityMention[] = [];
  const personIndex = new Map<string, number>();
  const orgIndex = new Map<string, number>();
  for (const phrase of Object.keys(lexicon).sort((a, b) => b.length - a.length)) {
    const a = lexicon[phrase]!;
    const re = new RegExp(`(?<![\\p{L}\\p{M}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{M}])`, "giu");
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.subarray(start, end).some((x) => x === 1)) continue;
      taken.fill(1, start, end);
      let ref = -1;
      if (a.kind === "person") {
        const name = a.person ?? phrase;
        if (!personIndex.has(name)) {
          personIndex.set(name, doc.persons.length);
          doc.persons.push({ name, aliases: [], role: null, country: a.actor ? { value: a.actor, stated: true, evidence: null, rule: "fixture" } : null, mentions: [] });
        }
        ref = personIndex.get(name)!;
        doc.persons[ref]!.mentions.push({ start, end });
      } else if (a.kind === "org" || a.kind === "group") {
        const name = a.group ?? phrase.replace(/^the /, "");
        if (!orgIndex.has(name)) {
          orgIndex.set(name, doc.organizations.length);
          doc.organizations.push({ name, aliases: [], actor: a.actor, mentions: [] });
        }
        ref = orgIndex.get(name)!;
      }
      mentions.push({ start, end, kind: a.kind, ref, actor: a.actor, via: "name", rule: "fixture" });
    }
  }
  mentions.sort((x, y) => x.start - y.start);
  doc.mentions = mentions;
  return doc;
}
