import { type Context } from "hono";
import { DomainError, ERROR_CODES } from "../errors";
import { describeError, log } from "../log";
import { errorTypeUrl } from "./error-catalogue";

/**
 * RFC 9457 problem+json for any thrown value: the one place a DomainError becomes HTTP. A Durable Object reset under
 * the request is a 503 with `Retry-After`; other unknown errors become an opaque 500 and a log line. `type` is the
 * code's catalogue entry on the request's own origin (`GET /errors/{code}`). `headers` carries what only HTTP knows
 * (a challenge, `Retry-After`).
 */
export function problemResponse(err: unknown, c: Context, headers: Record<string, string> = {}): Response {
	const requestId = (c.get("requestId") as string | undefined) ?? "unknown";
	if (wasReset(err)) {
		log("warn", "http.object_reset", { request_id: requestId, path: c.req.path });
		const retry = new DomainError(
			"service_unavailable",
			"The request was interrupted; send it again (with the same Idempotency-Key).",
		);
		return problemResponse(retry, c, { "retry-after": "1", ...headers });
	}
	const e =
		err instanceof DomainError
			? err
			: new DomainError(
					"internal_error",
					"Something went wrong on our side. Quote the request_id if you contact support.",
				);
	if (!(err instanceof DomainError))
		log("error", "http.unhandled", { request_id: requestId, path: c.req.path, error: describeError(err) });
	const body = {
		type: errorTypeUrl(new URL(c.req.url).origin, e.code),
		title: ERROR_CODES[e.code].title,
		status: e.status,
		code: e.code,
		detail: e.message,
		request_id: requestId,
		...(e.errors ? { errors: e.errors } : {}),
		...e.extra,
	};
	return new Response(JSON.stringify(body), {
		status: e.status,
		headers: {
			"content-type": "application/problem+json",
			"cache-control": "no-store",
			"request-id": requestId,
			...(e.retryAfterSeconds === undefined ? {} : { "retry-after": String(e.retryAfterSeconds) }),
			...headers,
		},
	});
}

/**
 * A Durable Object reset under the request (its isolate died, or it was aborted): not a bug of ours to report as a
 * 500, but an interruption. What it committed stays committed, and every write route is safe to send again.
 */
const wasReset = (err: unknown): boolean =>
	err instanceof Error && (err as Error & { durableObjectReset?: unknown }).durableObjectReset === true;
