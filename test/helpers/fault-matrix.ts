/**
 * The fault matrix (not a test file itself): every crash point of src/crash-points.ts × every sandbox outcome. A case
 * arms one point, submits a verification for a client with a subscribed endpoint and a feed poller, and then
 * drives the system only the way production recovers — alarms, the queue consumers, the cron — until it is
 * quiescent, plus what a partner does anyway (re-sending a request that failed with a 5xx, with the same
 * Idempotency-Key; the retry or test-clock step its outcome calls for). Never `recover`.
 */
import {
	createExecutionContext,
	createScheduledController,
	runDurableObjectAlarm,
	waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { armFault, FAULT_POINTS, type FaultMode, type FaultPoint, resetFaults } from "../../src/crash-points";
import worker from "../../src/index";
import { type Status } from "../../src/verification/types";
import { type VerificationView } from "../../src/verification/view";
import { hasAlarm, stubOf } from "./alarms";
import { call, getView, json, passport } from "./api";
import { verificationStorage } from "./inspect";
import { dropDeliveries, simulateLostAlarm, whileProjectionFails } from "./scenarios";
import { useMsw } from "./webhooks-receiver";
import { freshWorld, type WebhookWorld } from "./webhooks-world";

/**
 * What the partner does when the verification reaches `when`: retry it (with `body`), advance its test clock, or
 * cancel it.
 */
type PartnerStep =
	| { when: Status; retry: Record<string, string> | null }
	| { when: Status; advanceSeconds: number }
	| { when: Status; cancel: true };

/** A sandbox outcome (docs/partners.md, "Sandbox outcomes") and the status changes it documents, in version order. */
export interface Outcome {
	digit: number;
	name: string;
	statuses: Status[];
	step?: PartnerStep;
	lastError?: { code: string; retryable: boolean };
}

export const OUTCOMES: readonly Outcome[] = [
	{ digit: 0, name: "verified", statuses: ["submitted", "processing", "verified"] },
	{
		digit: 1,
		name: "rejected",
		statuses: ["submitted", "processing", "failed"],
		lastError: { code: "passport_not_found", retryable: false },
	},
	{
		digit: 2,
		name: "requires_action, corrected",
		statuses: ["submitted", "processing", "requires_action", "submitted", "processing", "verified"],
		step: { when: "requires_action", retry: { date_of_birth: "1990-05-14" } },
	},
	{ digit: 3, name: "provider unavailable twice", statuses: ["submitted", "processing", "verified"] },
	{
		digit: 4,
		name: "provider down throughout, retried",
		statuses: ["submitted", "processing", "failed", "submitted", "processing", "verified"],
		step: { when: "failed", retry: null },
	},
	{
		digit: 5,
		name: "never decides, expired",
		statuses: ["submitted", "processing", "expired"],
		step: { when: "processing", advanceSeconds: 86_400 },
		lastError: { code: "verification_deadline_exceeded", retryable: true },
	},
	{ digit: 6, name: "decided on a later poll", statuses: ["submitted", "processing", "verified"] },
];

const CANCELED = { code: "canceled", retryable: false };

/** A cancel from each state that allows it (docs/partners.md, "Choices where the design is silent"): the cancel crash point's outcomes. */
export const CANCEL_OUTCOMES: readonly Outcome[] = [
	{
		digit: 0,
		name: "canceled while submitted",
		statuses: ["submitted", "failed"],
		step: { when: "submitted", cancel: true },
		lastError: CANCELED,
	},
	{
		digit: 5,
		name: "canceled while processing",
		statuses: ["submitted", "processing", "failed"],
		step: { when: "processing", cancel: true },
		lastError: CANCELED,
	},
	{
		digit: 2,
		name: "canceled while requires_action",
		statuses: ["submitted", "processing", "requires_action", "failed"],
		step: { when: "requires_action", cancel: true },
		lastError: CANCELED,
	},
];

/**
 * What a cron job exists to recover, lost early so the job has work when it crashes: the object's alarm; its
 * first projection and its alarm; the first drain's delivery rows (which the projection's D1 batch writes with the
 * events, so only an endpoint its fan-out did not see loses them); its delivery messages.
 */
export type Loss = "alarm" | "projection" | "delivery_rows" | "delivery_message";

export interface FaultCase {
	point: FaultPoint;
	mode: FaultMode;
	/** Passes of the point let through before it fires (0: the first time it is reached). */
	skip: number;
	loss?: Loss;
	/** The receiver answers its first request 503: the drain's deliveries park and the endpoint's catch-up runs. */
	receiverDown?: boolean;
	/** The outcomes the case runs for (every sandbox outcome unless a point is reached only by some). */
	outcomes?: readonly Outcome[];
}

const at = (point: FaultPoint, mode: FaultMode, skips: number[]): FaultCase[] =>
	skips.map((skip) => ({ point, mode, skip }));

/**
 * Every crash point, each fired once. The object's points are thrown and aborted: the commit on its first pass
 * (inside the submission's request) and its third (inside an alarm: the first provider answer); the outbox points
 * on their first pass, thrown (the outbox's own error path) and aborted (the first alarm's drain, of `submitted`
 * and `processing` with the answer: a submission's drain waits for it); the provider call on the first attempt,
 * which every outcome makes. The
 * delivery consumer and the cron jobs throw on their first pass; the reconcile sweep's case first loses the
 * delivery rows (the projection's batch writes them with the events, so only then has it work).
 */
export const FAULT_CASES: readonly FaultCase[] = [
	...at("state.committed", "throw", [0, 2]),
	...at("state.committed", "abort", [0, 2]),
	...at("projection.written", "throw", [0]),
	...at("projection.written", "abort", [0]),
	...at("queue.sent", "throw", [0]),
	...at("queue.sent", "abort", [0]),
	...at("provider.call", "throw", [0]),
	...at("provider.call", "abort", [0]),
	...at("delivery.posted", "throw", [0]),
	{ point: "catch_up.released", mode: "throw", skip: 0, receiverDown: true },
	...at("cancel.committed", "throw", [0]).map((c) => ({ ...c, outcomes: CANCEL_OUTCOMES })),
	...at("cancel.committed", "abort", [0]).map((c) => ({ ...c, outcomes: CANCEL_OUTCOMES })),
	{ point: "cron.sweep", mode: "throw", skip: 0, loss: "alarm" },
	{ point: "cron.unprojected", mode: "throw", skip: 0, loss: "projection" },
	{ point: "cron.reconcile", mode: "throw", skip: 0, loss: "delivery_rows" },
	{ point: "cron.deliveries", mode: "throw", skip: 0, loss: "delivery_message" },
	{ point: "cron.prune", mode: "throw", skip: 0 },
];

const caseName = (c: FaultCase) =>
	`${c.point} (${c.mode}, pass ${c.skip + 1}${c.loss ? `, ${c.loss} lost` : ""}${c.receiverDown ? ", receiver down" : ""})`;

/** The cron runs this far ahead of now, past every window it waits out (5 min for lost messages, 10 for claims). */
const CRON_AHEAD_MS = 11 * 60_000;
const MAX_ROUNDS = 80;

/** An injected fault, as it surfaces to a caller (thrown here, or across RPC from an object it reset). */
const injected = (e: unknown) => e instanceof Error && e.message.includes("injected fault at");

/** Runs `fn`, swallowing only injected faults: any other error is a real one. Returns whether one was injected. */
async function surviving(fn: () => Promise<unknown>): Promise<boolean> {
	try {
		await fn();
		return false;
	} catch (e) {
		const all = e instanceof AggregateError ? e.errors : [e];
		if (!all.every(injected)) throw e;
		return true;
	}
}

/** One run of the worker's `scheduled` handler at `at`; true if a job crashed (it runs again next minute). */
function runCron(at: number): Promise<boolean> {
	return surviving(async () => {
		const ctx = createExecutionContext();
		await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "* * * * *" }), env, ctx);
		await waitOnExecutionContext(ctx);
	});
}

