// A small client for the public API, used the way a partner would: the dev API key, JSON bodies, keyset
// pagination. Every loop here is bounded (page caps, attempt caps).
export const DEV_KEY = "kyc_test_devkey_0000000000000000000000000000";
const MAX_PAGES = 2_000; // 200,000 rows: far above any run, stops a runaway cursor

export class Api {
	constructor(base, key = DEV_KEY) {
		this.base = base;
		this.headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
	}

	async call(method, path, body, extraHeaders = {}) {
		const res = await fetch(`${this.base}${path}`, {
			method,
			headers: { ...this.headers, ...extraHeaders },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
	}

	async must(method, path, body) {
		const res = await this.call(method, path, body);
		if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
		return res.body;
	}

	submit(body) {
		return this.call("POST", "/api/verifications/", body);
	}

	retry(id, corrections) {
		return this.call("POST", `/api/verifications/${id}/retry/`, corrections);
	}

	/** Registers the receiver as a webhook endpoint; returns `{id, secret}` (the secret is shown only here). */
	registerEndpoint(url) {
		return this.must("POST", "/api/webhook-endpoints/", { url, description: "npm run bench receiver" });
	}

	/** Re-sends every not-yet-succeeded delivery since `since` (ISO); returns `{recovered, has_more}`. */
	recover(endpointId, since) {
		return this.must("POST", `/api/webhook-endpoints/${endpointId}/recover/`, { since });
	}

	/** Every item of a list route, following `next_cursor`. */
	async listAll(path, query = {}) {
		const out = [];
		let cursor;
		for (let page = 0; page < MAX_PAGES; page++) {
			const q = new URLSearchParams({ limit: "100", ...query, ...(cursor ? { starting_after: cursor } : {}) });
			const body = await this.must("GET", `${path}?${q}`);
			out.push(...body.data);
			if (!body.has_more) return out;
			cursor = body.next_cursor;
		}
		throw new Error(`${path}: more than ${MAX_PAGES} pages`);
	}
}

/** Runs `task(item)` over `items` with at most `limit` in flight; returns results in order. */
export async function pool(items, limit, task) {
	const results = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await task(items[i], i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
