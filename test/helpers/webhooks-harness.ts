/**
 * Test harness for the webhook test files (not a test file itself): a deterministic stand-in for Cloudflare
 * Queues. The producer bindings are spied on, so what the Durable Object and the consumers send is recorded
 * instead of reaching Miniflare's broker; `drain()` then feeds the recorded messages to the worker's real
 * `queue()` handler through `createMessageBatch`/`getQueueResult`, applying Queues' rules: ack removes, retry
 * redelivers with `attempts + 1`, and past `max_retries` a message moves to its dead-letter queue. Delays are
 * recorded, not waited for, so no test depends on the clock. `metrics()` answers for what is queued here, as
 * Miniflare's broker does for its own queue: the count, and the oldest message's timestamp while one waits.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, vi } from "vitest";
import { newId } from "../../src/ids";
import worker from "../../src/index";
import { type Status } from "../../src/verification/types";
import { fanOut } from "../../src/webhooks/fan-out";
import { type DeliveryView } from "../../src/webhooks/objects";
import { type WebhookEvent } from "../../src/webhooks/payload";
import { MAX_DELIVERY_ATTEMPTS } from "../../src/webhooks/retry-policy";
import { call, json } from "./api";
import { shardFor } from "./shards";

interface Queued {
	id: string;
	body: unknown;
	attempts: number;
	/** When it was first sent (a retry keeps it, as on Queues). */
	timestamp: Date;
	/** When Queues would deliver it (its send's or retry's delay after it was made), for `runInTime`. */
	dueAt: number;
}

const MAX_RETRIES: Record<string, number> = {
	// The retired fan-out queue, consumed for one more release (src/webhooks/legacy-events-queue.ts).
	"kyc-events": 10,
	"kyc-deliveries": MAX_DELIVERY_ATTEMPTS - 1,
	"kyc-deliveries-slow": MAX_DELIVERY_ATTEMPTS - 1,
	"kyc-events-dlq": 10,
	"kyc-deliveries-dlq": 10,
};
const DLQ: Record<string, string> = {
	"kyc-events": "kyc-events-dlq",
	"kyc-deliveries": "kyc-deliveries-dlq",
	"kyc-deliveries-slow": "kyc-deliveries-dlq",
};

const SENT = { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } };

export class QueueSim {
	readonly queued = new Map<string, Queued[]>();
	/** Every retry the consumers asked for, in order. */
	readonly retries: { queue: string; body: unknown; attempts: number; delaySeconds: number | undefined }[] = [];
	/** Every body a producer sent, per queue, with the delay asked for, for replaying duplicates. */
	readonly sent: { queue: string; body: unknown; delaySeconds: number | undefined }[] = [];
	/** The bindings the consumers run with (set another key ring to deliver as after a key rotation). */
	bindings: Env = env;
	/** Queues whose producer currently throws, as during a Queues outage. */
	readonly down = new Set<string>();
	private seq = 0;

	/** Spies on the producer bindings (the Durable Object uses the same binding objects as the test). */
	install(): this {
		this.capture(env.DELIVERIES_QUEUE, "kyc-deliveries");
		this.capture(env.SLOW_DELIVERIES_QUEUE, "kyc-deliveries-slow");
		return this;
	}

	private capture(binding: Queue, name: string): void {
		const record = (body: unknown, delaySeconds: number | undefined) => {
			this.sent.push({ queue: name, body, delaySeconds });
			this.push(name, body, 1, undefined, undefined, Date.now() + (delaySeconds ?? 0) * 1000);
		};
		vi.spyOn(binding, "send").mockImplementation(async (body, options) => {
			if (this.down.has(name)) throw new Error(`${name} unavailable`);
			record(body, options?.delaySeconds);
			return SENT;
		});
		vi.spyOn(binding, "sendBatch").mockImplementation(async (messages) => {
			if (this.down.has(name)) throw new Error(`${name} unavailable`);
			for (const m of messages) record(m.body, m.delaySeconds);
			return SENT;
		});
		vi.spyOn(binding, "metrics").mockImplementation(async () => {
			const waiting = this.queued.get(name) ?? [];
			const oldest = waiting.reduce<Date | undefined>((o, m) => (o && o <= m.timestamp ? o : m.timestamp), undefined);
			return { backlogCount: waiting.length, backlogBytes: 0, ...(oldest ? { oldestMessageTimestamp: oldest } : {}) };
		});
	}

	push(
		queue: string,
		body: unknown,
		attempts = 1,
		id = `msg-${++this.seq}`,
		timestamp = new Date(),
		dueAt = Date.now(),
	): void {
		const list = this.queued.get(queue) ?? [];
		list.push({ id, body, attempts, timestamp, dueAt });
		this.queued.set(queue, list);
	}

	/** Dates everything waiting on `queue` back by `ms`, as a queue that has been behind that long. */
	age(queue: string, ms: number): void {
		for (const m of this.queued.get(queue) ?? []) m.timestamp = new Date(m.timestamp.getTime() - ms);
	}

	size(queue: string): number {
		return this.queued.get(queue)?.length ?? 0;
	}

	/** Drops everything queued on `queue`, as a runtime restarted with in-memory queues loses it; returns how many. */
	lose(queue: string): number {
		const lost = this.size(queue);
		this.queued.set(queue, []);
		return lost;
	}

