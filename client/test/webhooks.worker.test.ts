// webhooks.verify on what the worker really signs (its own deliveries, caught by MSW), and against the
// `standardwebhooks` package in both directions. Queues are simulated (test/helpers/webhooks-harness.ts), so a
// status change reaches the receiver when the test drains them.
import { exports } from "cloudflare:workers";
import { HttpResponse, http } from "msw";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { msw, useMsw } from "../../test/helpers/webhooks-receiver";
import { freshWorld, type WebhookWorld } from "../../test/helpers/webhooks-world";
import {
	createClient,
	isVerificationEvent,
	type KycClient,
	signWebhook,
	verifyWebhook,
	WebhookVerificationError,
} from "../src/index.js";

useMsw();

interface Captured {
	body: string;
	headers: Record<string, string>;
}

/** A fresh account with simulated queues, a client for it, and a receiver that keeps raw bodies and headers. */
async function setup(): Promise<{ world: WebhookWorld; kyc: KycClient; url: string; captured: Captured[] }> {
	const world = await freshWorld(false);
	const kyc = createClient({
		apiKey: world.client.key,
		baseUrl: "https://kyc.test",
		fetch: (input, init) => exports.default.fetch(input, init),
	});
	const url = world.receiver.url;
	const captured: Captured[] = [];
	msw.use(
		http.post(url, async ({ request }) => {
			captured.push({ body: await request.text(), headers: Object.fromEntries(request.headers) });
			return HttpResponse.json({ ok: true });
		}),
	);
	return { world, kyc, url, captured };
}

const reasonOf = (e: unknown) => (e instanceof WebhookVerificationError ? e.reason : e);

