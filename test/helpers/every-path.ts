/**
 * Drives every path that runs a D1 statement, once, against whatever history D1 holds: the admin routes, every
 * partner route (lists read at full page size on an account with a long history), the Durable Objects' drains, the
 * queue consumers (successes, failures, the slow lane, dead letters, the retired events queue) and every cron job
 * with something to do. For test/integration/bounded-statements.test.ts, which measures what each statement reads.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { http } from "msw";
import { expect } from "vitest";
import { loadConfig } from "../../src/config";
import { MAX_PAGE_SIZE } from "../../src/http/openapi";
import worker from "../../src/index";
import { runFirstAlarm, runUntil } from "./alarms";
import { ADMIN_TOKEN, call, json, newClient, passport, submit } from "./api";
import {
	ageClaim,
	backdateEndpoint,
	expireParked,
	forceEndpointUrl,
	lostCatchUp,
	overdueDeliveries,
	projectedEvent,
	simulateLostAlarm,
	staleClaim,
	whileProjectionFails,
} from "./scenarios";
import { type QueueSim, statusEvent } from "./webhooks-harness";
import { msw, Receiver, registerEndpoint } from "./webhooks-receiver";

const DAY = 86_400_000;
const PAGE = `limit=${MAX_PAGE_SIZE}`;

/** Runs a test's own set-up (a scenario helper's writes) outside what is being measured. */
export type Aside = <T>(fn: () => Promise<T>) => Promise<T>;

/** An account with its key, endpoint and that endpoint's receiver. */
export interface Account {
	clientId: string;
	livemode: boolean;
	key: string;
	endpointId: string;
	receiver: Receiver;
}

/** `n` clients, each with a test-mode and a live-mode account, each account with an endpoint older than `since`. */
export async function accounts(n: number, since: number): Promise<Account[]> {
	const all: Account[] = [];
	for (let i = 0; i < n; i++) {
		const client = await newClient(`history-${i}`);
		const live = await call(`/admin/clients/${client.id}/keys/`, { key: ADMIN_TOKEN, body: { mode: "live" } });
		const liveKey = (await json<{ key: string }>(live)).key;
		for (const [key, livemode] of [
			[client.key, false],
			[liveKey, true],
		] as const) {
			const receiver = new Receiver(`history-${i}-${livemode ? "live" : "test"}`);
			const endpoint = await registerEndpoint(key, receiver);
			await backdateEndpoint(endpoint.id, since);
			all.push({ clientId: client.id, livemode, key, endpointId: endpoint.id, receiver });
		}
	}
	return all;
}

const ok = async (res: Response | Promise<Response>, status = 200) => {
	const r = await res;
	expect(r.status, `${r.url}: ${await r.clone().text()}`).toBe(status);
	return json<Record<string, unknown>>(r);
};

/** Every page of a list until `pages` pages were read (each at full page size). */
async function pages(path: string, key: string, count = 2): Promise<void> {
	let cursor: string | null = null;
	for (let i = 0; i < count; i++) {
		const sep = path.includes("?") ? "&" : "?";
		const after: string = cursor ? `&starting_after=${cursor}` : "";
		const body = await ok(call(`${path}${sep}${PAGE}${after}`, { key }));
		cursor = body.next_cursor as string | null;
		if (!cursor) return;
	}
}

/** The admin routes, with a client of their own (its keys are new to this isolate's key cache). */
async function admin(): Promise<{ id: string; key: string }> {
	const client = await newClient("every-path");
	const issued = await ok(call(`/admin/clients/${client.id}/keys/`, { key: ADMIN_TOKEN, body: { mode: "live" } }), 201);
	await ok(call(`/admin/clients/${client.id}/keys/`, { key: ADMIN_TOKEN }));
	await ok(call(`/admin/clients/${client.id}/keys/${issued.id as string}/`, { key: ADMIN_TOKEN, method: "DELETE" }));
	await ok(call("/admin/cron/", { key: ADMIN_TOKEN }));
	await ok(call("/admin/reencrypt", { key: ADMIN_TOKEN, body: { limit: 50 } }));
	return client;
}

