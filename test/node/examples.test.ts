/**
 * The partner examples (examples/, shown verbatim in docs/partners.md, "Webhooks"): each handler run against a
 * delivery signed by the service's own signing code, with the body the service's payload code makes. A good signature
 * is acknowledged and handled; anything the service did not send, or sent too long ago, is a 400 and never handled.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import honoWorker from "../../examples/hono-worker/src/index";
import { POST as nextRoute } from "../../examples/nextjs/app/api/kyc-webhook/route";
import { toWebhookEvent } from "../../src/webhooks/payload";
import { generateSecret, signedHeaders } from "../../src/webhooks/signing";

const ROOT = join(import.meta.dirname, "..", "..");
const EXAMPLES = ["examples/hono-worker/src/index.ts", "examples/nextjs/app/api/kyc-webhook/route.ts"];

/** Each `<!-- include: path -->` marker in a doc and the fenced block right after it. */
function includedBlocks(doc: string): Map<string, string> {
	const blocks = new Map<string, string>();
	for (const m of doc.matchAll(/<!-- include: (\S+) -->\n```\w*\n([\s\S]*?)```/g)) blocks.set(m[1] ?? "", m[2] ?? "");
	return blocks;
}

describe("docs/partners.md shows the examples as they are", () => {
	const blocks = includedBlocks(readFileSync(join(ROOT, "docs/partners.md"), "utf8"));
	it("includes every example", () => expect([...blocks.keys()].sort()).toEqual([...EXAMPLES].sort()));
	it.each(EXAMPLES)("%s equals its block", (path) => {
		expect(blocks.get(path)).toBe(readFileSync(join(ROOT, path), "utf8"));
	});
});

const NOW = Math.floor(Date.now() / 1000);
const secret = generateSecret();
const body = JSON.stringify(
	toWebhookEvent(
		{
			id: "evt_01JEXAMPLE00000000000000000",
			verificationId: "ver_01JEXAMPLE00000000000000000",
			clientId: "cli_example",
			livemode: false,
			type: "verification.verified",
			version: 3,
			status: "verified",
			previousStatus: "processing",
			data: {},
			createdAt: NOW * 1000,
		},
		"user-42",
	),
);

interface Delivery {
	headers: Record<string, string>;
	body: string;
}

const signed = async (input: { secrets: string[]; timestamp?: number; body?: string }): Promise<Delivery> => ({
	headers: {
		"content-type": "application/json",
		...(await signedHeaders({
			id: "evt_01JEXAMPLE00000000000000000",
			timestamp: input.timestamp ?? NOW,
			body,
			secrets: input.secrets,
		})),
	},
	body: input.body ?? body,
});

const request = (path: string, d: Delivery) =>
	new Request(`https://partner.example${path}`, { method: "POST", headers: d.headers, body: d.body });

const handlers: [string, (d: Delivery) => Promise<Response>][] = [
	[
		"Hono on Workers",
		(d) => Promise.resolve(honoWorker.fetch(request("/kyc-webhook", d), { KYC_WEBHOOK_SECRET: secret })),
	],
	["Next.js route handler", (d) => nextRoute(request("/api/kyc-webhook", d))],
];

describe.each(handlers)("%s", (_name, deliver) => {
	let handled: MockInstance<typeof console.log>;
	beforeEach(() => {
		vi.stubEnv("KYC_WEBHOOK_SECRET", secret);
		handled = vi.spyOn(console, "log").mockImplementation(() => {});
	});
	afterEach(() => {
		vi.unstubAllEnvs();
		handled.mockRestore();
	});

	it("acknowledges a delivery the service signed, and handles its event", async () => {
		const res = await deliver(await signed({ secrets: [secret] }));
		expect(res.status).toBe(204);
		expect(handled).toHaveBeenCalledExactlyOnceWith(
			"evt_01JEXAMPLE00000000000000000: verification.verified for ver_01JEXAMPLE00000000000000000, version 3",
		);
	});

	it("acknowledges a delivery signed during a rotation (the new secret and this one)", async () => {
		const res = await deliver(await signed({ secrets: [generateSecret(), secret] }));
		expect(res.status).toBe(204);
		expect(handled).toHaveBeenCalledOnce();
	});

	const refused: [string, () => Promise<Delivery>, string][] = [
		[
			"an altered body",
			() => signed({ secrets: [secret], body: body.replace('"verified"', '"failed"') }),
			"no_matching_signature",
		],
		["another secret", () => signed({ secrets: [generateSecret()] }), "no_matching_signature"],
		["a timestamp 10 minutes old", () => signed({ secrets: [secret], timestamp: NOW - 600 }), "timestamp_too_old"],
		["a timestamp 10 minutes ahead", () => signed({ secrets: [secret], timestamp: NOW + 600 }), "timestamp_too_new"],
		["no signature", async () => ({ headers: { "content-type": "application/json" }, body }), "missing_headers"],
	];
	it.each(refused)("refuses %s with a 400 and handles nothing", async (_case, make, reason) => {
		const res = await deliver(await make());
		expect(res.status).toBe(400);
		expect(await res.text()).toBe(reason);
		expect(handled).not.toHaveBeenCalled();
	});
});
