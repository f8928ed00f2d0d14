import { z } from "@hono/zod-openapi";

/** The closed set of error codes partners can program against, with their HTTP status and title. */
export const ERROR_CODES = {
	bad_request: { status: 400, title: "Bad request" },
	invalid_json: { status: 400, title: "Malformed JSON body" },
	unauthorized: { status: 401, title: "Missing or invalid credentials" },
	forbidden: { status: 403, title: "Forbidden" },
	not_found: { status: 404, title: "Not found" },
	method_not_allowed: { status: 405, title: "Method not allowed" },
	invalid_state: { status: 409, title: "Illegal state transition" },
	idempotency_conflict: { status: 409, title: "Idempotent request still in progress" },
	limit_exceeded: { status: 409, title: "Limit exceeded" },
	payload_too_large: { status: 413, title: "Request body too large" },
	unsupported_media_type: { status: 415, title: "Unsupported media type" },
	validation_failed: { status: 422, title: "Validation failed" },
	url_not_allowed: { status: 422, title: "Webhook URL not allowed" },
	idempotency_key_reused: { status: 422, title: "Idempotency key reused with a different body" },
	rate_limited: { status: 429, title: "Too many requests" },
	internal_error: { status: 500, title: "Internal error" },
	service_unavailable: { status: 503, title: "Service unavailable" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
	field: string;
	code: string;
	message: string;
}

/** The one error type the HTTP layer throws; `onError` turns it into problem+json. */
export class ApiError extends Error {
	readonly code: ErrorCode;
	readonly status: number;
	readonly errors: FieldError[] | undefined;
	readonly extra: Record<string, unknown> | undefined;
	readonly headers: Record<string, string> | undefined;

	constructor(
		code: ErrorCode,
		message: string,
		opts: { errors?: FieldError[]; extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
	) {
		super(message);
		this.name = "ApiError";
		this.code = code;
		this.status = ERROR_CODES[code].status;
		this.errors = opts.errors;
		this.extra = opts.extra;
		this.headers = opts.headers;
	}
}

/** Errors that cross the Durable Object RPC boundary as plain data (classes do not survive it). */
export interface DomainError {
	code: ErrorCode;
	message: string;
	extra?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, extra?: Record<string, unknown>): Result<T> => ({
	ok: false,
	error: { code, message, ...(extra ? { extra } : {}) },
});

/** Unwraps an RPC result in the HTTP layer, throwing the matching ApiError. */
export function unwrap<T>(result: Result<T>): T {
	if (result.ok) return result.value;
	throw new ApiError(result.error.code, result.error.message, { extra: result.error.extra });
}

export const ProblemSchema = z
	.object({
		type: z.string().openapi({ example: "https://docs.kyc.example/errors/validation_failed" }),
		title: z.string().openapi({ example: "Validation failed" }),
		status: z.number().int().openapi({ example: 422 }),
		code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
		detail: z.string().openapi({ example: "date_of_birth: must not be in the future" }),
		request_id: z.string().openapi({ example: "req_01JD2X4R8B7Q0V3C5N6M9K1H2G" }),
		errors: z
			.array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
			.optional()
			.openapi({ description: "Per-field validation errors." }),
	})
	.passthrough()
	.openapi("Problem");

const problem = (description: string) => ({
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
	429: problem("Rate limited; see `Retry-After`."),
	500: problem("Unexpected error; nothing internal is disclosed."),
	503: problem("A dependency is unavailable or not configured; try again later."),
} as const;

export const conflictResponse = { 409: problem("The request conflicts with the resource's current state.") } as const;
