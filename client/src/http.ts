import { KycApiError, KycConnectionError, KycError } from "./errors.js";
import { type Problem, type ProblemCode } from "./types.js";

/** What `fetch` the client needs; the platform's `fetch`, a Worker's `env.SERVICE.fetch` or a test's fake all fit. */
export type FetchLike = (input: string, init: FetchInit) => Promise<ResponseLike> | ResponseLike;

/**
 * The init object the client passes to `fetch`: a valid `RequestInit` on every platform. `signal` is the
 * platform's own `AbortSignal` (the one global type this package's declarations name), so any real `fetch` fits.
 */
export interface FetchInit {
	method: string;
	headers: Record<string, string>;
	body?: string;
	signal: AbortSignal;
}

/** The parts of a `Response` the client reads. */
export interface ResponseLike {
	readonly status: number;
	readonly headers: {
		get(name: string): string | null;
		forEach(callback: (value: string, name: string) => void): void;
	};
	text(): Promise<string>;
}

/** The parts of an `AbortSignal` the client reads. */
export interface AbortSignalLike {
	readonly aborted: boolean;
	readonly reason?: unknown;
	addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
	removeEventListener(type: "abort", listener: () => void): void;
}

export interface ClientOptions {
	/** `kyc_test_…` (sandbox, test helpers) or `kyc_live_…`. Sent as `Authorization: Bearer`. */
	apiKey: string;
	/** Where the API is served, e.g. `https://kyc.example` or `http://127.0.0.1:8787` (paths are added under it). */
	baseUrl: string;
	/** Defaults to the global `fetch`. */
	fetch?: FetchLike;
	/** Retries after the first attempt (429, 5xx, network errors, timeouts; see README). Default 2. */
	maxRetries?: number;
	/** Per attempt. Default 30 000 ms. */
	timeoutMs?: number;
	/** First backoff step; doubles per retry, with jitter. Default 500 ms. */
	retryBaseDelayMs?: number;
	/** Longest wait between attempts; a `Retry-After` beyond it is not waited for (the error is thrown). Default 60 000 ms. */
	retryMaxDelayMs?: number;
	/** Called after every attempt that got an HTTP answer (also the ones that are retried). */
	onResponse?: (event: ResponseEvent) => void;
}

/** Per-call options, on every method. */
export interface RequestOptions {
	signal?: AbortSignalLike;
	timeoutMs?: number;
	maxRetries?: number;
}

/** One HTTP attempt's outcome, for logging (`onResponse`). */
export interface ResponseEvent {
	method: string;
	url: string;
	status: number;
	/** 1 for the first attempt. */
	attempt: number;
	requestId: string | null;
	/** Milliseconds from sending to the answer's body. */
	durationMs: number;
	/** Whether another attempt follows. */
	willRetry: boolean;
}

/** What the client learnt from the HTTP answer behind a returned object (see `responseOf`). */
export interface ResponseMeta {
	status: number;
	/** Lower-case names. */
	headers: Record<string, string>;
	requestId: string | null;
	/** How many attempts it took (1 = no retry). */
	attempts: number;
}

const meta = new WeakMap<object, ResponseMeta>();

/**
 * The HTTP answer behind an object a client method returned: status, headers (e.g. `idempotent-replayed`,
 * `duplicate-of-active`), request id, attempts. Undefined for objects the client did not return.
 */
export function responseOf(value: object): ResponseMeta | undefined {
	return meta.get(value);
}

export interface Call {
	method: "GET" | "POST" | "PATCH" | "DELETE";
	path: string;
	query?: object;
	body?: unknown;
	headers?: Record<string, string>;
	/**
	 * Whether repeating the request is harmless, so that 5xx answers, network errors and timeouts may be retried.
	 * 429 is always retried: the rate limit answers before the request is handled.
	 */
	idempotent: boolean;
	options?: RequestOptions;
}

const DEFAULTS = { maxRetries: 2, timeoutMs: 30_000, retryBaseDelayMs: 500, retryMaxDelayMs: 60_000 } as const;

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
	if (value === null) return null;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text);
	const at = Date.parse(text);
	if (Number.isNaN(at)) return null;
	return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Exponential backoff with equal jitter: half the step fixed, half random, capped. */
export function backoffDelay(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
	const step = Math.min(maxMs, baseMs * 2 ** retry);
	return Math.round(step / 2 + random() * (step / 2));
}

function sleep(ms: number, signal?: AbortSignalLike): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason);
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal?.reason);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener("abort", onAbort);
			resolve();
		}, ms);
		signal?.addEventListener("abort", onAbort, { once: true });
	});
}

function queryString(query: object | undefined): string {
	if (!query) return "";
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === null) continue;
		params.append(key, String(value));
	}
	const text = params.toString();
	return text ? `?${text}` : "";
}

const FALLBACK_CODE: Record<number, ProblemCode> = {
	400: "bad_request",
	401: "unauthorized",
	404: "not_found",
	409: "invalid_state",
	413: "payload_too_large",
	415: "unsupported_media_type",
	422: "validation_failed",
	429: "rate_limited",
	503: "service_unavailable",
};

/** The problem in an error answer; a body that is not one (a proxy's HTML, say) becomes one by status. */
function toProblem(status: number, text: string, requestId: string | null): Problem {
	try {
		const body: unknown = JSON.parse(text);
		if (body && typeof body === "object" && typeof (body as Problem).code === "string") return body as Problem;
	} catch {}
	return {
		type: "about:blank",
		title: `HTTP ${status}`,
		status,
		code: FALLBACK_CODE[status] ?? (status >= 500 ? "internal_error" : "bad_request"),
		detail: text.slice(0, 500) || `HTTP ${status} with no problem body.`,
		request_id: requestId ?? "",
	};
}

