// The partner's side: a loopback webhook receiver that verifies every request with the npm `standardwebhooks`
// package (as docs/webhooks.md tells partners to), keys what arrives by (verification id, version), counts
// duplicates by webhook-id, and measures status change → received latency. It can be taken down (connections
// refused, like a crashed receiver) and brought back on the same port.
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

export class Receiver {
	constructor() {
		/** "ver_…#version" → { status, type, eventId, firstAt, count } */
		this.byVersion = new Map();
		/** webhook-id → deliveries received */
		this.byEventId = new Map();
		this.latencies = []; // { phase, ms }
		this.phase = "setup";
		this.rejected = 0;
		this.sockets = new Set();
		this.lastReceivedAt = 0;
	}

	get path() {
		return "/webhooks";
	}

	get url() {
		return `http://127.0.0.1:${this.port}${this.path}`;
	}

	setSecret(secret) {
		this.webhook = new Webhook(secret);
	}

	/** Starts listening; the first call picks a free port, later calls reuse it. */
	start() {
		this.server = createServer((req, res) => this.handle(req, res));
		this.server.on("connection", (s) => {
			this.sockets.add(s);
			s.on("close", () => this.sockets.delete(s));
		});
		return new Promise((resolve, reject) => {
			this.server.once("error", reject);
			this.server.listen(this.port ?? 0, "127.0.0.1", () => {
				this.port = this.server.address().port;
				resolve(this.url);
			});
		});
	}

	/** Down hard: stop accepting and drop open keep-alive connections, so deliveries fail with a network error. */
	stop() {
		if (!this.server) return Promise.resolve();
		const closed = new Promise((r) => this.server.close(r));
		for (const s of this.sockets) s.destroy();
		this.server = undefined;
		return closed;
	}

	handle(req, res) {
		const chunks = [];
		req.on("data", (c) => chunks.push(c));
		req.on("end", () => {
			const receivedAt = Date.now();
			let event;
			try {
				event = this.webhook.verify(Buffer.concat(chunks).toString("utf8"), req.headers);
			} catch {
				this.rejected++;
				res.writeHead(400).end();
				return;
			}
			res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
			this.record(event, req.headers["webhook-id"], receivedAt);
		});
	}

	record(event, webhookId, receivedAt) {
		this.lastReceivedAt = receivedAt;
		this.byEventId.set(webhookId, (this.byEventId.get(webhookId) ?? 0) + 1);
		const d = event.data ?? {};
		if (d.version === undefined) return; // webhook.test pings carry no verification
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

	/** Latency samples of one phase (or all). */
	latencyOf(phase) {
		return this.latencies.filter((l) => phase === undefined || l.phase === phase).map((l) => l.ms);
	}
}
