import type { Context } from "hono";
import { ApiError, ERROR_CODES } from "../errors";
import { describeError, log } from "../log";

/** RFC 9457 problem+json for any thrown value. Unknown errors become an opaque 500 and a log line. */
export function problemResponse(err: unknown, c: Context): Response {
	const requestId = (c.get("requestId") as string | undefined) ?? "unknown";
	const e =
		err instanceof ApiError
			? err
			: new ApiError("internal_error", "Something went wrong on our side. Quote the request_id if you contact support.");
	if (!(err instanceof ApiError))
		log("error", "http.unhandled", { request_id: requestId, path: c.req.path, error: describeError(err) });
	const body = {
		type: `https://docs.kyc.example/errors/${e.code}`,
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
		headers: { "content-type": "application/problem+json", "cache-control": "no-store", "request-id": requestId, ...e.headers },
	});
}
