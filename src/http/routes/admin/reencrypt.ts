import { createRoute } from "@hono/zod-openapi";
import { reencryptBatch } from "../../../cron/reencrypt";
import { iso } from "../../../time";
import { router } from "../../context";
import { jsonResponse, openApiErrorResponses } from "../../openapi";
import { ADMIN_SECURITY, ADMIN_TAG, ReencryptionSchema, ReencryptSchema } from "./schema";

const route = createRoute({
	method: "post",
	path: "/",
	tags: [ADMIN_TAG],
	operationId: "reencryptStoredData",
	security: ADMIN_SECURITY,
	summary: "Re-encrypt stored data under the current key",
	description:
		"Run after a key rotation (new key in `PII_ENCRYPTION_KEY`, old ones in `PII_ENCRYPTION_KEYS_PREVIOUS`): one bounded batch re-seals webhook signing secrets and makes each verification still holding personal data re-seal it, recompute its blind index and move its duplicate-guard claim. While `next_cursor` is set call again with it; a pass is complete when it is null. Repeat passes until `remaining` is 0 for both; `npm run pii:reencrypt` does this.",
	request: { body: { content: { "application/json": { schema: ReencryptSchema } }, required: false } },
	responses: {
		200: jsonResponse(ReencryptionSchema, "What this batch did, and what remains."),
		...openApiErrorResponses,
	},
});

export const reencryptRoute = router().openapi(route, async (c) => {
	const body = c.req.valid("json");
	const r = await reencryptBatch(c.env, c.get("config"), { cursor: body?.cursor, limit: body?.limit ?? 50 });
	const counts = (n: { endpoints: number; verifications: number }) => ({
		webhook_endpoints: n.endpoints,
		verifications: n.verifications,
	});
	return c.json(
		{
			object: "reencryption" as const,
			key_id: r.keyId,
			reencrypted: counts(r.reencrypted),
			unreadable: counts(r.unreadable),
			failed: r.failed,
			remaining: counts(r.remaining),
			idempotency_hashes: { not_current: r.idempotencyHashes.count, ages_out_at: iso(r.idempotencyHashes.agesOutAt) },
			next_cursor: r.nextCursor,
		},
		200,
	);
});
