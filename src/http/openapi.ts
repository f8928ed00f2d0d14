import { z } from "@hono/zod-openapi";
import { BOOKMARK_PATTERN } from "../db/client";
import { ERROR_CODES, type ErrorCode } from "../errors";
import { CURSOR_PATTERN } from "../ids";
import { STATUSES } from "../verification/types";
import { IDEMPOTENCY_KEY_PATTERN } from "./middleware/idempotency";

/** OpenAPI pieces every router shares: the problem body, error responses, list envelope and paging query. */

/**
 * The partner document's tags, each described for the docs' sidebar and an SDK's grouping. Every operation and webhook
 * carries exactly one of these (test/node/openapi-operations.test.ts holds the routes to it).
 */
export const API_TAGS = [
	{
		name: "Verifications",
		description: "Submit passport details and follow each verification through its states, by polling or webhooks.",
	},
	{ name: "Events", description: "The account's feed of status changes: the polling fallback for webhooks." },
	{
		name: "Provider status",
		description:
			"Whether the passport providers behind your key's mode are answering: status, rolling success rate, reason.",
	},
	{
		name: "Webhook endpoints",
		description: "Where events are sent: register endpoints, rotate their secrets, inspect and re-send deliveries.",
	},
	{
		name: "Webhooks",
		description: "What your endpoint receives: signed Standard Webhooks POSTs, one per status change, plus test pings.",
	},
	{
		name: "Test",
		description: "Test-mode helpers (test keys only; a live key gets 404): test clocks and sample events.",
	},
	{
		name: "Errors",
		description:
			"The error catalogue behind every problem's `type` URI: each code a partner can receive, whether it can succeed later, and what to do.",
	},
	{ name: "Meta", description: "Liveness." },
];

/** The operator document's one tag (`GET /admin/openapi.json`); partners' document never names it. */
export const OPERATOR_TAGS = [
	{
		name: "Admin",
		description:
			"Operator routes (`ADMIN_TOKEN`): clients, their API keys and shards, re-encryption after a key rotation, the cron's state.",
	},
];

/**
 * A regex's `pattern` for the document. zod-to-openapi writes a flagged regex as `^…$/u`, which no JSON Schema tool
 * reads; JSON Schema wants the bare ECMA-262 source (tools match it in Unicode mode). Spread into `.openapi()` of
 * every `.regex()` with flags.
 */
export const patternOf = (re: RegExp) => ({ pattern: re.source });

export const ProblemSchema = z
	.object({
		type: z.string().openapi({
			description:
				"The code's catalogue entry on this API's origin (`GET /errors/{code}`): HTML for people, JSON for tools.",
			example: "https://kyc.example/errors/validation_failed",
		}),
		title: z.string().openapi({ example: "Validation failed" }),
		status: z.number().int().openapi({ example: 422 }),
		code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]).openapi("ProblemCode", {
			description: "Stable: branch on it. Each code's meaning and remedy is at `type`.",
		}),
		detail: z.string().openapi({ example: "date_of_birth: must not be in the future" }),
		request_id: z.string().openapi({ example: "req_01JD2X4R8B7Q0V3C5N6M9K1H2G" }),
		errors: z
			.array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
			.optional()
			.openapi({ description: "Per-field validation errors." }),
		current_status: z
			.enum(STATUSES)
			.optional()
			.openapi({ description: "With `invalid_state`: the status the verification is in." }),
		verification_id: z.string().optional().openapi({
			description: "With `duplicate_verification`: the active verification of the same person.",
			example: "ver_01JD2X4R8B7Q0V3C5N6M9K1H2G",
		}),
	})
	.passthrough()
	.openapi("Problem");

/** A problem+json response entry for `createRoute`, e.g. to say more of one status than `openApiErrorResponses` does. */
export const problem = (description: string) => ({
	description,
	content: { "application/problem+json": { schema: ProblemSchema } },
});

