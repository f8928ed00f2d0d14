/**
 * The circuit breaker as pure functions of (state, now): closed → open after `failureThreshold`
 * consecutive failures; open → half-open when the cool-down ends, letting exactly one probe through;
 * the probe's success closes it, its failure re-opens it for another cool-down.
 */

export interface BreakerSettings {
	failureThreshold: number;
	cooldownMs: number;
	/** How long a probe may take before another caller may probe (the probe's isolate may have died). */
	probeLeaseMs: number;
}

export type BreakerState =
	| { phase: "closed"; failures: number }
	| { phase: "open"; failures: number; openUntil: number }
	| { phase: "half_open"; failures: number; probeUntil: number };

/** Whether a call may go ahead. `report` says whether its success must be recorded (to reset a count or close). */
export type Admission = { allowed: true; probe: boolean; report: boolean } | { allowed: false; retryAfterMs: number };

export const INITIAL: BreakerState = { phase: "closed", failures: 0 };

/** Decides one call and returns the state to store (half-open begins when a probe is admitted). */
export function admit(
	state: BreakerState,
	now: number,
	s: BreakerSettings,
): { state: BreakerState; admission: Admission } {
	switch (state.phase) {
		case "closed":
			return { state, admission: { allowed: true, probe: false, report: state.failures > 0 } };
		case "open":
			if (now < state.openUntil) return { state, admission: { allowed: false, retryAfterMs: state.openUntil - now } };
			return probe(state, now, s);
		case "half_open":
			// A probe is out: everyone else waits for its verdict, which is due within the lease.
			if (now < state.probeUntil) return { state, admission: { allowed: false, retryAfterMs: state.probeUntil - now } };
			return probe(state, now, s);
	}
}

const probe = (state: BreakerState, now: number, s: BreakerSettings) => ({
	state: { phase: "half_open", failures: state.failures, probeUntil: now + s.probeLeaseMs } satisfies BreakerState,
	admission: { allowed: true, probe: true, report: true } satisfies Admission,
});

/** Applies the result of an admitted call. */
export function record(state: BreakerState, success: boolean, now: number, s: BreakerSettings): BreakerState {
	if (success) {
		// While open, a success is a call admitted before the breaker opened: too old to prove recovery.
		return state.phase === "open" ? state : INITIAL;
	}
	const failures = state.failures + 1;
	// Already open: late failures (calls admitted before it opened) do not extend the cool-down.
	if (state.phase === "open") return { ...state, failures };
	if (state.phase === "half_open" || failures >= s.failureThreshold) {
		return { phase: "open", failures, openUntil: now + s.cooldownMs };
	}
	return { phase: "closed", failures };
}

/** Whether the breaker turns calls away at `now`: open in its cool-down, or half-open with a probe out. */
export function refusing(state: BreakerState, now: number): boolean {
	if (state.phase === "open") return now < state.openUntil;
	if (state.phase === "half_open") return now < state.probeUntil;
	return false;
}