/** A poller of `GET /api/events/`, paging with `starting_after` = the last id it processed. */
class FeedPoller {
	readonly seen: string[] = [];

	constructor(private readonly key: string) {}

	async poll(): Promise<void> {
		for (;;) {
			const after = this.seen.at(-1);
			const res = await call(`/api/events/?limit=2${after ? `&starting_after=${after}` : ""}`, { key: this.key });
			expect(res.status).toBe(200);
			const page = await json<{ data: { id: string }[]; has_more: boolean }>(res);
			this.seen.push(...page.data.map((e) => e.id));
			if (!page.has_more) return;
		}
	}
}

/** A partner request that may meet a crash: a 5xx is answered by sending it again, anything else is returned. */
async function partnerCall(path: string, opts: Parameters<typeof call>[1]): Promise<Response | null> {
	const res = await call(path, opts);
	if (res.status >= 500) {
		expect(res.headers.get("content-type")).toContain("application/problem+json");
		return null;
	}
	return res;
}

async function submitted(world: WebhookWorld, digit: number, loss: Loss | undefined): Promise<VerificationView> {
	const body = passport(digit);
	const headers = { "idempotency-key": `fault-${crypto.randomUUID()}` };
	const send = () => partnerCall("/api/verifications/", { key: world.client.key, body, headers });
	for (let i = 0; i < 3; i++) {
		const sent: { res: Response | null } = { res: null };
		const attempt = async () => {
			sent.res = await send();
		};
		// Lost projection: D1 refuses the first projection, so only the object and the claim know the verification.
		await (loss === "projection" ? whileProjectionFails(attempt) : attempt());
		const res = sent.res;
		if (res) {
			expect(res.status, await res.clone().text()).toBe(202);
			return json<VerificationView>(res);
		}
	}
	throw new Error("the submission failed three times");
}

