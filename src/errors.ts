/**
 * The closed set of error codes partners can program against, with their HTTP status and title. It holds exactly
 * the codes the service produces (test/node/error-codes.test.ts checks both directions).
 */
export const ERROR_CODES = {
	bad_request: { status: 400, title: "Bad request" },
	cursor_not_found: { status: 400, title: "No such cursor" },
	invalid_json: { status: 400, title: "Malformed JSON body" },
	unauthorized: { status: 401, title: "Missing or invalid credentials" },
	not_found: { status: 404, title: "Not found" },
	invalid_state: { status: 409, title: "Illegal state transition" },
	duplicate_verification: { status: 409, title: "Another verification of this person is active" },
	limit_exceeded: { status: 409, title: "Limit exceeded" },
	idempotency_key_in_use: { status: 409, title: "A request with this idempotency key is in progress" },
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

/** A domain error as plain data: what crosses the Durable Object RPC boundary (classes do not survive it). */
export interface DomainErrorData {
	code: ErrorCode;
	message: string;
	/** Per-field problems, for `validation_failed` and the like. */
	errors?: FieldError[];
	/** Extra members for the problem body, e.g. `current_status` of an illegal transition. */
	extra?: Record<string, unknown>;
}

/**
 * The one error of the domain. Domain code returns it as data (`fail`) or throws it; only `http/` maps it to
 * problem+json. It knows nothing of HTTP beyond the status its code implies.
 */
export class DomainError extends Error {
	readonly code: ErrorCode;
	readonly errors: FieldError[] | undefined;
	readonly extra: Record<string, unknown> | undefined;
	/** When sending the request again can succeed, in seconds (HTTP's `Retry-After`). */
	readonly retryAfterSeconds: number | undefined;

	constructor(
		code: ErrorCode,
		message: string,
		opts: { errors?: FieldError[]; extra?: Record<string, unknown>; retryAfterSeconds?: number } = {},
	) {
		super(message);
		this.name = "DomainError";
		this.code = code;
		this.errors = opts.errors;
		this.extra = opts.extra;
		this.retryAfterSeconds = opts.retryAfterSeconds;
	}

	static from(data: DomainErrorData): DomainError {
		return new DomainError(data.code, data.message, data);
	}

	get status(): number {
		return ERROR_CODES[this.code].status;
	}
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const domainError = (
	code: ErrorCode,
	message: string,
	opts: { errors?: FieldError[]; extra?: Record<string, unknown> } = {},
): DomainErrorData => ({
	code,
	message,
	...(opts.errors ? { errors: opts.errors } : {}),
	...(opts.extra ? { extra: opts.extra } : {}),
});

export const fail = <T = never>(
	code: ErrorCode,
	message: string,
	opts: { errors?: FieldError[]; extra?: Record<string, unknown> } = {},
): Result<T> => ({ ok: false, error: domainError(code, message, opts) });

/** Unwraps a result (e.g. from an RPC call), throwing its DomainError. */
export function unwrap<T>(result: Result<T>): T {
	if (result.ok) return result.value;
	throw DomainError.from(result.error);
}
