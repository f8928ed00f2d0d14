import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { DEV_PII_KEY } from "../../src/config";
import { piiCipher } from "../../src/crypto/pii";
import { personFingerprint } from "../../src/verification/personal-data";
import { type PassportData } from "../../src/verification/types";
import { ADMIN_TOKEN, call, json, newClient, passport } from "../helpers/api";
import { d1Claims, d1Endpoint, d1Verification, recordD1Statements, verificationStorage } from "../helpers/inspect";
import { sealedBeforeRotation } from "../helpers/scenarios";
import { deliveries, fanOutEvents, QueueSim, statusEvent } from "../helpers/webhooks-harness";
import { msw, Receiver, useMsw } from "../helpers/webhooks-receiver";

// This project runs on the ring after a rotation: key B current, key A (the development key) previous. The worker
// is given A alone for what happened before the rotation, and B alone for after A is dropped.
useMsw();

const A = DEV_PII_KEY;
const B = env.PII_ENCRYPTION_KEY ?? "";
const BEFORE = { ...env, PII_ENCRYPTION_KEY: A, PII_ENCRYPTION_KEYS_PREVIOUS: "" };
const DROPPED = { ...env, PII_ENCRYPTION_KEYS_PREVIOUS: "" };
const kid = (key: string) => piiCipher([key]).currentKeyId();

interface Report {
	key_id: string;
	remaining: { webhook_endpoints: number; verifications: number };
	idempotency_hashes: { not_current: number; ages_out_at: string | null };
	next_cursor: string | null;
}

interface World {
	client: { id: string; key: string };
	receiver: Receiver;
	endpoint: { id: string; secret: string };
	sim: QueueSim;
}

/** A fresh client with an endpoint registered while only `bindings`' key existed. */
async function world(bindings: Env): Promise<World> {
	const client = await newClient();
	const receiver = new Receiver(client.id);
	const res = await call("/api/webhook-endpoints/", { key: client.key, body: { url: receiver.url }, env: bindings });
	expect(res.status).toBe(201);
	const endpoint = await json<{ id: string; secret: string }>(res);
	receiver.secrets.push(endpoint.secret);
	msw.use(receiver.handler());
	return { client, receiver, endpoint, sim: new QueueSim().install() };
}

/**
 * One status-change event for the world's client, fanned out and delivered (with whatever the verification's own
 * outbox queued) by consumers running on `bindings`; whether the receiver verified its signature.
 */
async function deliverOne(w: World, bindings: Env): Promise<boolean> {
	w.sim.bindings = bindings;
	const event = statusEvent();
	await fanOutEvents(w.client.id, [event]);
	await w.sim.drain();
	return w.receiver.received.some((r) => r.id === event.id);
}

const submitAs = (w: World, body: unknown, opts: { idempotencyKey?: string; env?: Env } = {}) =>
	call("/api/verifications/", {
		key: w.client.key,
		body,
		env: opts.env,
		headers: opts.idempotencyKey ? { "idempotency-key": opts.idempotencyKey } : {},
	});

/** Runs the operator's procedure: passes of POST /admin/reencrypt until a pass ends with nothing remaining. */
async function reencryptAll() {
	for (let pass = 0; pass < 3; pass++) {
		let cursor: string | undefined;
		let last: Report;
		do {
			const res = await call("/admin/reencrypt", {
				key: ADMIN_TOKEN,
				body: { limit: 2, ...(cursor ? { cursor } : {}) },
			});
			expect(res.status).toBe(200);
			last = await json<Report>(res);
			cursor = last.next_cursor ?? undefined;
		} while (cursor);
		if (last.remaining.webhook_endpoints === 0 && last.remaining.verifications === 0) return last;
	}
	throw new Error("re-encryption did not finish in three passes");
}