describe("webhooks.verify on the worker's own signatures", () => {
	it("every status change of a real verification verifies, in version order", async () => {
		const { world, kyc, url, captured } = await setup();
		const endpoint = await kyc.webhookEndpoints.create({ url, description: "client test" });
		expect(endpoint.secret).toMatch(/^whsec_/);

		const v = await kyc.verifications.create({
			passport_number: "B12345670",
			last_name: "Okafor",
			date_of_birth: "1990-04-15",
		});
		expect((await kyc.test.advance(v.id, 10)).status).toBe("verified");
		await world.sim.drain();

		const events = await Promise.all(captured.map((c) => kyc.webhooks.verify(c.body, c.headers, endpoint.secret)));
		const mine = events
			.filter(isVerificationEvent)
			.filter((e) => e.data.id === v.id)
			.sort((a, b) => a.data.version - b.data.version);
		expect(mine.map((e) => e.type)).toEqual([
			"verification.submitted",
			"verification.processing",
			"verification.verified",
		]);
		expect(mine.map((e) => e.data.version)).toEqual([1, 2, 3]);
		expect(mine.every((e) => e.livemode === false)).toBe(true);
		expect(captured.map((c) => c.headers["webhook-id"])).toEqual(events.map((e) => e.id));

		// The delivery log pages (limit 2 → two pages) and a delivery can be re-sent with the same webhook-id.
		const deliveries = [];
		for await (const d of kyc.webhookEndpoints.iterateDeliveries(endpoint.id, { limit: 2 })) deliveries.push(d);
		expect(deliveries).toHaveLength(3);
		expect(deliveries.every((d) => d.status === "succeeded")).toBe(true);
		const target = deliveries[0];
		if (!target) throw new Error("no delivery");
		expect(await kyc.webhookEndpoints.resendDelivery(endpoint.id, target.id)).toMatchObject({
			id: target.id,
			status: "pending",
		});
		await world.sim.drain();
		expect(captured.at(-1)?.headers["webhook-id"]).toBe(target.event_id);
		await expect(
			kyc.webhooks.verify(captured.at(-1)?.body ?? "", captured.at(-1)?.headers ?? {}, endpoint.secret),
		).resolves.toMatchObject({
			id: target.event_id,
		});
	});

	it("test pings and triggered samples verify; a rotation signs with both secrets", async () => {
		const { kyc, url, captured } = await setup();
		const endpoint = await kyc.webhookEndpoints.create({ url });

		const ping = await kyc.webhookEndpoints.sendTest(endpoint.id);
		expect(ping).toMatchObject({ status: "succeeded", response_status: 200, event_type: "webhook.test" });
		const pingEvent = await kyc.webhooks.verify(captured[0]?.body ?? "", captured[0]?.headers ?? {}, endpoint.secret);
		expect(pingEvent.id).toBe(ping.event_id);
		expect(pingEvent).toMatchObject({ type: "webhook.test", data: { endpoint_id: endpoint.id } });
		expect(isVerificationEvent(pingEvent)).toBe(false);

		const sample = await kyc.test.trigger(endpoint.id, "verification.requires_action");
		expect(sample.status).toBe("succeeded");
		const sampleEvent = await verifyWebhook(captured[1]?.body ?? "", captured[1]?.headers ?? {}, endpoint.secret);
		expect(sampleEvent).toMatchObject({
			type: "verification.requires_action",
			test: true,
			data: { status: "requires_action" },
		});

		const rotated = await kyc.webhookEndpoints.rotateSecret(endpoint.id);
		expect(rotated.secret).not.toBe(endpoint.secret);
		await kyc.webhookEndpoints.sendTest(endpoint.id);
		const last = captured[2] as Captured;
		expect(last.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
		await expect(kyc.webhooks.verify(last.body, last.headers, endpoint.secret)).resolves.toBeTruthy();
		await expect(kyc.webhooks.verify(last.body, last.headers, rotated.secret)).resolves.toBeTruthy();
		await expect(kyc.webhooks.verify(last.body, new Headers(last.headers), [rotated.secret])).resolves.toBeTruthy();

		const otherSecret = (await kyc.webhookEndpoints.create({ url })).secret;
		expect(reasonOf(await kyc.webhooks.verify(last.body, last.headers, otherSecret).catch((e: unknown) => e))).toBe(
			"no_matching_signature",
		);
		expect(
			reasonOf(await kyc.webhooks.verify(`${last.body} `, last.headers, rotated.secret).catch((e: unknown) => e)),
		).toBe("no_matching_signature");
	});

	it("manages endpoints: list/iterate, update, disable/enable, recover, delete", async () => {
		const { kyc, url } = await setup();
		const a = await kyc.webhookEndpoints.create({ url, event_types: ["verification.verified"] });
		const b = await kyc.webhookEndpoints.create({ url, description: "second" });
		const ids: string[] = [];
		for await (const e of kyc.webhookEndpoints.iterate({ limit: 1 })) ids.push(e.id);
		expect(ids).toEqual([b.id, a.id]);
		expect(await kyc.webhookEndpoints.get(a.id)).not.toHaveProperty("secret");
		expect(await kyc.webhookEndpoints.update(a.id, { description: "renamed", event_types: null })).toMatchObject({
			description: "renamed",
			event_types: null,
		});
		expect((await kyc.webhookEndpoints.disable(a.id)).status).toBe("disabled");
		expect((await kyc.webhookEndpoints.enable(a.id)).status).toBe("enabled");
		expect(
			await kyc.webhookEndpoints.recover(a.id, { since: new Date(Date.now() - 3_600_000).toISOString() }),
		).toMatchObject({
			object: "webhook_recovery",
			recovered: 0,
			has_more: false,
		});
		expect(await kyc.webhookEndpoints.delete(b.id)).toMatchObject({ id: b.id, deleted: true });
		const error = await kyc.webhookEndpoints.get(b.id).catch((e: unknown) => e);
		expect(error).toMatchObject({ status: 404, code: "not_found" });
		const refused = await kyc.webhookEndpoints.create({ url: "http://10.0.0.1/hook" }).catch((e: unknown) => e);
		expect(refused).toMatchObject({ status: 422, code: "url_not_allowed" });
	});
});

describe("webhooks.verify and the standardwebhooks package agree", () => {
	const secret = `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`;
	const body = JSON.stringify({
		id: "evt_01M89C2HAHJXT1F6CR9J1HN1BQ",
		type: "verification.verified",
		timestamp: new Date().toISOString(),
		livemode: false,
		data: { id: "ver_01M89C2HAHJXT1F6CR9J1HN1BQ", status: "verified", previous_status: "processing", version: 3 },
	});
	const signed = (at: Date, payload = body) => {
		const id = "evt_01M89C2HAHJXT1F6CR9J1HN1BQ";
		return {
			"webhook-id": id,
			"webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
			"webhook-signature": new Webhook(secret).sign(id, at, payload),
		};
	};

	it("accepts what standardwebhooks signs, also among other and unknown-version entries", async () => {
		const headers = signed(new Date());
		await expect(verifyWebhook(body, headers, secret)).resolves.toMatchObject({ type: "verification.verified" });
		const crowded = {
			...headers,
			"webhook-signature": `v2,abc v1,${btoa("x".repeat(32))} ${headers["webhook-signature"]}`,
		};
		await expect(verifyWebhook(body, crowded, secret)).resolves.toBeTruthy();
	});

	it("rejects tampering, old and future timestamps, missing headers; tolerance is an option", async () => {
		const headers = signed(new Date());
		const fail = (p: Promise<unknown>) => p.then(() => "accepted", reasonOf);
		expect(await fail(verifyWebhook(body.replace("verified", "failed"), headers, secret))).toBe(
			"no_matching_signature",
		);
		expect(await fail(verifyWebhook(body, { ...headers, "webhook-id": "evt_other" }, secret))).toBe(
			"no_matching_signature",
		);
		const old = signed(new Date(Date.now() - 6 * 60_000));
		expect(await fail(verifyWebhook(body, old, secret))).toBe("timestamp_too_old");
		expect(await fail(verifyWebhook(body, signed(new Date(Date.now() + 6 * 60_000)), secret))).toBe(
			"timestamp_too_new",
		);
		expect(await fail(verifyWebhook(body, old, secret, { toleranceSeconds: 600 }))).toBe("accepted");
		expect(await fail(verifyWebhook(body, { "webhook-id": "x", "webhook-timestamp": "1" }, secret))).toBe(
			"missing_headers",
		);
		expect(await fail(verifyWebhook(body, { ...headers, "webhook-timestamp": "soon" }, secret))).toBe(
			"invalid_timestamp",
		);
		// standardwebhooks agrees on each of these.
		expect(() => new Webhook(secret).verify(body.replace("verified", "failed"), headers)).toThrow();
		expect(() => new Webhook(secret).verify(body, old)).toThrow();
	});

	it("standardwebhooks accepts what signWebhook signs", async () => {
		const headers = await signWebhook({ id: "evt_01M89C2HAHJXT1F6CR9J1HN1BQ", body, secret });
		expect(new Webhook(secret).verify(body, headers)).toMatchObject({ type: "verification.verified" });
		const two = await signWebhook({ id: "evt_x", body, secret: [secret, secret] });
		expect(two["webhook-signature"].split(" ")).toHaveLength(2);
	});
});
