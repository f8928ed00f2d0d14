import { beforeAll, describe, expect, it } from "vitest";
import { EVENT_TYPES, STATUS_EVENT_TYPES, TEST_EVENT_TYPE } from "../../src/webhooks/payload";
import { servedDocument } from "../helpers/contract";

interface Operation {
	operationId?: string;
	tags?: string[];
	parameters?: { name: string; in: string }[];
	responses: Record<
		string,
		{ content?: Record<string, { schema?: { $ref?: string } }>; headers?: Record<string, unknown> }
	>;
	requestBody?: {
		content: Record<string, { examples?: Record<string, { value: { type: string } }>; example?: { type: string } }>;
	};
}
interface Doc {
	tags?: { name: string; description?: string }[];
	paths: Record<string, Record<string, Operation>>;
	webhooks?: Record<string, Record<string, Operation>>;
}

// Partners' document and operators' (GET /admin/openapi.json): every rule below holds for both.
let doc: Doc;
let operatorDoc: Doc;
beforeAll(async () => {
	doc = (await servedDocument()) as unknown as Doc;
	operatorDoc = (await servedDocument("/admin/openapi.json")) as unknown as Doc;
});

const operations = (items: Record<string, Record<string, Operation>>) =>
	Object.entries(items).flatMap(([path, item]) =>
		Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
	);
const all = (d: Doc) => [...operations(d.paths), ...operations(d.webhooks ?? {})];
const documents = () => [
	{ name: "partners'", doc },
	{ name: "operators'", doc: operatorDoc },
];

// The operationIds are a generated SDK's method names: renaming one breaks every client, so each is pinned here.
const OPERATION_IDS = {
	"GET /health": "getHealth",
	"GET /errors": "listErrors",
	"GET /errors/{code}": "getError",
	"POST /api/verifications": "createVerification",
	"GET /api/verifications": "listVerifications",
	"GET /api/verifications/{id}": "getVerification",
	"DELETE /api/verifications/{id}": "redactVerification",
	"POST /api/verifications/{id}/retry": "retryVerification",
	"POST /api/verifications/{id}/cancel": "cancelVerification",
	"GET /api/verifications/{id}/events": "listVerificationEvents",
	"GET /api/events": "listEvents",
	"GET /api/provider-status": "getProviderStatus",
	"POST /api/webhook-endpoints": "createWebhookEndpoint",
	"GET /api/webhook-endpoints": "listWebhookEndpoints",
	"GET /api/webhook-endpoints/{id}": "getWebhookEndpoint",
	"PATCH /api/webhook-endpoints/{id}": "updateWebhookEndpoint",
	"DELETE /api/webhook-endpoints/{id}": "deleteWebhookEndpoint",
	"POST /api/webhook-endpoints/{id}/enable": "enableWebhookEndpoint",
	"POST /api/webhook-endpoints/{id}/disable": "disableWebhookEndpoint",
	"POST /api/webhook-endpoints/{id}/rotate-secret": "rotateWebhookEndpointSecret",
	"POST /api/webhook-endpoints/{id}/test": "testWebhookEndpoint",
	"GET /api/webhook-endpoints/{id}/deliveries": "listDeliveries",
	"POST /api/webhook-endpoints/{id}/recover": "recoverDeliveries",
	"POST /api/webhook-endpoints/{id}/deliveries/{delivery_id}/resend": "resendDelivery",
	"POST /api/test/verifications/{id}/advance": "advanceTestClock",
	"POST /api/test/webhook-endpoints/{id}/trigger": "triggerTestEvent",
	"POST verification-event": "receiveVerificationEvent",
	"POST webhook-test": "receiveTestEvent",
	"POST verification-redacted": "receiveVerificationRedacted",
	"POST webhook-endpoint-failing": "receiveWebhookEndpointFailing",
	"POST webhook-endpoint-disabled": "receiveWebhookEndpointDisabled",
	"POST webhook-endpoint-enabled": "receiveWebhookEndpointEnabled",
	"POST webhook-endpoint-recovered": "receiveWebhookEndpointRecovered",
};
const OPERATOR_OPERATION_IDS = {
	"POST /admin/clients": "createClient",
	"POST /admin/clients/{id}/keys": "issueApiKey",
	"GET /admin/clients/{id}/keys": "listApiKeys",
	"DELETE /admin/clients/{id}/keys/{key_id}": "revokeApiKey",
	"POST /admin/clients/{id}/move": "moveClient",
	"POST /admin/reencrypt": "reencryptStoredData",
	"GET /admin/cron": "getCronStatus",
};

