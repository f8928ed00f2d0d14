/** What came back from one HTTP exchange, with transport failures as values instead of exceptions. */
export type Exchange =
	/** `oversized`: the body passed MAX_RESPONSE_BYTES and was not read further (`text` is then empty). */
	| { kind: "response"; status: number; headers: Headers; text: string; oversized?: true }
	| { kind: "timeout" }
	| { kind: "connection_failed" };

/** `fetch` as the adapter needs it; injectable so unit tests can drive every branch without a network. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

// Looked up at call time, not import time, so test doubles installed later (MSW) are seen.
export const globalFetch: FetchLike = (input, init) => fetch(input, init);

/**
 * POSTs and reads the whole body. An abort (our deadline or the caller's) is a timeout; anything else
 * thrown (reset, refused, DNS, a body cut off mid-stream) is a connection failure.
 */
export async function post(
	fetchFn: FetchLike,
	url: string,
	headers: Record<string, string>,
	body: string,
	signal: AbortSignal,
): Promise<Exchange> {
	try {
		const res = await fetchFn(url, { method: "POST", headers, body, signal, redirect: "manual" });
		const text = await readBounded(res, MAX_RESPONSE_BYTES);
		if (text === null) return { kind: "response", status: res.status, headers: res.headers, text: "", oversized: true };
		return { kind: "response", status: res.status, headers: res.headers, text };
	} catch (e) {
		if (signal.aborted || isAbort(e)) return { kind: "timeout" };
		return { kind: "connection_failed" };
	}
}

/** No provider's passport answer is near this big; a larger body is a fault, and is never held in memory. */
export const MAX_RESPONSE_BYTES = 256 * 1024;

/** The body as text, or null once it passes `max` bytes (the rest is cancelled, not read). */
export async function readBounded(res: Response, max: number): Promise<string | null> {
	if (Number(res.headers.get("content-length") ?? "0") > max) {
		await res.body?.cancel();
		return null;
	}
	if (!res.body) return "";
	const reader = res.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > max) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	const all = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		all.set(c, at);
		at += c.byteLength;
	}
	return new TextDecoder().decode(all);
}

const isAbort = (e: unknown): boolean => e instanceof Error && (e.name === "AbortError" || e.name === "TimeoutError");

/**
 * Waits for a shared promise on behalf of one caller: the caller may give up (its signal aborts) without
 * cancelling the work other callers are still waiting for.
 */
export function untilAborted<T>(shared: Promise<T>, signal: AbortSignal, onAbort: () => T): Promise<T> {
	if (signal.aborted) return Promise.resolve(onAbort());
	return new Promise<T>((resolve, reject) => {
		const abort = () => resolve(onAbort());
		signal.addEventListener("abort", abort, { once: true });
		shared.then(
			(value) => {
				signal.removeEventListener("abort", abort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener("abort", abort);
				reject(error);
			},
		);
	});
}
