import { retryAfterMs } from "../retry-after";

/**
 * Why a delivery did not succeed (its `error_class`), in words a partner can act on: the closed set the deliveries
 * API and the `webhook_endpoint.failing` event carry, each in the error catalogue (src/http/error-catalogue.ts).
 * `exhausted` and `retries_exhausted` end a delivery without an attempt of their own. Response bodies are never stored.
 */
export const ERROR_CLASSES = [
	"timeout",
	"network_error",
	"redirect",
	"http_error",
	"url_not_allowed",
	"endpoint_disabled",
	"signing_secret_unreadable",
	"retries_exhausted",
	"exhausted",
] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export interface AttemptResult {
	/** `gone` (410) disables the endpoint; `retry` goes down the ladder. */
	outcome: "succeeded" | "retry" | "gone";
	responseStatus: number | null;
	latencyMs: number;
	errorClass: ErrorClass | null;
	error: string | null;
	retryAfterSeconds: number | null;
}

export const ATTEMPT_TIMEOUT_MS = 15_000;
const USER_AGENT = "kyc-webhooks/1 (+https://docs.kyc.example/webhooks)";

/**
 * Maps a thrown fetch error to a class; the abort of `AbortSignal.timeout` surfaces as a TimeoutError. `timeoutMs` is
 * the attempt's own limit (the main lane's is shorter than the slow lane's), so the message states what applied.
 */
export function classifyFetchError(
	e: unknown,
	timeoutMs = ATTEMPT_TIMEOUT_MS,
): { errorClass: ErrorClass; error: string } {
	const name = e instanceof Error || e instanceof DOMException ? e.name : "";
	if (name === "TimeoutError" || name === "AbortError") {
		return { errorClass: "timeout", error: `No response within ${timeoutMs / 1000} s.` };
	}
	return { errorClass: "network_error", error: "The connection failed before a response arrived." };
}

/** Maps a response to an outcome: 2xx succeeds, 3xx is not followed, 410 is gone, the rest is retried. */
export function classifyResponse(res: Response, latencyMs: number, now: number): AttemptResult {
	const base = { responseStatus: res.status, latencyMs, retryAfterSeconds: null };
	if (res.status >= 200 && res.status < 300) return { ...base, outcome: "succeeded", errorClass: null, error: null };
	if (res.status >= 300 && res.status < 400) {
		return {
			...base,
			outcome: "retry",
			errorClass: "redirect",
			error: `HTTP ${res.status}: redirects are not followed.`,
		};
	}
	if (res.status === 410)
		return { ...base, outcome: "gone", errorClass: "http_error", error: "HTTP 410: endpoint gone." };
	const honoured = res.status === 429 || res.status === 503;
	return {
		...base,
		outcome: "retry",
		errorClass: "http_error",
		error: `HTTP ${res.status}.`,
		retryAfterSeconds: honoured ? secondsOf(retryAfterMs(res.headers.get("retry-after"), now)) : null,
	};
}

/**
 * One signed POST. Redirects are returned, not followed (a redirect could point anywhere the guard would
 * refuse); the body is drained and dropped so a large answer cannot hold the connection or leak into storage.
 */
export async function postWebhook(
	url: string,
	body: string,
	headers: Record<string, string>,
	timeoutMs = ATTEMPT_TIMEOUT_MS,
): Promise<AttemptResult> {
	const started = Date.now();
	try {
		const res = await fetch(url, {
			method: "POST",
			body,
			redirect: "manual",
			signal: AbortSignal.timeout(timeoutMs),
			headers: { "content-type": "application/json", "user-agent": USER_AGENT, ...headers },
		});
		await res.body?.cancel();
		return classifyResponse(res, Date.now() - started, Date.now());
	} catch (e) {
		return {
			outcome: "retry",
			responseStatus: null,
			latencyMs: Date.now() - started,
			retryAfterSeconds: null,
			...classifyFetchError(e, timeoutMs),
		};
	}
}

/** Whole seconds (rounded up), as the queue's retry delay takes them. */
const secondsOf = (ms: number | null) => (ms === null ? null : Math.ceil(ms / 1000));
