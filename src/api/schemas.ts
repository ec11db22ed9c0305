/**
 * The API's input schemas, defined once with zod: the HTTP routes validate query strings and
 * bodies with them, the OpenAPI description is generated from them (z.toJSONSchema), and the CLI
 * can reuse them (they have no HTTP dependency). Query values arrive as strings, so numbers are
 * coerced; every string has a length cap.
 */
import { z } from "zod";
import { PLOVER_TYPES } from "../core/types.js";

export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;
/** largest article text accepted by POST /api/articles, in characters */
export const MAX_TEXT_CHARS = 200_000;
/** largest request body accepted on any route, in bytes */
export const MAX_BODY_BYTES = 2_000_000;

export const IsoDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "an ISO date: YYYY-MM-DD, YYYY-MM or YYYY")
  .describe("ISO date (YYYY-MM-DD, YYYY-MM or YYYY)");

const Name = (what: string) => z.string().trim().min(1).max(200).describe(what);

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE).describe(`page size (1–${MAX_PAGE})`),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe("rows to skip"),
});

export const DateRangeQuery = z.object({
  from: IsoDate.optional().describe("inclusive start date"),
  to: IsoDate.optional().describe("inclusive end date"),
});

const Base = PageQuery.extend(DateRangeQuery.shape);

export const PloverTypeSchema = z.enum(PLOVER_TYPES as unknown as [string, ...string[]]);

export const ArticlesQuery = Base.extend({
  outlet: Name("outlet name").optional(),
  story: Name("story id").optional(),
});

export const PersonsQuery = Base.extend({
  outlet: Name("outlet name").optional(),
  story: Name("story id").optional(),
});

export const EventsQuery = Base.extend({
  type: PloverTypeSchema.optional().describe("PLOVER event type"),
  actor: Name("actor code (ISO3/IGO) or group, on either side").optional(),
  person: Name("person name, on either side").optional(),
  story: Name("story id").optional(),
  article: Name("article id").optional(),
  outlet: Name("outlet name").optional(),
});

export const FiguresQuery = Base.extend({
  category: z.enum(["killed", "injured", "displaced", "aid", "troops", "money", "other"]).optional(),
  what: Name("words of the quantity (\"fled\", \"civilians killed\")").optional(),
  story: Name("story id").optional(),
  article: Name("article id").optional(),
  outlet: Name("outlet name").optional(),
});

export const QuotesQuery = Base.extend({
  speaker: Name("speaker name").optional(),
  story: Name("story id").optional(),
  article: Name("article id").optional(),
  outlet: Name("outlet name").optional(),
});

export const StoriesQuery = Base.extend({
  actor: Name("only stories with this person or actor code").optional(),
  outlet: Name("only stories with an article from this outlet").optional(),
});

export const SearchQuery = PageQuery.extend({
  q: z.string().trim().min(1).max(200).describe("words to find (articles' text and titles, and names)"),
});

/** Comma-separated PLOVER types, e.g. `CONSULT,AGREE`. */
const TypeList = z
  .string()
  .max(400)
  .transform((s, ctx) => {
    const types = s.split(",").map((t) => t.trim().toUpperCase()).filter(Boolean);
    for (const t of types) {
      if (!(PLOVER_TYPES as readonly string[]).includes(t)) {
        ctx.addIssue({ code: "custom", message: `unknown event type "${t}"` });
        return z.NEVER;
      }
    }
    return types;
  })
  .describe("comma-separated PLOVER types");

export const NetworkQuery = DateRangeQuery.extend({
  types: TypeList.optional(),
  story: Name("story id").optional(),
  actor: Name("only edges touching this person or actor code").optional(),
  outlet: Name("outlet name").optional(),
  /** include negated / hypothetical / future events (default: asserted only) */
  all: z.enum(["0", "1", "true", "false"]).optional().describe("1: include events that did not (yet) happen"),
});

export const FigureSeriesQuery = DateRangeQuery.extend({
  story: Name("story id").optional(),
  category: FiguresQuery.shape.category,
});

export const PlacesQuery = DateRangeQuery.extend({
  story: Name("story id").optional(),
});

/** POST /api/articles with a JSON body. */
export const NewArticleBody = z.object({
  text: z.string().min(1).max(MAX_TEXT_CHARS).refine((s) => s.trim() !== "", "text is blank"),
  url: z.string().url().max(2000).optional(),
  date: IsoDate.optional().describe("publication date"),
  title: z.string().trim().min(1).max(500).optional(),
  outlet: z.string().trim().min(1).max(200).optional(),
});
export type NewArticleBody = z.infer<typeof NewArticleBody>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** A zod error as a list of "where: what" issues for a 400 answer. */
export function issuesOf(err: z.ZodError): Array<{ path: string; message: string }> {
  return err.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}
