// @ts-check
// After `tsc` emits dist/: the published entry point loads as plain ESM in Node (no bundler, no TypeScript), and a
// client call and a webhook round trip work with the platform's own WebCrypto.
import assert from "node:assert/strict";

// A computed specifier: dist/ does not exist when the scripts are type-checked, before the build.
/** @type {typeof import("../src/index.js")} */
const kyc = await import(new URL("../dist/index.js", import.meta.url).href);
const exported = /** @type {Record<string, unknown>} */ (kyc);
for (const name of [
	"createClient",
	"verifyWebhook",
	"signWebhook",
	"responseOf",
	"KycApiError",
	"WebhookVerificationError",
]) {
	assert.equal(typeof exported[name], "function", `dist/index.js exports ${name}`);
}
const client = kyc.createClient({
	apiKey: "kyc_test_x",
	baseUrl: "https://kyc.example",
	fetch: async () => new Response(JSON.stringify({ id: "ver_1" }), { status: 200 }),
});
assert.equal((await client.verifications.get("ver_1")).id, "ver_1");
const secret = `whsec_${btoa("k".repeat(32))}`;
const body = JSON.stringify({ id: "evt_1", type: "verification.verified" });
const headers = await kyc.signWebhook({ id: "evt_1", body, secret });
assert.equal((await client.webhooks.verify(body, headers, secret)).id, "evt_1");
console.log(`dist smoke ok (node ${process.version})`);
