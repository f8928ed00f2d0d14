import { listDurableObjectIds, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { type VerificationView } from "../../src/verification/view";
import { getView } from "./api";

/** The Durable Object of one verification. */
export const stubOf = (id: string) => env.VERIFICATION.getByName(id);

/**
 * Fires the verification's alarm until its status is one of `statuses` (alarms run at once, whatever their
 * scheduled time). Fails if the alarm chain stops first or takes more than `max` steps.
 */
export async function runUntil(id: string, statuses: string[], key?: string, max = 30): Promise<VerificationView> {
	const stub = stubOf(id);
	for (let i = 0; i < max; i++) {
		const view = await getView(id, key);
		if (statuses.includes(view.status)) return view;
		const ran = await runDurableObjectAlarm(stub);
		if (!ran) throw new Error(`no alarm pending while ${view.status}`);
	}
	throw new Error(`still not in ${statuses.join("|")} after ${max} alarms`);
}

/**
 * Runs a new verification's first alarm: its start and first provider call, which project `submitted` together
 * with them to D1 (the lists and the feed) and queue their webhooks. Fails if no alarm was pending.
 */
export async function runFirstAlarm(id: string): Promise<void> {
	if (!(await runDurableObjectAlarm(stubOf(id)))) throw new Error(`no alarm pending for ${id}`);
}

/** When the verification's Durable Object's alarm is set for (ms since the epoch), or null. */
export function alarmAt(id: string): Promise<number | null> {
	return runInDurableObject(stubOf(id), (_i, state) => state.storage.getAlarm());
}

/** Whether the verification's Durable Object has an alarm set. */
export function hasAlarm(id: string): Promise<boolean> {
	return runInDurableObject(stubOf(id), async (_i, state) => (await state.storage.getAlarm()) !== null);
}

/** Deletes every verification's pending alarm, so none fires into the next test. */
export async function clearAlarms(): Promise<void> {
	for (const id of await listDurableObjectIds(env.VERIFICATION)) {
		await runInDurableObject(env.VERIFICATION.get(id), (_i, state) => state.storage.deleteAlarm());
	}
}
