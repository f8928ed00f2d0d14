import { type FieldError, type Problem, type ProblemCode } from "./types.js";

/** Base class of every error this package throws. */
export class KycError extends Error {
	override name = "KycError";
}

/**
 * The API answered with an error (an RFC 9457 problem). `code` is the closed code list of the document's Problem
 * schema; `problem` is the body as received (a non-problem body, e.g. from a proxy, gives `internal_error` or
 * `service_unavailable` by status, with the text in `detail`).
 */
export class KycApiError extends KycError {
	override name = "KycApiError";
	readonly status: number;
	readonly code: ProblemCode;
	readonly title: string;
	readonly detail: string;
	/** The server's request id (`request_id`, also the `Request-Id` header): quote it to support. */
	readonly requestId: string | null;
	/** Per-field errors of a `validation_failed` problem; empty otherwise. */
	readonly errors: FieldError[];
	/** Seconds the server asked to wait (`Retry-After`), when it said. */
	readonly retryAfterSeconds: number | null;
	readonly problem: Problem;

	constructor(status: number, problem: Problem, requestId: string | null, retryAfterSeconds: number | null = null) {
		super(`${status} ${problem.code}: ${problem.detail}`);
		this.status = status;
		this.code = problem.code;
		this.title = problem.title;
		this.detail = problem.detail;
		this.requestId = problem.request_id || requestId;
		this.errors = Array.isArray(problem.errors) ? problem.errors : [];
		this.retryAfterSeconds = retryAfterSeconds;
		this.problem = problem;
	}

	/** The field errors for one field (e.g. `"date_of_birth"`, `"event_types.0"`). */
	fieldErrors(field: string): FieldError[] {
		return this.errors.filter((e) => e.field === field);
	}
}

/** No HTTP answer: the network failed, or the attempt timed out (`timedOut`). `cause` holds the underlying error. */
export class KycConnectionError extends KycError {
	override name = "KycConnectionError";
	readonly timedOut: boolean;
	override readonly cause: unknown;

	constructor(message: string, options: { cause?: unknown; timedOut?: boolean } = {}) {
		super(message);
		this.cause = options.cause;
		this.timedOut = options.timedOut ?? false;
	}
}

/** A webhook request that must not be trusted: missing headers, bad signature, or a timestamp out of tolerance. */
export class WebhookVerificationError extends KycError {
	override name = "WebhookVerificationError";
	readonly reason:
		| "missing_headers"
		| "invalid_secret"
		| "invalid_timestamp"
		| "timestamp_too_old"
		| "timestamp_too_new"
		| "no_matching_signature"
		| "invalid_body";

	constructor(reason: WebhookVerificationError["reason"], message: string) {
		super(message);
		this.reason = reason;
	}
}
