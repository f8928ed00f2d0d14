import { MAX_DELIVERY_ATTEMPTS, MAX_QUEUE_DELAY_SECONDS, RETRY_LADDER_SECONDS } from "./retry-policy";

/**
 * The catch-up schedule (docs/webhooks.md, "Catch-up"), pure. While an endpoint is failing its pending deliveries are
 * parked and one probe at a time POSTs the oldest of them: 1 s after the failure, then 2, 4, 8… s apart, never
 * further apart than the retry ladder's step at that point of the streak. The probes spend a budget: each parked
 * delivery brings the attempts it had left on the ladder, so an endpoint that stays down never gets more requests
 * than the ladder would have sent its deliveries; and the budget always keeps enough to follow the ladder's own rungs
 * until the last parked delivery's span ends, so catching up is never slower than the ladder.
 */

/** The first probe waits this long after the failure that started the streak; each next one twice the last. */
export const FIRST_PROBE_MS = 1_000;

const SECOND = 1_000;

/** The ladder's rungs as offsets from a first attempt (ms): when attempts 2, 3, … 12 go out, without jitter. */
const RUNG_OFFSETS_MS: readonly number[] = RETRY_LADDER_SECONDS.map((_, i) =>
	RETRY_LADDER_SECONDS.slice(0, i + 1).reduce((sum, s) => sum + s * SECOND, 0),
);

/** From a delivery's first attempt to its last: ≈ 3.2 days. */
export const LADDER_SPAN_MS = RUNG_OFFSETS_MS.at(-1) ?? 0;

/**
 * How much of its span a delivery that has made `attempts` attempts has left: the ladder's steps from its next rung
 * on. An unsent delivery (0) has all of it, as if its first attempt were now.
 */
export function spanLeftMs(attempts: number): number {
	const from = Math.max(attempts, 1) - 1;
	return RETRY_LADDER_SECONDS.slice(from).reduce((sum, s) => sum + s * SECOND, 0);
}

/** The requests a delivery brings to its endpoint's probe budget when it parks: the attempts it had left. */
export const creditsOf = (attempts: number) => Math.max(MAX_DELIVERY_ATTEMPTS - attempts, 0);

/** The first rung of the ladder started at `from` strictly after `t`; past its span, one every 12 h. */
export function nextRungAfter(from: number, t: number): number {
	const elapsed = t - from;
	const offset = RUNG_OFFSETS_MS.find((o) => o > elapsed);
	if (offset !== undefined) return from + offset;
	const step = MAX_QUEUE_DELAY_SECONDS * SECOND;
	return from + LADDER_SPAN_MS + (Math.floor((elapsed - LADDER_SPAN_MS) / step) + 1) * step;
}

/** How many rungs of the ladder started at `from` fall in (after, until]. */
export function rungsBetween(from: number, after: number, until: number): number {
	let n = 0;
	for (let t = nextRungAfter(from, after); t <= until; t = nextRungAfter(from, t)) n++;
	return n;
}

/** Where an endpoint's catch-up stands when its probe has just failed (or it has just started failing). */
export interface ProbeState {
	now: number;
	/** The failing streak's start: the ladder the probes keep pace with starts here. */
	failingSince: number;
	/** Probes made in this streak. */
	probes: number;
	/** What the budget still holds. */
	credits: number;
	/** When the last parked delivery's span ends. */
	parkedUntil: number;
	/** The receiver's `Retry-After`, if it sent one: no probe sooner. */
	retryAfterMs?: number | null | undefined;
}

/**
 * When the next probe goes: the short schedule's next step (1 s doubling, capped by the ladder's next rung) if the
 * budget can pay for it and still follow the ladder to the end; else the ladder's next rung. Never before what the
 * receiver asked for.
 */
export function nextProbeAt(s: ProbeState): number {
	const rung = nextRungAfter(s.failingSince, s.now);
	const short = Math.min(s.now + FIRST_PROBE_MS * 2 ** Math.min(s.probes, 30), rung);
	const affordable = s.credits - 1 >= rungsBetween(s.failingSince, short, s.parkedUntil);
	return Math.max(affordable ? short : rung, s.now + (s.retryAfterMs ?? 0));
}

/** Whether parking is worth it: a budget that can pay for at least one probe sooner than the ladder's next rung. */
export function catchUpPays(s: Omit<ProbeState, "probes">): boolean {
	return nextProbeAt({ ...s, probes: 0 }) < nextRungAfter(s.failingSince, s.now);
}