/** Every kind of request a verification meets, through the API and its object's alarms. */
async function verifications(key: string, sim: QueueSim, aside: Aside): Promise<void> {
	const idem = { "idempotency-key": `every-path-${crypto.randomUUID()}` };
	const body = passport(0, { reference: "user-000123" });
	const v = await submit(body, key, idem);
	await ok(call("/api/verifications/", { key, body, headers: idem }), 202);
	await ok(call("/api/verifications/", { key, body: passport(0), headers: idem }), 422);
	await runUntil(v.id, ["verified"], key);
	await ok(call(`/api/verifications/${v.id}/`, { key, method: "DELETE" }));
	await runUntil(v.id, ["verified"], key);

	// The duplicate guard: a person held by an active verification; a stale claim taken over.
	const held = passport(5);
	await submit(held, key);
	await ok(call("/api/verifications/", { key, body: held }), 202);
	const person = passport(1);
	const final = await submit(person, key);
	await runUntil(final.id, ["failed"], key);
	await aside(() => staleClaim(final.id));
	await runUntil((await submit(person, key)).id, ["failed"], key);

	const needsAction = await submit(passport(2), key);
	await runUntil(needsAction.id, ["requires_action"], key);
	await ok(call(`/api/verifications/${needsAction.id}/retry/`, { key, body: { date_of_birth: "1991-04-15" } }), 202);
	await runUntil(needsAction.id, ["verified"], key);
	const unavailable = await submit(passport(4), key);
	await runUntil(unavailable.id, ["failed"], key);
	await ok(call(`/api/verifications/${unavailable.id}/retry/`, { key, method: "POST" }), 202);
	await runUntil(unavailable.id, ["verified"], key);
	const undecided = await submit(passport(5), key);
	await runFirstAlarm(undecided.id);
	await ok(call(`/api/test/verifications/${undecided.id}/advance`, { key, body: { seconds: 86_400 } }));

	// A state-changing request with an Idempotency-Key: run, replayed, and refused for another request.
	const toCancel = await submit(passport(5), key);
	const once = { "idempotency-key": `every-path-cancel-${crypto.randomUUID()}` };
	await ok(call(`/api/verifications/${toCancel.id}/cancel/`, { key, method: "POST", headers: once }));
	await ok(call(`/api/verifications/${toCancel.id}/cancel/`, { key, method: "POST", headers: once }));
	await ok(call(`/api/verifications/${undecided.id}/cancel/`, { key, method: "POST", headers: once }), 422);

	// A submission while a key rotation is under way: the person is looked up under the previous key too.
	const rotated = {
		...env,
		PII_ENCRYPTION_KEY: "ZXZlcnktcGF0aC1yb3RhdGVkLWtleS0wMTIzNDU2Nzg=", // 32 bytes
		PII_ENCRYPTION_KEYS_PREVIOUS: loadConfig(env).piiKeys[0],
	};
	await ok(call("/api/verifications/", { key, body: passport(0), env: rotated as Env }), 202);
	await sim.drain();
}

/** The partner's reads of an account with a long history, each at full page size and on to a second page. */
async function reads(a: Account): Promise<void> {
	const { key } = a;
	const listed = await ok(call(`/api/verifications/?${PAGE}`, { key }));
	const first = (listed.data as { id: string }[])[0]?.id;
	await pages("/api/verifications/", key);
	await pages("/api/verifications/?status=expired", key);
	await pages("/api/verifications/?reference=user-000007", key);
	await pages("/api/verifications/?status=failed&reference=user-000001", key);
	if (first) await pages(`/api/verifications/${first}/events/`, key);
	const since = new Date(Date.now() - 100 * DAY).toISOString();
	const until = new Date(Date.now() - 90 * DAY).toISOString();
	await pages("/api/events/", key);
	await pages("/api/events/?type=verification.expired", key);
	await pages(`/api/events/?created[gte]=${since}`, key);
	await pages(`/api/events/?created[gte]=${since}&created[lt]=${until}&type=verification.failed`, key);
	await ok(call("/api/events/?starting_after=evt_ZZZZZZZZZZZZZZZZZZZZZZZZZZ", { key }), 400);
	const endpoint = `/api/webhook-endpoints/${a.endpointId}`;
	await pages(`${endpoint}/deliveries/`, key);
	await pages(`${endpoint}/deliveries/?status=failed`, key);
	await ok(call("/api/webhook-endpoints/", { key }));
	await ok(call(`${endpoint}/`, { key }));
	await ok(
		call(`${endpoint}/recover/`, {
			key,
			body: { since: new Date(Date.now() - 29 * DAY).toISOString(), dry_run: true },
		}),
		202,
	);
}