function headersOf(res: ResponseLike): Record<string, string> {
	const out: Record<string, string> = {};
	res.headers.forEach((value, name) => {
		out[name.toLowerCase()] = value;
	});
	return out;
}

/** Whether the caller's own signal ended the call (never retried), as opposed to our timeout or the network. */
const callerAborted = (signal: AbortSignalLike | undefined) => signal?.aborted === true;

/** The transport: auth, JSON, timeouts, retries with backoff, problems as `KycApiError`. */
export class Transport {
	private readonly base: string;
	private readonly fetchImpl: FetchLike;
	private readonly settings: Required<Omit<ClientOptions, "fetch" | "onResponse" | "apiKey" | "baseUrl">>;

	constructor(private readonly options: ClientOptions) {
		if (!options.apiKey) throw new TypeError("createClient: apiKey is required");
		if (!options.baseUrl) throw new TypeError("createClient: baseUrl is required");
		this.base = options.baseUrl.replace(/\/+$/, "");
		const globalFetch = (globalThis as unknown as { fetch?: FetchLike }).fetch;
		// Bound, so a platform fetch is not called with the client as `this` (an "Illegal invocation" in browsers).
		const chosen =
			options.fetch ?? (globalFetch ? (input: string, init: FetchInit) => globalFetch(input, init) : undefined);
		if (!chosen) throw new TypeError("createClient: no global fetch; pass options.fetch");
		this.fetchImpl = chosen;
		this.settings = {
			maxRetries: options.maxRetries ?? DEFAULTS.maxRetries,
			timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
			retryBaseDelayMs: options.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs,
			retryMaxDelayMs: options.retryMaxDelayMs ?? DEFAULTS.retryMaxDelayMs,
		};
	}

	async request<T>(call: Call): Promise<T> {
		const url = `${this.base}${call.path}${queryString(call.query)}`;
		const headers: Record<string, string> = {
			accept: "application/json",
			authorization: `Bearer ${this.options.apiKey}`,
			...call.headers,
		};
		let body: string | undefined;
		if (call.body !== undefined) {
			body = JSON.stringify(call.body);
			headers["content-type"] = "application/json";
		}
		const maxRetries = Math.max(0, call.options?.maxRetries ?? this.settings.maxRetries);
		const timeoutMs = call.options?.timeoutMs ?? this.settings.timeoutMs;
		const signal = call.options?.signal;

		for (let attempt = 1; ; attempt++) {
			const canRetry = attempt <= maxRetries;
			const started = Date.now();
			let res: ResponseLike;
			let text: string;
			const timeout = new AbortController();
			const onCallerAbort = () => timeout.abort(signal?.reason);
			if (signal?.aborted) throw signal.reason;
			signal?.addEventListener("abort", onCallerAbort, { once: true });
			let timedOut = false;
			const timer = setTimeout(() => {
				timedOut = true;
				timeout.abort(new DOMException("The request timed out.", "TimeoutError"));
			}, timeoutMs);
			try {
				res = await this.fetchImpl(url, { method: call.method, headers, body, signal: timeout.signal });
				text = await res.text();
			} catch (error) {
				if (callerAborted(signal)) throw signal?.reason ?? error;
				const failure = new KycConnectionError(
					timedOut
						? `${call.method} ${call.path}: no answer within ${timeoutMs} ms`
						: `${call.method} ${call.path}: ${error instanceof Error ? error.message : String(error)}`,
					{ cause: error, timedOut },
				);
				if (!(call.idempotent && canRetry)) throw failure;
				const { retryBaseDelayMs, retryMaxDelayMs } = this.settings;
				await sleep(backoffDelay(attempt - 1, retryBaseDelayMs, retryMaxDelayMs), signal);
				continue;
			} finally {
				clearTimeout(timer);
				signal?.removeEventListener("abort", onCallerAbort);
			}

			const requestId = res.headers.get("request-id");
			const retryAfter = parseRetryAfter(res.headers.get("retry-after"));
			const retryable = res.status === 429 || (res.status >= 500 && call.idempotent);
			const waitMs = retryable && canRetry ? this.delay(attempt - 1, retryAfter) : null;
			const willRetry = waitMs !== null;
			this.options.onResponse?.({
				method: call.method,
				url,
				status: res.status,
				attempt,
				requestId,
				durationMs: Date.now() - started,
				willRetry,
			});
			if (res.status >= 200 && res.status < 300) {
				let data: T;
				try {
					data = (text ? JSON.parse(text) : {}) as T;
				} catch {
					throw new KycError(`${call.method} ${call.path}: HTTP ${res.status} with a body that is not JSON`);
				}
				if (data && typeof data === "object") {
					meta.set(data, { status: res.status, headers: headersOf(res), requestId, attempts: attempt });
				}
				return data;
			}
			if (waitMs === null)
				throw new KycApiError(res.status, toProblem(res.status, text, requestId), requestId, retryAfter);
			await sleep(waitMs, signal);
		}
	}

	/**
	 * Milliseconds before the next attempt, or null when a `Retry-After` asks for longer than `retryMaxDelayMs`
	 * (then the error is thrown rather than waited on). Without `Retry-After`, exponential backoff with jitter.
	 */
	private delay(retry: number, retryAfterSeconds: number | null): number | null {
		const { retryBaseDelayMs, retryMaxDelayMs } = this.settings;
		if (retryAfterSeconds !== null) {
			const ms = retryAfterSeconds * 1000;
			return ms > retryMaxDelayMs ? null : ms;
		}
		return backoffDelay(retry, retryBaseDelayMs, retryMaxDelayMs);
	}
}