/**
 * Loses what the case's cron job exists to recover: the projection (with the alarm) right after the submission;
 * the alarm, the delivery rows or the delivery message right after the first alarm drained them.
 */
async function lose(world: WebhookWorld, id: string, loss: Loss | undefined): Promise<void> {
	if (loss === undefined) return;
	if (loss !== "projection") expect(await runDurableObjectAlarm(stubOf(id))).toBe(true);
	if (loss === "alarm" || loss === "projection") await simulateLostAlarm(id);
	if (loss === "delivery_rows") expect(await dropDeliveries(world.endpoint.id)).toBeGreaterThan(0);
	if (loss === "delivery_message") expect(world.sim.lose("kyc-deliveries")).toBeGreaterThan(0);
}

async function partnerStep(world: WebhookWorld, id: string, step: PartnerStep): Promise<void> {
	const key = world.client.key;
	if ("advanceSeconds" in step) {
		await partnerCall(`/api/test/verifications/${id}/advance`, { key, body: { seconds: step.advanceSeconds } });
	} else if ("cancel" in step) {
		await partnerCall(`/api/verifications/${id}/cancel/`, { key, method: "POST" });
	} else {
		await partnerCall(
			`/api/verifications/${id}/retry/`,
			step.retry ? { key, body: step.retry } : { key, method: "POST" },
		);
	}
}

/**
 * Drives one verification the way production would until nothing is left to do: queued messages are consumed,
 * due alarms run (early: time passes freely), and when all is idle the cron runs (as a minute later, CRON_AHEAD_MS
 * ahead) — until the verification is in its final state with its outbox drained and a cron run finds nothing.
 * The feed is polled after every step that can land events in D1, so it meets them as they arrive.
 */
async function driveToQuiescence(world: WebhookWorld, id: string, outcome: Outcome, feed: FeedPoller): Promise<void> {
	const final = outcome.statuses.at(-1);
	let steps = 0;
	let landed = true;
	for (let round = 0; round < MAX_ROUNDS; round++) {
		if (landed) await feed.poll();
		landed = true;
		const { state, outbox } = await verificationStorage(id);
		if (outcome.step && state.status === outcome.step.when && steps < 3) {
			steps++;
			await partnerStep(world, id, outcome.step);
			continue;
		}
		const done = state.status === final && outbox === null;
		if (!done) {
			let ran = false;
			const crashed = await surviving(async () => {
				ran = await runDurableObjectAlarm(stubOf(id));
			});
			if (ran || crashed) continue;
		}
		landed = false;
		if (world.sim.pending() > 0) {
			await world.sim.drain();
			continue;
		}
		const crashed = await runCron(Date.now() + CRON_AHEAD_MS);
		landed = true;
		if (crashed || world.sim.pending() > 0 || (!done && (await hasAlarm(id)))) continue;
		if (done) return;
		throw new Error(`stuck in ${state.status}: no alarm, no message, and the cron found nothing to do`);
	}
	throw new Error(`not quiescent after ${MAX_ROUNDS} rounds`);
}

