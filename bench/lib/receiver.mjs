// @ts-check
// The partner's side: a loopback webhook receiver that verifies every request with the npm `standardwebhooks`
// package (as docs/webhooks.md tells partners to), keys what arrives by (verification id, version), counts
// duplicates by webhook-id, and measures status change → received latency. It can be taken down (connections
// refused, like a crashed receiver) and brought back on the same port, or made to answer a status (503) to everything.
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

/**
 * @import { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http"
 * @import { AddressInfo, Socket } from "node:net"
 */

/**
 * The parts of a verified webhook the bench reads (docs/webhooks.md has the full payload). `data` is the
 * verification (id, status, version) for status changes; webhook.test pings carry no version.
 * @typedef {{ id: string, status: string, version: number }} WebhookData
 * @typedef {{ id: string, type: string, timestamp: string, data?: WebhookData | { version?: undefined } }} WebhookEvent
 * @typedef {{ status: string, type: string, eventId: string, firstAt: number, count: number }} Received
 */

/**
 * The request's headers with a single string value (the form the verifier takes). Node joins repeated
 * headers other than set-cookie, so the webhook-* ones are always strings when present.
 * @param {IncomingHttpHeaders} headers
 * @returns {Record<string, string>}
 */
const stringHeaders = (headers) =>
	Object.fromEntries(
		Object.entries(headers).filter(/** @returns {h is [string, string]} */ (h) => typeof h[1] === "string"),
	);

export class Receiver {
	constructor() {
		/** @type {Map<string, Received>} "ver_…#version" → { status, type, eventId, firstAt, count } */
		this.byVersion = new Map();
		/** @type {Map<string | string[] | undefined, number>} webhook-id → deliveries received */
		this.byEventId = new Map();
		/** @type {{ phase: string, ms: number }[]} */
		this.latencies = []; // { phase, ms }
		this.phase = "setup";
		this.rejected = 0;
		/** @type {Set<Socket>} */
		this.sockets = new Set();
		this.lastReceivedAt = 0;
		/** @type {((d: WebhookData, receivedAt: number) => void) | undefined} called once per new (id, version) */
		this.onVersion = undefined;
		/** @type {number | null} while set, every request is answered with this status, unread (an outage) */
		this.failWith = null;
		/** Requests answered `failWith`. */
		this.failed = 0;
	}

	get path() {
		return "/webhooks";
	}

	get url() {
		return `http://127.0.0.1:${this.port}${this.path}`;
	}

	/** @param {string} secret */
	setSecret(secret) {
		this.webhook = new Webhook(secret);
	}

	/**
	 * Starts listening; the first call picks a free port, later calls reuse it.
	 * @returns {Promise<string>}
	 */
	start() {
		const server = createServer((req, res) => this.handle(req, res));
		this.server = server;
		server.on("connection", (s) => {
			this.sockets.add(s);
			s.on("close", () => this.sockets.delete(s));
		});
		return new Promise((resolve, reject) => {
			server.once("error", reject);
			server.listen(this.port ?? 0, "127.0.0.1", () => {
				this.port = /** @type {AddressInfo} */ (server.address()).port; // a TCP listener: always an AddressInfo
				resolve(this.url);
			});
		});
	}

	/**
	 * Down hard: stop accepting and drop open keep-alive connections, so deliveries fail with a network error.
	 * @returns {Promise<unknown>}
	 */
	stop() {
		const server = this.server;
		if (!server) return Promise.resolve();
		const closed = new Promise((r) => server.close(r));
		for (const s of this.sockets) s.destroy();
		this.server = undefined;
		return closed;
	}

	/**
	 * @param {IncomingMessage} req
	 * @param {ServerResponse} res
	 */
	handle(req, res) {
		if (this.failWith !== null) {
			this.failed++;
			req.resume();
			res.writeHead(this.failWith).end();
			return;
		}
		/** @type {Buffer[]} */
		const chunks = [];
		req.on("data", (c) => chunks.push(c));
		req.on("end", () => {
			const receivedAt = Date.now();
			/** @type {WebhookEvent} */
			let event;
			try {
				if (!this.webhook) throw new Error("no endpoint secret yet");
				// Signed by the service: the payload is one of its documented webhook events.
				event = /** @type {WebhookEvent} */ (
					this.webhook.verify(Buffer.concat(chunks).toString("utf8"), stringHeaders(req.headers))
				);
			} catch {
				this.rejected++;
				res.writeHead(400).end();
				return;
			}
			res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
			this.record(event, req.headers["webhook-id"], receivedAt);
		});
	}

	/**
	 * @param {WebhookEvent} event
	 * @param {string | string[] | undefined} webhookId
	 * @param {number} receivedAt
	 */
	record(event, webhookId, receivedAt) {
		this.lastReceivedAt = receivedAt;
		this.byEventId.set(webhookId, (this.byEventId.get(webhookId) ?? 0) + 1);
		const d = event.data ?? {};
		if (d.version === undefined) return; // webhook.test pings and operational events carry no verification
		if (event.type !== `verification.${d.status}`) return; // a redaction changes no version: not a status change
		const key = `${d.id}#${d.version}`;
		const seen = this.byVersion.get(key);
		if (seen) {
			seen.count++;
			return;
		}
		this.byVersion.set(key, { status: d.status, type: event.type, eventId: event.id, firstAt: receivedAt, count: 1 });
		this.latencies.push({ phase: this.phase, ms: receivedAt - Date.parse(event.timestamp) });
		this.onVersion?.(d, receivedAt);
	}

	/** Deliveries that repeated an already received webhook-id (at-least-once: expected now and then). */
	duplicates() {
		let n = 0;
		for (const c of this.byEventId.values()) n += c - 1;
		return n;
	}

	/**
	 * Latency samples of one phase (or all).
	 * @param {string} [phase]
	 * @returns {number[]}
	 */
	latencyOf(phase) {
		return this.latencies.filter((l) => phase === undefined || l.phase === phase).map((l) => l.ms);
	}
}
