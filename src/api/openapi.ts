/**
 * The OpenAPI 3.1 description of the API, generated from the zod schemas of ./schemas.ts (the
 * same objects the routes validate with), served at /api/openapi.json.
 */
import { z } from "zod";
import {
  ArticlesQuery, ErrorBody, EventsQuery, FigureSeriesQuery, FiguresQuery, NetworkQuery, NewArticleBody, PersonsQuery,
  PlacesQuery, QuotesQuery, SearchQuery, StoriesQuery,
} from "./schemas.js";

type Params = Array<{ name: string; in: "query" | "path"; required: boolean; description?: string; schema: unknown }>;

function queryParams(schema: z.ZodObject): Params {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, { description?: string } & Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name, in: "query", required: (json.required ?? []).includes(name) && !("default" in s), description: s.description, schema: s,
  }));
}

const pathParam = (name: string, description: string): Params[number] => ({ name, in: "path", required: true, description, schema: { type: "string" } });

const ok = (description: string) => ({ "200": { description, content: { "application/json": { schema: { type: "object" } } } } });
const errors = {
  "400": { description: "bad input", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
  "404": { description: "not found", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
};

function get(summary: string, params: Params, description = summary) {
  return { get: { summary, parameters: params, responses: { ...ok(description), ...errors } } };
}

let cached: unknown = null;

export function openApiDocument(): unknown {
  if (cached) return cached;
  cached = {
    openapi: "3.1.0",
    info: {
      title: "eventwire API",
      version: "0.1.0",
      description: "News articles turned into sourced, structured data. Every extracted item carries a span {start, end, text} into its article's text (end exclusive).",
    },
    paths: {
      "/api/health": get("Store counts and whether writes are on", []),
      "/api/articles": {
        ...get("Articles, newest first", queryParams(ArticlesQuery)),
        post: {
          summary: "Add articles (runs the ingest pipeline). Off unless the server runs with --allow-writes (403).",
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: z.toJSONSchema(NewArticleBody, { io: "input" }) },
              "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] } },
              "text/html": { schema: { type: "string" } },
              "application/rss+xml": { schema: { type: "string" } },
              "application/atom+xml": { schema: { type: "string" } },
              "text/plain": { schema: { type: "string" } },
            },
          },
          responses: {
            "201": { description: "stored (or already there): counts, article ids, per-input errors" },
            "400": errors["400"],
            "403": { description: "writes are off" },
            "413": { description: "body too large" },
            "415": { description: "unsupported content type" },
            "422": { description: "nothing readable in the input" },
          },
        },
      },
      "/api/articles/{id}": get("One article: its text and every extraction with spans", [pathParam("id", "article id")]),
      "/api/stories": get("Stories, newest first, with sources count and key actors", queryParams(StoriesQuery)),
      "/api/stories/{id}": get("A story: timeline of events (each with sources), figures, quotes, persons, articles", [pathParam("id", "story id")]),
      "/api/events": get("Events (PLOVER), newest first", queryParams(EventsQuery)),
      "/api/persons": get("Persons, most mentioned first", queryParams(PersonsQuery)),
      "/api/persons/{name}": get("A person: roles over time, appearances, events, quotes", [pathParam("name", "full name, alias or surname")]),
      "/api/figures": get("Figures (counts of killed, displaced, …)", queryParams(FiguresQuery)),
      "/api/figures/series": get("Figures per quantity over time, each point with its source; contradictions marked", queryParams(FigureSeriesQuery)),
      "/api/quotes": get("Quotes, direct and reported", queryParams(QuotesQuery)),
      "/api/network": get("Who engaged with whom: actor nodes and edges weighted by event count", queryParams(NetworkQuery)),
      "/api/places": get("Places with coordinates, their articles and the events located at them", queryParams(PlacesQuery)),
      "/api/search": get("Full-text search over articles, and persons by name", queryParams(SearchQuery)),
      "/api/openapi.json": get("This document", []),
      "/api/actor-names": get("Display names of actor codes (ISO3 countries, international bodies)", []),
    },
    components: { schemas: { Error: z.toJSONSchema(ErrorBody) } },
  };
  return cached;
}
