import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runUntil, stubOf } from "../helpers/alarms";
import { getView, passport, submit } from "../helpers/api";
import { endBreakerCooldown } from "../helpers/scenarios";
import { until } from "../helpers/wait";
import { breaker, useFakeInterswitch } from "./fake";

const isw = useFakeInterswitch();
const THRESHOLD = Number(env.PROVIDER_BREAKER_FAILURE_THRESHOLD);
const COOLDOWN_MS = Number(env.PROVIDER_BREAKER_COOLDOWN_MS);

async function attemptOnce(id: string) {
	expect(await runDurableObjectAlarm(stubOf(id))).toBe(true);
	return getView(id);
}

const phase = async () => (await breaker().status()).state.phase;

/** Opens the breaker the way production does: THRESHOLD failed lookups in a row. */
async function openWithFailures() {
	isw.fake.configure({ mode: "500" });
	const first = await submit(passport(0));
	await runUntil(first.id, ["failed"]); // PROVIDER_MAX_ATTEMPTS (3) failures
	const second = await submit(passport(6));
	await attemptOnce(second.id); // the THRESHOLD-th (4th) failure
	expect(await phase()).toBe("open");
	return second.id;
}

/** Moves the end of the cool-down into the past, as if it had elapsed. */
const endCooldown = () => endBreakerCooldown(breaker());

describe("circuit breaker end to end", () => {
	it(`opens after ${THRESHOLD} consecutive failures; waiting verifications show provider_unavailable until the cool-down ends`, async () => {
		const waitingId = await openWithFailures();
		const { state } = await breaker().status();
		if (state.phase !== "open") throw new Error("expected open");
		expect(state.openUntil).toBeGreaterThanOrEqual(Date.now() + COOLDOWN_MS - 5_000);
		const lookups = isw.fake.snapshot().counts.lookup;

		const waiting = await attemptOnce(waitingId);
		const fresh = await submit(passport(7));
		const skipped = await attemptOnce(fresh.id);
		for (const view of [waiting, skipped]) {
			expect(view.status).toBe("processing");
			expect(view.last_error).toMatchObject({ code: "provider_unavailable", retryable: true });
			// Not before the breaker lets calls through again, and not much after it.
			expect(Date.parse(view.next_attempt_at ?? "")).toBeGreaterThanOrEqual(state.openUntil);
			expect(Date.parse(view.next_attempt_at ?? "")).toBeLessThan(state.openUntil + 5_000);
		}
		expect(waiting.attempts).toBe(2);
		expect(skipped.attempts).toBe(1);
		// No call reached Interswitch while the breaker was open.
		expect(isw.fake.snapshot().counts.lookup).toBe(lookups);
	});

	it("after the cool-down lets one probe through and closes when it succeeds", async () => {
		const waitingId = await openWithFailures();
		await attemptOnce(waitingId); // skipped: open
		isw.fake.configure({ mode: "success" });
		await endCooldown();
		const done = await runUntil(waitingId, ["verified", "failed"]);
		expect(done).toMatchObject({ status: "verified", attempts: 3, last_error: null });
		expect((await breaker().status()).state).toEqual({ phase: "closed", failures: 0 });
		// Closed again: everyone goes through.
		const next = await submit(passport(8));
		expect((await runUntil(next.id, ["verified", "failed"])).status).toBe("verified");
	});

	it("re-opens for another cool-down when the probe fails", async () => {
		const waitingId = await openWithFailures();
		await endCooldown();
		const probed = await attemptOnce(waitingId);
		expect(probed.last_error?.code).toBe("provider_error");
		const { state } = await breaker().status();
		expect(state.phase).toBe("open");
		if (state.phase === "open") expect(state.openUntil).toBeGreaterThanOrEqual(Date.now() + COOLDOWN_MS - 5_000);
		const other = await submit(passport(9));
		expect((await attemptOnce(other.id)).last_error?.code).toBe("provider_unavailable");
	});

	it("while the probe is out, other verifications wait for it instead of calling", async () => {
		const waitingId = await openWithFailures();
		await endCooldown();
		isw.fake.configure({ mode: "hang" });
		const probe = runDurableObjectAlarm(stubOf(waitingId));
		await until(async () => (await phase()) === "half_open", "the probe is out");
		const other = await submit(passport(9));
		const held = await attemptOnce(other.id);
		expect(held.last_error?.code).toBe("provider_unavailable");
		await probe;
		expect((await getView(waitingId)).last_error?.code).toBe("provider_timeout");
		// The timed-out probe reports its failure as its aborted request unwinds, just after the attempt ends.
		await until(async () => (await phase()) === "open", "the failed probe re-opens the breaker");
	});
});
