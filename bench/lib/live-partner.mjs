// @ts-check
// A live-mode partner for the failover runs: a client with a live key (created through the operator API with the
// development admin token, as docs/deploying.md issues one), its own signed-webhook receiver and endpoint (an
// endpoint receives only its own mode's events, so the bench's test-mode receiver never sees these), and the
// timeline and provider-status reads the failover checks need.
import { Api } from "./api.mjs";
import { Receiver } from "./receiver.mjs";

/**
 * @import { RegisteredEndpoint } from "./api.mjs"
 */

/**
 * A timeline entry as GET /api/verifications/{id}/events/ shows it (the parts read here).
 * @typedef {object} TimelineEntry
 * @property {string} type
 * @property {string} created_at
 * @property {boolean} status_change
 * @property {{ provider?: string, answer?: string, duration_ms?: number, last_error?: { code: string } | null }} data
 *
 * One provider of GET /api/provider-status.
 * @typedef {{ name: string, status: string, success_rate: number | null, reason: string | null, last_changed_at: string | null }} ProviderStatus
 */

/** development.env leaves ADMIN_TOKEN unset, so the worker takes this development-only default (src/config.ts). */
const DEV_ADMIN_TOKEN = "dev_admin_token_do_not_use_in_production";

export class LivePartner {
	/**
	 * @param {Api} api the live key's client
	 * @param {Receiver} receiver
	 * @param {RegisteredEndpoint} endpoint
	 */
	constructor(api, receiver, endpoint) {
		this.api = api;
		this.receiver = receiver;
		this.endpoint = endpoint;
	}

	/**
	 * A new client with a live key, its receiver started and registered.
	 * @param {string} base the runtime's URL
	 * @param {string} name
	 */
	static async create(base, name) {
		const admin = new Api(base, DEV_ADMIN_TOKEN);
		/** @type {{ api_key: { key: string } }} */
		const client = await admin.must("POST", "/admin/clients/", { name, mode: "live" });
		const api = new Api(base, client.api_key.key);
		const receiver = new Receiver();
		await receiver.start();
		const endpoint = await api.registerEndpoint(receiver.url);
		receiver.setSecret(endpoint.secret);
		return new LivePartner(api, receiver, endpoint);
	}

	/**
	 * The verification's whole timeline, oldest first (a handful of entries).
	 * @param {string} id
	 * @returns {Promise<TimelineEntry[]>}
	 */
	async timeline(id) {
		/** @type {{ data: TimelineEntry[] }} */
		const page = await this.api.must("GET", `/api/verifications/${id}/events/?limit=100`);
		return page.data;
	}

	/** @returns {Promise<ProviderStatus[]>} live mode's providers, in order */
	async providerStatus() {
		/** @type {{ data: ProviderStatus[] }} */
		const body = await this.api.must("GET", "/api/provider-status");
		return body.data;
	}

	stop() {
		return this.receiver.stop();
	}
}