/** Endpoint management and every way a delivery ends, on a client of its own. */
async function webhooks(key: string, sim: QueueSim, aside: Aside): Promise<void> {
	const receiver = new Receiver(`every-path-${crypto.randomUUID()}`);
	const endpoint = await registerEndpoint(key, receiver);
	const path = `/api/webhook-endpoints/${endpoint.id}`;
	await ok(call(`${path}/`, { key, method: "PATCH", body: { description: "every path" } }));
	await ok(call(`${path}/rotate-secret/`, { key, method: "POST" }));
	const forced = await ok(call(`${path}/rotate-secret/`, { key, body: { force: true } }));
	receiver.secrets.push(forced.secret as string);
	await ok(call(`${path}/test/`, { key, method: "POST" }));
	await ok(
		call(`/api/test/webhook-endpoints/${endpoint.id}/trigger`, { key, body: { type: "verification.verified" } }),
	);

	// Success, then a failure that hands the rest of its message over, then 410 Gone (disabled).
	const v = await submit(passport(0), key);
	await runUntil(v.id, ["verified"], key);
	receiver.script = [200, 503];
	await sim.drain();
	const [delivery] = (await ok(call(`${path}/deliveries/`, { key }))).data as { id: string }[];
	await ok(call(`${path}/deliveries/${delivery?.id}/resend/`, { key, method: "POST" }), 202);
	await ok(call(`${path}/recover/`, { key, body: { since: new Date(Date.now() - DAY).toISOString() } }), 202);
	receiver.script = [410];
	await sim.drain();
	await ok(call(`${path}/enable/`, { key, method: "POST" }));
	await ok(call(`${path}/disable/`, { key, method: "POST" }));
	await runUntil((await submit(passport(0), key)).id, ["verified"], key);
	await sim.drain();
	await ok(call(`${path}/enable/`, { key, method: "POST" }));
	// A URL the guard refuses now.
	await aside(() => forceEndpointUrl(endpoint.id, "https://10.0.0.7/kyc"));
	await runUntil((await submit(passport(0), key)).id, ["verified"], key);
	await sim.drain();
	await aside(() => forceEndpointUrl(endpoint.id, receiver.url));
	// A timeout on the main lane (the endpoint goes to the slow lane), then a fast success there (it comes back).
	msw.use(http.post(receiver.url, () => new Promise<never>(() => {})));
	await runUntil((await submit(passport(0), key)).id, ["verified"], key);
	await sim.runOnce("kyc-deliveries");
	msw.use(receiver.handler());
	await sim.drain();

	// Dead letters.
	const [message] = sim.sent.filter((m) => m.queue === "kyc-deliveries");
	sim.push("kyc-deliveries-dlq", message?.body);
	await sim.drain();
	await ok(call(`${path}/`, { key, method: "DELETE" }));
}

/**
 * A failing endpoint's catch-up and a throttle, on an endpoint of its own (rate_limit set: every message reserves
 * its slots): a lone delivery's failure stays on the ladder; a failure parks a drain's deliveries; a duplicate of its message parks unsent; a probe fails and is
 * rescheduled; a fresh delivery gets through while it is probed and releases the rest; then a catch-up whose parked
 * deliveries' spans all ended closes them and ends.
 */