/** The verification's status changes from its own timeline, in version order. */
async function statusChanges(world: WebhookWorld, id: string) {
	const res = await call(`/api/verifications/${id}/events/?limit=100`, { key: world.client.key });
	const body = await json<{ data: { id: string; type: string; version: number; status_change: boolean }[] }>(res);
	return body.data.filter((e) => e.status_change);
}

/** One cell of the matrix: the documented end state, every version received, every event polled exactly once. */
export async function runFaultCase(world: WebhookWorld, c: FaultCase, outcome: Outcome): Promise<void> {
	const feed = new FeedPoller(world.client.key);
	if (c.receiverDown) world.receiver.script = [503];
	expect(armFault(env, c.point, { mode: c.mode, skip: c.skip })).toBe(true);
	try {
		const v = await submitted(world, outcome.digit, c.loss);
		await lose(world, v.id, c.loss);
		await feed.poll();
		await driveToQuiescence(world, v.id, outcome, feed);
		const view = await getView(v.id, world.client.key);
		expect(resetFaults(), "the fault fired, once").toEqual([c.point]);

		// The documented end state, one version per status change.
		const versions = outcome.statuses.map((_, i) => i + 1);
		expect(view).toMatchObject({ status: outcome.statuses.at(-1), version: outcome.statuses.length });
		if (outcome.lastError) expect(view.last_error).toMatchObject(outcome.lastError);
		const timeline = await statusChanges(world, v.id);
		expect(timeline.map((e) => e.type)).toEqual(outcome.statuses.map((s) => `verification.${s}`));
		expect(timeline.map((e) => e.version)).toEqual(versions);

		// Every version reached the receiver; a duplicate on the wire carries the same webhook-id and version.
		const received = new Map<string, number>();
		for (const r of world.receiver.forVerification(v.id)) {
			expect(r.body.id).toBe(r.id);
			expect(received.get(r.id) ?? r.body.data.version).toBe(r.body.data.version);
			received.set(r.id, r.body.data.version);
		}
		expect([...received].sort((a, b) => a[1] - b[1])).toEqual(timeline.map((e) => [e.id, e.version]));

		// The poller saw every event exactly once.
		await feed.poll();
		expect(feed.seen).toEqual([...new Set(feed.seen)]);
		expect([...feed.seen].sort()).toEqual(timeline.map((e) => e.id).sort());
	} finally {
		resetFaults();
	}
}

/** The matrix split across files (one per part of the pipeline) so they run side by side; together, every point. */
export const MATRIX_FILES = {
	commit: ["state.committed", "cancel.committed"],
	projection: ["projection.written"],
	queue: ["queue.sent"],
	consumers: ["provider.call", "delivery.posted", "catch_up.released"],
	cron: ["cron.sweep", "cron.unprojected", "cron.reconcile", "cron.deliveries", "cron.prune"],
} as const satisfies Record<string, readonly FaultPoint[]>;

/** Registers one file's slice of the matrix: a test per crash case × sandbox outcome. */
export function faultMatrix(slice: keyof typeof MATRIX_FILES): void {
	useMsw();
	const points: readonly FaultPoint[] = MATRIX_FILES[slice];
	const cases = FAULT_CASES.filter((c) => points.includes(c.point));
	describe.each(cases.map((c) => [caseName(c), c] as const))("crash at %s", (_name, c) => {
		it.each(c.outcomes ?? OUTCOMES)("sandbox digit $digit: $name", async (outcome) => {
			await runFaultCase(await freshWorld(), c, outcome);
		});
	});

	const cells = (list: readonly FaultCase[]) => list.reduce((n, c) => n + (c.outcomes ?? OUTCOMES).length, 0);
	it(`the ${slice} slice: ${cases.length} crash cases, ${cells(cases)} cells`, () => {
		// Together the slices hold every crash point (and no point twice): 17 cases × 7 outcomes, and the cancel's
		// 2 cases × its 3 states = 125 cells.
		const all = Object.values(MATRIX_FILES).flat();
		expect([...all].sort()).toEqual([...FAULT_POINTS].sort());
		expect(FAULT_CASES.map((c) => c.point).every((p) => all.includes(p))).toBe(true);
		expect(cells(FAULT_CASES)).toBe(125);
		expect(cases.length).toBeGreaterThan(0);
	});
}