/** Spread into every route's `responses` so the OpenAPI document lists each error it can return. */
export const openApiErrorResponses = {
	400: problem("Malformed request (bad JSON, bad query parameter)."),
	401: problem("Missing, unknown or revoked API key."),
	404: problem("No such resource for this client."),
	413: problem("Request body larger than allowed."),
	415: problem("Body is not application/json."),
	422: problem("Validation failed; see `errors[]`."),
	429: {
		...problem("Rate limited; see `Retry-After`."),
		headers: z.object({
			"Retry-After": z.string().openapi({
				description:
					"Seconds until the window has room again: the key's, or for failed authentications the client address's.",
				example: "10",
			}),
			RateLimit: z
				.string()
				.openapi({ description: "Nothing left (`r=0`) for `t` seconds.", example: '"live";r=0;t=10' }),
			"RateLimit-Policy": z.string().openapi({
				description:
					'The limit: quota `q` per window `w` seconds, the key\'s (also sent on every authenticated answer) or `"auth"`, failed authentications per client address.',
				example: '"live";q=1000;w=10',
			}),
		}),
	},
	500: problem("Unexpected error; nothing internal is disclosed."),
	503: problem("A dependency is unavailable or not configured; try again later."),
} as const;

export const conflictResponse = { 409: problem("The request conflicts with the resource's current state.") } as const;

/**
 * The request header of every state-changing request: the first request with a key runs, the same key and request
 * again replays its answer for a day (with `Idempotent-Replayed: true`), another request with it is a 422.
 */
export const idempotencyHeaders = z.object({
	"idempotency-key": z
		.string()
		.regex(IDEMPOTENCY_KEY_PATTERN)
		.optional()
		.openapi({
			...patternOf(IDEMPOTENCY_KEY_PATTERN),
			description:
				"Makes retrying this request safe: the same key with the same request returns the first answer (`Idempotent-Replayed: true`) for 24 h; with another request it is a 422 `idempotency_key_reused`, and while the first is still running a 409 `idempotency_key_in_use`.",
			example: "signup-8812-1",
		}),
});

/** The response header of an answer replayed for an `Idempotency-Key`. */
export const replayedHeaders = z.object({
	"Idempotent-Replayed": z
		.string()
		.optional()
		.openapi({ description: "`true` when this replays the answer to an earlier request with the same key." }),
});

/**
 * Request headers of every `GET` under `/api`: a conditional GET, and reading one's own writes. Spread with
 * `etagHeaders` on the 200 and `notModifiedResponse`.
 */
export const readHeaders = z.object({
	"if-none-match": z.string().optional().openapi({
		description:
			"The `ETag` of the representation you hold: while it is still current the answer is `304 Not Modified` with no body.",
		example: 'W/"5d41402abc4b2a76b9719d911017c592"',
	}),
	"consistency-bookmark": z
		.string()
		.regex(BOOKMARK_PATTERN)
		.optional()
		.openapi({
			...patternOf(BOOKMARK_PATTERN),
			description:
				"A `Consistency-Bookmark` an earlier answer carried: this read then sees at least everything that request wrote. Without one, reads may come from a nearby read replica a moment behind. Send it back as it came: a value this API did not give (it carries a MAC) is a `400`.",
			example: "00000000-0000000a-00000000-00000000000000000000000000000000.n4bQgYhMfWwLfJZ7nUZ3Cw",
		}),
});

/** The 200's headers of every `GET` under `/api`. */
export const etagHeaders = z.object({
	ETag: z.string().openapi({
		description:
			"Weak validator of this answer (a digest of its body): send it back as `If-None-Match` to get a 304 while nothing changed.",
		example: 'W/"5d41402abc4b2a76b9719d911017c592"',
	}),
});

export const notModifiedResponse = {
	304: { description: "Not modified: the `If-None-Match` tag is still current; no body.", headers: etagHeaders },
} as const;

/** A JSON response entry for `createRoute`. */
export const jsonResponse = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
	description,
	content: { "application/json": { schema } },
});

export const MAX_PAGE_SIZE = 100;

/** Query parameters shared by every list route. */
export const pagination = z.object({
	limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20).openapi({ example: 20 }),
	starting_after: z.string().regex(CURSOR_PATTERN, "Must be a cursor returned by a previous page.").optional(),
});

/** The list envelope's schema, named for the document. */
export const listOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
	z
		.object({
			object: z.literal("list"),
			data: z.array(item),
			has_more: z.boolean(),
			next_cursor: z.string().nullable().openapi({ description: "Pass as `starting_after` for the next page." }),
		})
		.openapi(name);

/** The list envelope every list route returns, from one page of the paging helper. */
export const listBody = <T, U>(
	page: { items: T[]; hasMore: boolean; nextCursor: string | null },
	map: (item: T) => U,
) => ({
	object: "list" as const,
	data: page.items.map(map),
	has_more: page.hasMore,
	next_cursor: page.nextCursor,
});