	/** Messages waiting on any queue. */
	pending(): number {
		return Object.keys(MAX_RETRIES).reduce((n, q) => n + this.size(q), 0);
	}

	/** Delivers everything currently queued on `queue` (or what `pick` picks) as one batch; returns what the consumer decided. */
	async runOnce(queue: string, pick: (m: Queued) => boolean = () => true) {
		const all = this.queued.get(queue) ?? [];
		const messages = all.filter(pick);
		this.queued.set(
			queue,
			all.filter((m) => !messages.includes(m)),
		);
		if (messages.length === 0) return null;
		const batch = createMessageBatch(
			queue,
			messages.map((m) => ({ id: m.id, timestamp: m.timestamp, attempts: m.attempts, body: m.body })),
		);
		// The plugin's MessageBatch records that a message was retried but not the delay asked for: capture it.
		const delays = new Map<string, number | undefined>();
		for (const m of batch.messages) {
			const retry = m.retry.bind(m);
			vi.spyOn(m, "retry").mockImplementation((options) => {
				delays.set(m.id, options?.delaySeconds);
				retry(options);
			});
		}
		const ctx = createExecutionContext();
		await worker.queue(batch, this.bindings);
		const raw = await getQueueResult(batch, ctx);
		expect(raw.ackAll || raw.retryBatch.retry).toBe(false);
		const result = {
			...raw,
			retryMessages: raw.retryMessages.map((r) => ({ msgId: r.msgId, delaySeconds: delays.get(r.msgId) })),
		};
		for (const m of messages) {
			const retry = result.retryMessages.find((r) => r.msgId === m.id);
			const acked = result.explicitAcks.includes(m.id);
			expect(acked !== (retry !== undefined), `message ${m.id} must be acked or retried, not both or neither`).toBe(
				true,
			);
			if (!retry) continue;
			this.retries.push({ queue, body: m.body, attempts: m.attempts, delaySeconds: retry.delaySeconds });
			const dlq = DLQ[queue];
			if (m.attempts > (MAX_RETRIES[queue] ?? 0)) {
				// Past its last retry a message moves to its dead-letter queue; without one, Queues drops it.
				if (dlq) this.push(dlq, m.body, 1, m.id);
			} else {
				this.push(queue, m.body, m.attempts + 1, m.id, m.timestamp, Date.now() + (retry.delaySeconds ?? 0) * 1000);
			}
		}
		return result;
	}

	/**
	 * Runs the queues in time, as Queues would: each message at its due time (the delay its send or retry asked for),
	 * the one due first next. A run starts with the test's fake clock (`vi.useFakeTimers({ toFake: ["Date"] })`) set
	 * to its message's due time, and a consumer that waits in-process (the throttle) moves it on from there: runs
	 * take turns, each on its own timeline, as concurrent consumers would (one shared clock moved by every wait would
	 * make each see the others' waits as its own). What a run sends is due on its timeline. Stops when nothing is
	 * queued or `until` says so.
	 */
	async runInTime(until: () => boolean = () => false, maxRounds = 5_000): Promise<void> {
		for (let round = 0; round < maxRounds; round++) {
			if (until()) return;
			const next = Object.keys(MAX_RETRIES)
				.flatMap((q) => (this.queued.get(q) ?? []).map((m) => ({ q, m })))
				.sort((a, b) => a.m.dueAt - b.m.dueAt)[0];
			if (!next) return;
			vi.setSystemTime(next.m.dueAt);
			await this.runOnce(next.q, (m) => m === next.m);
		}
		throw new Error("queues did not settle in time");
	}

	/** Runs every queue until all are empty, as if time passed freely. */
	async drain(maxRounds = 200): Promise<void> {
		for (let round = 0; round < maxRounds; round++) {
			const busy = Object.keys(MAX_RETRIES).filter((q) => this.size(q) > 0);
			if (busy.length === 0) return;
			for (const q of busy) await this.runOnce(q);
		}
		throw new Error("queues did not drain");
	}
}

/** A status change of the client as the projection turns it into a webhook payload (no verification behind it). */
export function statusEvent(version = 1, type = "verification.submitted"): WebhookEvent {
	return {
		id: newId("evt"),
		type,
		timestamp: new Date().toISOString(),
		livemode: false,
		data: {
			id: "ver_01M89C2HAHJXT1F6CR9J1HN1BQ",
			status: type.slice("verification.".length) as Status,
			previous_status: null,
			version,
			reference: null,
			last_error: null,
			required_action: null,
			waiting_on: "provider",
		},
	};
}

/**
 * Fans status changes of a test-mode client out through the production fan-out (src/webhooks/fan-out.ts, the
 * statement every drain runs), leaving their delivery messages on the simulated `kyc-deliveries` queue.
 */
export async function fanOutEvents(clientId: string, events: WebhookEvent[]): Promise<void> {
	await fanOut(await shardFor(clientId), env.DELIVERIES_QUEUE, [[{ clientId, livemode: false }, events]], Date.now());
}

/** An endpoint's delivery log through the API. */
export async function deliveries(key: string, endpointId: string, query = ""): Promise<DeliveryView[]> {
	const res = await call(`/api/webhook-endpoints/${endpointId}/deliveries/${query}`, { key });
	expect(res.status).toBe(200);
	return (await json<{ data: DeliveryView[] }>(res)).data;
}
