// The client in Node, over real HTTP, against the real worker: the bench's Miniflare runtime (bench/lib/) runs the
// bundled worker in workerd on a loopback port with development.env, and the client uses Node's own fetch and
// WebCrypto. A loopback receiver takes the worker's signed webhooks.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleWorker } from "../../bench/lib/build.mjs";
import { Runtime } from "../../bench/lib/runtime.mjs";
import { createClient, type FetchLike, type KycClient, responseOf } from "../src/index.js";

const ROOT = join(import.meta.dirname, "..", "..");
const DEV_KEY = "kyc_test_devkey_0000000000000000000000000000";

let dir: string;
let runtime: Runtime;
let baseUrl: string;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), "kyc-client-http-"));
	const script = await bundleWorker(ROOT, join(dir, "bundle"), { plain: true });
	runtime = new Runtime({ root: ROOT, script, persistDir: join(dir, "state"), logFile: join(dir, "runtime.log") });
	baseUrl = await runtime.start({ fresh: true });
}, 90_000);

afterAll(async () => {
	await runtime?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
}, 30_000);

const passport = (digit: number) => ({
	passport_number: `N${String(Date.now()).slice(-7)}${Math.floor(Math.random() * 10)}${digit}`,
	last_name: "Okafor",
	date_of_birth: "1990-04-15",
});

describe("the client over HTTP against the running worker", () => {
	it("create → get → iterate over pages → advance, with the platform's fetch", async () => {
		const kyc = createClient({ apiKey: DEV_KEY, baseUrl });
		const reference = `node-${crypto.randomUUID()}`;
		const ids: string[] = [];
		for (let i = 0; i < 3; i++) ids.push((await kyc.verifications.create({ ...passport(0), reference })).id);
		expect((await kyc.verifications.get(ids[0] ?? "")).reference).toBe(reference);
		const seen: string[] = [];
		for await (const v of kyc.verifications.iterate({ reference, limit: 2 })) seen.push(v.id);
		expect(seen).toEqual([...ids].reverse());
		const verified = await kyc.test.advance(ids[0] ?? "", 10);
		expect(verified.status).toBe("verified");
		const error = await kyc.verifications.get("ver_01M89C2HAHJXT1F6CR9J1HN1BQ").catch((e: unknown) => e);
		expect(error).toMatchObject({ status: 404, code: "not_found", requestId: expect.stringMatching(/^req_/) });
	});

	it("a create whose answer is lost is retried with its Idempotency-Key: one verification, replayed", async () => {
		let lost = 0;
		// The request reaches the worker; the answer is dropped on the way back, as on a connection reset.
		const flaky: FetchLike = async (input, init) => {
			const res = await fetch(input, init);
			if (lost++ === 0) {
				await res.text();
				throw new TypeError("fetch failed: socket hang up");
			}
			return res;
		};
		const kyc = createClient({ apiKey: DEV_KEY, baseUrl, fetch: flaky, retryBaseDelayMs: 50 });
		const reference = `lost-${crypto.randomUUID()}`;
		const v = await kyc.verifications.create({ ...passport(0), reference });
		expect(responseOf(v)).toMatchObject({ status: 202, attempts: 2, headers: { "idempotent-replayed": "true" } });
		const all = await kyc.verifications.list({ reference });
		expect(all.data.map((x) => x.id)).toEqual([v.id]);
	});

	it("a 503 from the network path is retried, then the worker answers", async () => {
		let calls = 0;
		const gateway: FetchLike = (input, init) =>
			calls++ === 0 ? new Response("upstream unavailable", { status: 503 }) : fetch(input, init);
		const kyc: KycClient = createClient({ apiKey: DEV_KEY, baseUrl, fetch: gateway, retryBaseDelayMs: 50 });
		const page = await kyc.events.list({ limit: 1 });
		expect(page.object).toBe("list");
		expect(responseOf(page)?.attempts).toBe(2);
	});

	it("a webhook from the worker verifies with Node's WebCrypto", async () => {
		const received: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];
		const server: Server = createServer((req, res) => {
			let body = "";
			req.on("data", (chunk) => {
				body += chunk;
			});
			req.on("end", () => {
				received.push({ body, headers: req.headers });
				res.writeHead(200).end("ok");
			});
		});
		await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
		try {
			const port = (server.address() as AddressInfo).port;
			const kyc = createClient({ apiKey: DEV_KEY, baseUrl });
			const endpoint = await kyc.webhookEndpoints.create({ url: `http://127.0.0.1:${port}/hook` });
			try {
				const attempt = await kyc.test.trigger(endpoint.id, "verification.verified");
				expect(attempt).toMatchObject({ status: "succeeded", response_status: 200 });
				// The dev key's earlier verifications may still be changing status, so real events can arrive too:
				// every request must verify, and the triggered sample must be among them.
				const events = await Promise.all(received.map((r) => kyc.webhooks.verify(r.body, r.headers, endpoint.secret)));
				expect(events.find((e) => e.id === attempt.event_id)).toMatchObject({
					type: "verification.verified",
					test: true,
				});
			} finally {
				await kyc.webhookEndpoints.delete(endpoint.id);
			}
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});
});