async function catchUp(key: string, sim: QueueSim, aside: Aside): Promise<void> {
	const receiver = new Receiver(`every-path-catch-up-${crypto.randomUUID()}`);
	const endpoint = await registerEndpoint(key, receiver);
	await ok(call(`/api/webhook-endpoints/${endpoint.id}/`, { key, method: "PATCH", body: { rate_limit: 1000 } }));
	const only = (body: unknown) => (m: { body: unknown }) => m.body === body;
	const queued = () => sim.queued.get("kyc-deliveries") ?? [];
	// A lone delivery that fails has no budget for a probe sooner than the ladder: it is retried on the ladder.
	await runUntil((await submit(passport(6), key)).id, ["verified"], key);
	const [together, alone] = queued();
	await sim.runOnce("kyc-deliveries", only(together?.body));
	receiver.script = [503];
	await sim.runOnce("kyc-deliveries", only(alone?.body));
	await sim.drain();
	receiver.script = [503];
	await runUntil((await submit(passport(0), key)).id, ["verified"], key);
	const [drained] = queued();
	await sim.runOnce("kyc-deliveries");
	const [probe] = queued();
	receiver.script = [503];
	await sim.runOnce("kyc-deliveries", only(probe?.body));
	sim.push("kyc-deliveries", drained?.body);
	await sim.runOnce("kyc-deliveries", only(drained?.body));
	await runUntil((await submit(passport(0), key)).id, ["verified"], key);
	await sim.drain();
	receiver.script = [503];
	await runUntil((await submit(passport(0), key)).id, ["verified"], key);
	await sim.runOnce("kyc-deliveries");
	expect(await aside(() => expireParked(endpoint.id))).toBeGreaterThan(0);
	await sim.drain();
}

/** The retired events queue and its dead letters, for one client. */
async function legacyEvents(clientId: string, sim: QueueSim): Promise<void> {
	sim.push("kyc-events", { clientId, event: statusEvent() });
	sim.push("kyc-events-dlq", { clientId, event: statusEvent(2, "verification.processing") });
	await sim.drain();
}

/** Every cron job, each with something to do: a lost alarm, projection, delivery row and delivery messages. */
async function cron(a: Account, sim: QueueSim, aside: Aside): Promise<void> {
	const { sweeps } = loadConfig(env);
	const asleep = await submit(passport(5), a.key);
	await runFirstAlarm(asleep.id);
	await aside(() => simulateLostAlarm(asleep.id));
	let unprojected = "";
	await whileProjectionFails(async () => {
		unprojected = (await submit(passport(5), a.key)).id;
	});
	await aside(() => ageClaim(unprojected, sweeps.unprojectedClaimMs + 60_000));
	await aside(() => projectedEvent(a.clientId, sweeps.lostEventMs + 60_000));
	await aside(() => lostCatchUp(a.endpointId, sweeps.overdueDeliveryMs + 60_000));
	await runUntil((await submit(passport(0), a.key)).id, ["verified"], a.key);
	sim.lose("kyc-deliveries");
	expect(await aside(() => overdueDeliveries(a.endpointId, sweeps.overdueDeliveryMs + 60_000, 1))).toBeGreaterThan(1);
	// As the next minutes' runs would: past every window the jobs wait out (10 minutes for claims).
	const ctx = createExecutionContext();
	const scheduledTime = Date.now() + sweeps.unprojectedClaimMs + 60_000;
	await worker.scheduled(createScheduledController({ scheduledTime, cron: "* * * * *" }), env, ctx);
	await waitOnExecutionContext(ctx);
}

/**
 * Everything, once. `history` is an account with a long history (test mode), `live` its live-mode twin; `quiet`
 * an account whose lists are not read (the cron's scenarios leave rows there that only the cron reads).
 */
export async function everyPath(
	history: Account,
	live: Account,
	quiet: Account,
	sim: QueueSim,
	aside: Aside,
): Promise<void> {
	const client = await admin();
	await verifications(client.key, sim, aside);
	await reads(history);
	await reads(live);
	await webhooks(client.key, sim, aside);
	await catchUp(client.key, sim, aside);
	await legacyEvents(client.id, sim);
	await cron(quiet, sim, aside);
	await sim.drain();
}
