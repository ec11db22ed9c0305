/**
 * Hand-made articles for the actor-registry tests: short texts from several conflicts and
 * years (not the dev corpus), with persons, roles and countries whose spans are located in the
 * text, so that the registry is tested independently of the entity extractor.
 */
import type { ArticleRecord, TextSpan } from "../src/core/types.js";
import type { SaveArticleInput } from "../src/store/port.js";

/** The span of the first occurrence of `needle` (throws when absent: a broken fixture). */
export function at(text: string, needle: string): TextSpan {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`fixture: "${needle}" not in text`);
  return { start: i, end: i + needle.length, text: needle };
}

export interface P {
  name: string;
  aliases?: string[];
  /** the role as written in the text (its evidence is located there) */
  role?: string;
  /** the country code, and the word of the text that states it (omit for an inferred one) */
  country?: string;
  countryWord?: string;
}

export interface A {
  id: string;
  published: string | null;
  text: string;
  persons: P[];
  /** events: [type, source person, target person, evidence] */
  events?: Array<[string, string | null, string | null, string]>;
  /** quotes: [speaker, quoted text] */
  quotes?: Array<[string, string]>;
}

export function record(a: A): ArticleRecord {
  const t = a.text;
  return {
    id: a.id, url: null, outlet: "Test Wire", title: null, published: a.published, published_inferred: false,
    published_evidence: null, published_rule: "metadata", story: null,
    persons: a.persons.map((p) => ({
      name: p.name,
      aliases: p.aliases ?? [],
      role: p.role ?? null,
      country: p.country ?? null,
      role_inferred: p.role ? false : undefined,
      country_inferred: p.country ? !p.countryWord : undefined,
      role_evidence: p.role ? at(t, p.role) : null,
      country_evidence: p.countryWord ? at(t, p.countryWord) : null,
      mentions: [at(t, p.name)],
    })),
    organizations: [],
    places: [],
    events: (a.events ?? []).map(([type, s, g, ev]) => ({
      type: type as ArticleRecord["events"][number]["type"],
      source: { person: s, actor: null },
      target: { person: g, actor: null },
      date: a.published,
      evidence: ev,
      span: at(t, ev),
      rule: "test",
      realis: "asserted" as const,
    })),
    figures: [],
    quotes: (a.quotes ?? []).map(([speaker, q]) => ({ speaker, direct: true, text: q, span: at(t, q), rule: "test" })),
  };
}

export function input(a: A): SaveArticleInput {
  return { record: record(a), text: a.text, origin: `${a.id}.txt`, story: null };
}

export const SUDAN_1: A = {
  id: "sudan-1",
  published: "2023-05-02",
  text: "Sudanese army chief Abdel Fattah al-Burhan met UN envoy Volker Perthes in Port Sudan. Burhan said the talks were useful.",
  persons: [
    { name: "Abdel Fattah al-Burhan", aliases: ["Burhan"], role: "army chief", country: "SDN", countryWord: "Sudanese" },
    { name: "Volker Perthes", aliases: ["Perthes"], role: "UN envoy", country: "UN", countryWord: "UN" },
  ],
  events: [["CONSULT", "Abdel Fattah al-Burhan", "Volker Perthes", "Abdel Fattah al-Burhan met UN envoy Volker Perthes"]],
  quotes: [["Burhan", "the talks were useful"]],
};

/** The same envoy without diacritics, months later, then with a new role. */
export const SUDAN_2: A = {
  id: "sudan-2",
  published: "2023-06-20",
  text: "Perthes, the UN special representative, warned of famine. Abdel-Fattah Burhan did not reply.",
  persons: [
    { name: "Perthes", role: "UN special representative", country: "UN", countryWord: "UN" },
    { name: "Abdel-Fattah Burhan", aliases: ["Burhan"] },
  ],
};

export const UKRAINE_1: A = {
  id: "ua-1",
  published: "2021-11-03",
  text: "Ukrainian Defence Minister Oleksii Reznikov met Polish officials in Warsaw.",
  persons: [{ name: "Oleksii Reznikov", aliases: ["Reznikov"], role: "Defence Minister", country: "UKR", countryWord: "Ukrainian" }],
};

export const UKRAINE_2: A = {
  id: "ua-2",
  published: "2021-11-20",
  text: "Oleksiy Reznikov, Ukraine's defence chief, spoke to reporters.",
  persons: [{ name: "Oleksiy Reznikov", aliases: ["Reznikov"], role: "defence chief", country: "UKR", countryWord: "Ukraine" }],
};

/** A year later: a new role (roles over time). */
export const UKRAINE_3: A = {
  id: "ua-3",
  published: "2023-09-10",
  text: "Former defence minister Oleksii Reznikov was named ambassador to London.",
  persons: [{ name: "Oleksii Reznikov", role: "ambassador", country: "UKR" }],
};

/** Two different people sharing a surname: a president and a prime minister of another country. */
export const SHARED_SURNAME: A = {
  id: "shared-surname",
  published: "2021-11-25",
  text: "Kenyan President Uhuru Kenyatta spoke with Ethiopian Prime Minister Abiy Ahmed. Ahmed Shide, Ethiopia's finance minister, joined.",
  persons: [
    { name: "Uhuru Kenyatta", aliases: ["Kenyatta"], role: "President", country: "KEN", countryWord: "Kenyan" },
    { name: "Abiy Ahmed", aliases: ["Abiy"], role: "Prime Minister", country: "ETH", countryWord: "Ethiopian" },
    { name: "Ahmed Shide", aliases: ["Shide"], role: "finance minister", country: "ETH", countryWord: "Ethiopia" },
  ],
};

export const SHARED_SURNAME_2: A = {
  id: "shared-surname-2",
  published: "2021-12-01",
  text: "Somali official Mohamed Ahmed said Kenyatta had called. Fatuma Kenyatta, a Kenyan activist, disagreed.",
  persons: [
    { name: "Mohamed Ahmed", aliases: ["Ahmed"], role: "official", country: "SOM", countryWord: "Somali" },
    { name: "Kenyatta" },
    { name: "Fatuma Kenyatta", role: "activist", country: "KEN", countryWord: "Kenyan" },
  ],
  events: [["CONSULT", "Kenyatta", "Mohamed Ahmed", "Kenyatta had called"]],
};
