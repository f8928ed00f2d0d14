// @ts-check
// A small client for the public API, used the way a partner would: the dev API key, JSON bodies, keyset
// pagination. Every loop here is bounded (page caps, attempt caps).

/**
 * The parts of the API's JSON the bench reads (the full shapes are in the OpenAPI document, /openapi.json).
 * @typedef {object} VerificationView
 * @property {string} id
 * @property {string} status
 * @property {number} version
 * @property {{ code?: string, retryable?: boolean } | null} [last_error]
 *
 * @typedef {object} EventView
 * @property {string} id
 * @property {string} verification_id (null for an operational event: it is about an endpoint)
 * @property {number} version (null for an operational event)
 * @property {boolean} status_change
 *
 * @typedef {{ id: string, secret: string }} RegisteredEndpoint
 * @typedef {{ recovered: number, has_more: boolean }} RecoverResult
 *
 * @typedef {object} Page
 * @property {unknown[]} data
 * @property {boolean} has_more
 * @property {string} [next_cursor]
 *
 * What each list route the bench follows returns, item by item.
 * @typedef {{ "/api/events/": EventView, "/api/verifications/": VerificationView }} ListRoutes
 */

/**
 * An HTTP answer with its parsed JSON body, typed as the route's success body (`T`): check `status` first.
 * @template [T=unknown]
 * @typedef {{ status: number, headers: Headers, body: T }} ApiResponse
 */

export const DEV_KEY = "kyc_test_devkey_0000000000000000000000000000";
const MAX_PAGES = 2_000; // 200,000 rows: far above any run, stops a runaway cursor

export class Api {
	/**
	 * @param {string} base
	 * @param {string} [key]
	 */
	constructor(base, key = DEV_KEY) {
		this.base = base;
		/** @type {Record<string, string>} */
		this.headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
	}

	/**
	 * @template [T=unknown]
	 * @param {string} method
	 * @param {string} path
	 * @param {unknown} [body] sent as JSON
	 * @param {Record<string, string>} [extraHeaders]
	 * @returns {Promise<ApiResponse<T>>}
	 */
	async call(method, path, body, extraHeaders = {}) {
		const res = await fetch(`${this.base}${path}`, {
			method,
			headers: { ...this.headers, ...extraHeaders },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
	}

	/**
	 * The body of a 2xx answer; throws on any other.
	 * @template [T=unknown]
	 * @param {string} method
	 * @param {string} path
	 * @param {unknown} [body]
	 * @returns {Promise<T>}
	 */
	async must(method, path, body) {
		/** @type {ApiResponse<T>} */
		const res = await this.call(method, path, body);
		if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
		return res.body;
	}

	/**
	 * @param {unknown} body
	 * @returns {Promise<ApiResponse<VerificationView>>}
	 */
	submit(body) {
		return this.call("POST", "/api/verifications/", body);
	}

	/**
	 * @param {string} id
	 * @param {unknown} corrections
	 * @returns {Promise<ApiResponse<VerificationView>>}
	 */
	retry(id, corrections) {
		return this.call("POST", `/api/verifications/${id}/retry/`, corrections);
	}

	/**
	 * Registers the receiver as a webhook endpoint; returns `{id, secret}` (the secret is shown only here).
	 * @param {string} url
	 * @returns {Promise<RegisteredEndpoint>}
	 */
	registerEndpoint(url) {
		return this.must("POST", "/api/webhook-endpoints/", { url, description: "npm run bench receiver" });
	}

	/**
	 * Re-sends every not-yet-succeeded delivery since `since` (ISO); returns `{recovered, has_more}`.
	 * @param {string} endpointId
	 * @param {string} since
	 * @returns {Promise<RecoverResult>}
	 */
	recover(endpointId, since) {
		return this.must("POST", `/api/webhook-endpoints/${endpointId}/recover/`, { since });
	}

	/**
	 * Every item of a list route, following `next_cursor`.
	 * @template {keyof ListRoutes} P
	 * @param {P} path
	 * @param {Record<string, string>} [query]
	 * @returns {Promise<ListRoutes[P][]>}
	 */
	async listAll(path, query = {}) {
		/** @type {ListRoutes[P][]} */
		const out = [];
		/** @type {string | undefined} */
		let cursor;
		for (let page = 0; page < MAX_PAGES; page++) {
			const q = new URLSearchParams({ limit: "100", ...query, ...(cursor ? { starting_after: cursor } : {}) });
			/** @type {{ data: ListRoutes[P][], has_more: boolean, next_cursor?: string }} */
			const body = await this.must("GET", `${path}?${q}`);
			out.push(...body.data);
			if (!body.has_more) return out;
			cursor = body.next_cursor;
		}
		throw new Error(`${path}: more than ${MAX_PAGES} pages`);
	}
}

/**
 * Runs `task(item)` over `items` with at most `limit` in flight; returns results in order.
 * @template T, R
 * @param {readonly T[]} items
 * @param {number} limit
 * @param {(item: T, index: number) => Promise<R>} task
 * @returns {Promise<R[]>}
 */
export async function pool(items, limit, task) {
	/** @type {R[]} */
	const results = new Array(items.length);
	// One iterator shared by the workers: each takes the next index as it frees up.
	const queue = items.entries();
	const worker = async () => {
		for (const [i, item] of queue) results[i] = await task(item, i);
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

/** @type {(ms: number) => Promise<void>} */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * `e?.cause?.code` of a caught error (fetch puts the socket error's code, e.g. ECONNREFUSED, in `cause`).
 * @param {unknown} e
 * @returns {unknown}
 */
export function causeCode(e) {
	const cause = typeof e === "object" && e !== null && "cause" in e ? e.cause : undefined;
	return typeof cause === "object" && cause !== null && "code" in cause ? cause.code : undefined;
}
