import { loadConfig } from "./config";

/**
 * Fault injection for the test suite. Each crash window of the pipeline calls `fault(point)`; the call does nothing
 * unless a test armed that point, and a point can only be armed where the configuration allows it
 * (`FAULT_INJECTION=on` outside production: vitest.config.ts sets it, nothing deployed can). When armed, the point
 * throws, or aborts the Durable Object it runs in (the isolate dying there), when it is reached (see `Arming`).
 * The state is this module's: the tests and the worker's code (Durable Objects included) share one isolate there.
 */
export const FAULT_POINTS = [
	/** Durable Object: a change (state row with its outbox marker, history, alarm) is committed; nothing after it has run. */
	"state.committed",
	/** Durable Object: a cancel is committed (with its alarm); the request has not answered. */
	"cancel.committed",
	/** Outbox: the projection's D1 batch (snapshot, history, delivery rows) landed; no delivery message is sent yet. */
	"projection.written",
	/** Outbox: the drain's delivery messages are on the `deliveries` queue; the drain is not yet marked done. */
	"queue.sent",
	/** Durable Object: the provider call is recorded in flight and under way; its answer never comes back. */
	"provider.call",
	/** Delivery: the signed POST was answered; the attempt is not recorded. */
	"delivery.posted",
	/** Catch-up: a release step's delivery messages are sent; its parked deliveries are not yet unparked. */
	"catch_up.released",
	/** Cron jobs, each after its scan found work and before it acts on it. */
	"cron.sweep",
	"cron.unprojected",
	"cron.reconcile",
	"cron.deliveries",
	"cron.prune",
] as const;

export type FaultPoint = (typeof FAULT_POINTS)[number];

/** `throw`: an exception at the point. `abort`: the Durable Object is reset there (elsewhere it throws). */
export type FaultMode = "throw" | "abort";

/** What an armed point throws (or aborts its object with), so logs and tests can tell it from a real error. */
export class InjectedFault extends Error {
	constructor(readonly point: FaultPoint) {
		super(`injected fault at ${point}`);
		this.name = "InjectedFault";
	}
}

/** What an `abort` fault kills: a Durable Object's state (its `ctx`). */
export interface FaultTarget {
	abort(reason?: string): void;
}

const armed = new Map<FaultPoint, { mode: FaultMode; skip: number; times: number }>();
const fired: FaultPoint[] = [];

/** A crash window. Free when nothing is armed (one size check); `object` is the Durable Object to abort, if any. */
export function fault(point: FaultPoint, object?: FaultTarget): void {
	if (armed.size === 0) return;
	const arming = armed.get(point);
	if (!arming) return;
	if (arming.skip > 0) {
		arming.skip -= 1;
		return;
	}
	arming.times -= 1;
	if (arming.times <= 0) armed.delete(point);
	fired.push(point);
	const error = new InjectedFault(point);
	if (arming.mode === "abort" && object) object.abort(error.message);
	throw error;
}

/** How an armed point fires: `mode` (throw by default) on `times` passes (1) after letting `skip` pass (0). */
export interface Arming {
	mode?: FaultMode;
	skip?: number;
	times?: number;
}

/**
 * Arms `point`. Returns false, arming nothing, unless `env`'s configuration allows fault injection (never in
 * production).
 */
export function armFault(env: object, point: FaultPoint, opts: Arming = {}): boolean {
	if (!loadConfig(env).faultInjection) return false;
	armed.set(point, { mode: opts.mode ?? "throw", skip: opts.skip ?? 0, times: opts.times ?? 1 });
	return true;
}

/** Disarms every point and returns the points that fired since the last call, in order. */
export function resetFaults(): FaultPoint[] {
	armed.clear();
	return fired.splice(0);
}