describe("OpenAPI operations", () => {
	it("each has its pinned operationId: unique across both documents, camelCase, starting with a verb", () => {
		const ids = Object.fromEntries(all(doc).map(({ name, op }) => [name, op.operationId]));
		expect(ids).toEqual(OPERATION_IDS);
		const operatorIds = Object.fromEntries(all(operatorDoc).map(({ name, op }) => [name, op.operationId]));
		expect(operatorIds).toEqual(OPERATOR_OPERATION_IDS);
		const values = [...Object.values(ids), ...Object.values(operatorIds)];
		expect(new Set(values).size).toBe(values.length);
		for (const id of values)
			expect(id).toMatch(
				/^(get|list|create|update|delete|redact|retry|cancel|enable|disable|rotate|test|recover|resend|advance|trigger|issue|revoke|receive|reencrypt|move)[A-Z][A-Za-z]*$/,
			);
	});

	it("each has exactly one tag, declared at the top with a description, and every declared tag is used", () => {
		for (const { name: which, doc: d } of documents()) {
			const declared = new Map((d.tags ?? []).map((t) => [t.name, t.description ?? ""]));
			const used = new Set<string>();
			for (const { name, op } of all(d)) {
				expect(op.tags, name).toHaveLength(1);
				for (const tag of op.tags ?? []) {
					expect(declared.get(tag), `${name}: tag "${tag}" is not declared with a description`).toMatch(/\S/);
					used.add(tag);
				}
			}
			expect([...declared.keys()].sort(), which).toEqual([...used].sort());
		}
	});

	it("every API operation but the static ones lists its 4xx responses, and every error is a Problem", () => {
		for (const { name, op } of [...operations(doc.paths), ...operations(operatorDoc.paths)]) {
			const statuses = Object.keys(op.responses);
			if (name !== "GET /health" && name !== "GET /errors")
				expect(
					statuses.some((s) => s.startsWith("4")),
					name,
				).toBe(true);
			for (const status of statuses.filter((s) => Number(s) >= 400)) {
				const content = op.responses[status]?.content ?? {};
				expect(Object.keys(content), `${name} ${status}`).toEqual(["application/problem+json"]);
				expect(content["application/problem+json"]?.schema?.$ref).toBe("#/components/schemas/Problem");
			}
		}
	});

	it("every POST, PATCH and DELETE under /api declares Idempotency-Key, and Idempotent-Replayed on its success", () => {
		const writes = operations(doc.paths).filter(({ name }) => /^(POST|PATCH|DELETE) \/api\//.test(name));
		expect(writes.length).toBeGreaterThan(10);
		for (const { name, op } of writes) {
			expect(op.parameters, name).toContainEqual(expect.objectContaining({ name: "idempotency-key", in: "header" }));
			const success = Object.entries(op.responses).filter(([status]) => status.startsWith("2"));
			expect(success.length, name).toBeGreaterThan(0);
			for (const [status, response] of success)
				expect(Object.keys(response.headers ?? {}), `${name} ${status}`).toContain("Idempotent-Replayed");
		}
	});

	it("the webhooks section shows a payload of every event type, and of the test ping", () => {
		const body = (name: string) => doc.webhooks?.[name]?.post?.requestBody?.content["application/json"];
		const examples = Object.values(body("verification-event")?.examples ?? {}).map((e) => e.value);
		expect(new Set(examples.map((e) => e.type))).toEqual(new Set(STATUS_EVENT_TYPES));
		// Each event that is not a status change has an entry of its own, named after its type, with an example.
		for (const type of EVENT_TYPES.filter((t) => !(STATUS_EVENT_TYPES as readonly string[]).includes(t)))
			expect(body(type.replace(/[._]/g, "-"))?.example?.type, type).toBe(type);
		expect(examples.filter((e) => "test" in e)).toHaveLength(1);
		expect(body("webhook-test")?.example?.type).toBe(TEST_EVENT_TYPE);
	});
});