describe("rotating PII_ENCRYPTION_KEY", () => {
	it("runs on the ring the other projects rotate from: B current, the development key previous", () => {
		expect(env.PII_ENCRYPTION_KEYS_PREVIOUS).toBe(A);
		expect(B).not.toBe(A);
		expect(B).not.toBe("");
	});

	it("the duplicate guard asks D1 about previous keys only when some are configured", async () => {
		const w = await world(BEFORE);
		const claimStatements = async (bindings: Env) => {
			const statements = recordD1Statements();
			expect((await submitAs(w, passport(5), { env: bindings })).status).toBe(202);
			statements.restore();
			return statements.texts.filter((q) => q.includes("person_claims")).length;
		};
		const oneKey = await claimStatements(BEFORE);
		expect(oneKey).toBe(1);
		expect(await claimStatements(env)).toBe(oneKey + 1);
	});

	it("keeps replays, the duplicate guard, signatures and data working from [A] through [B, A] to [B]", async () => {
		// Before the rotation: an endpoint, and an active verification submitted with an Idempotency-Key (digit 5 never decides).
		const w = await world(BEFORE);
		const body = passport(5, { last_name: "Rotation", reference: "first" });
		const created = await submitAs(w, body, { idempotencyKey: "rot-1", env: BEFORE });
		expect(created.status).toBe(202);
		const { id } = await json<{ id: string }>(created);
		await sealedBeforeRotation(id, [A]);
		expect((await verificationStorage(id)).meta.indexKeyId).toBe(await kid(A));

		// Rotated to [B, A]: the same body replays, another body is still refused, the same person is a duplicate.
		const replay = await submitAs(w, body, { idempotencyKey: "rot-1" });
		expect(replay.status).toBe(202);
		expect(replay.headers.get("idempotent-replayed")).toBe("true");
		expect((await json<{ id: string }>(replay)).id).toBe(id);
		const other = await submitAs(w, { ...body, last_name: "Else" }, { idempotencyKey: "rot-1" });
		expect(other.status).toBe(422);
		expect(await json(other)).toMatchObject({ code: "idempotency_key_reused" });
		const again = await submitAs(w, { ...body, reference: "second" });
		expect(again.status).toBe(202);
		expect(again.headers.get("duplicate-of-active")).toBe("true");
		expect((await json<{ id: string }>(again)).id).toBe(id);
		expect(await deliverOne(w, env)).toBe(true);

		// The re-encryption: nothing is left under A but the request fingerprint, which ages out with its records.
		const report = await reencryptAll();
		expect(report).toMatchObject({ key_id: await kid(B), remaining: { webhook_endpoints: 0, verifications: 0 } });
		const hashes = report.idempotency_hashes;
		expect(hashes.not_current).toBeGreaterThanOrEqual(1);
		expect(Date.parse(hashes.ages_out_at ?? "") - Date.now()).toBeGreaterThan(399 * 86_400_000);
		expect((await d1Endpoint(w.endpoint.id))?.secret.startsWith(`v1.${await kid(B)}.`)).toBe(true);
		expect((await d1Verification(id))?.keyId).toBe(await kid(B));
		const { meta } = await verificationStorage(id);
		const data = JSON.parse(await piiCipher([B]).decrypt(meta.pii ?? "", id)) as PassportData;
		expect(data).toMatchObject({ passport_number: body.passport_number, last_name: "Rotation" });
		const indexB = await piiCipher([B]).blindIndex(personFingerprint(w.client.id, data));
		expect(meta).toMatchObject({ blindIndex: indexB, indexKeyId: await kid(B) });
		expect((await d1Claims(id)).map((c) => c.blindIndex)).toEqual([indexB]);

		// A dropped: the delivery still verifies, the data is readable with B alone, the duplicate guard holds, and a
		// replay of the pre-rotation request is refused (its fingerprint needs A), never a second verification.
		expect(await deliverOne(w, DROPPED)).toBe(true);
		expect((await call(`/api/verifications/${id}/`, { key: w.client.key, env: DROPPED })).status).toBe(200);
		const dup = await submitAs(w, { ...body, reference: "third" }, { env: DROPPED });
		expect(dup.headers.get("duplicate-of-active")).toBe("true");
		expect((await json<{ id: string }>(dup)).id).toBe(id);
		const late = await submitAs(w, body, { idempotencyKey: "rot-1", env: DROPPED });
		expect(late.status).toBe(422);
	});

	it("dropping the old key before the re-encryption fails closed and visibly: the delivery says why", async () => {
		const w = await world(BEFORE);
		const errors = vi.spyOn(console, "error").mockImplementation(() => {});
		expect(await deliverOne(w, DROPPED)).toBe(false);
		expect(w.receiver.requests).toBe(0);
		const [delivery] = await deliveries(w.client.key, w.endpoint.id);
		expect(delivery).toMatchObject({ status: "failed", error_class: "signing_secret_unreadable" });
		expect(delivery?.attempts).toBeGreaterThan(0);
		expect(errors.mock.calls.map(([line]) => JSON.parse(String(line)).event)).toContain("webhook.secret_unreadable");
	});
});
