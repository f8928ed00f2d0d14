import { createRoute } from "@hono/zod-openapi";
import { unwrap } from "../../../errors";
import { verificationStub } from "../../../pipeline/stub";
import { router } from "../../context";
import { conflictResponse, idempotencyHeaders, openApiErrorResponses, replayedHeaders } from "../../openapi";
import { IdParam, VerificationSchema } from "./schema";

const route = createRoute({
	method: "post",
	path: "/{id}/cancel",
	tags: ["Verifications"],
	operationId: "cancelVerification",
	summary: "Cancel a verification",
	description:
		"Stops a verification that has not decided (`submitted`, `processing` or `requires_action`): it becomes `failed` with `last_error.code` `canceled`, not retryable — one status change, with its `verification.failed` webhook. A provider answer that arrives afterwards is recorded on the timeline (`verification.provider_answer_ignored`) and changes nothing. From `verified`, `failed` or `expired` it is a 409 naming the current status.",
	request: { params: IdParam, headers: idempotencyHeaders },
	responses: {
		200: {
			description: "Canceled.",
			headers: replayedHeaders,
			content: { "application/json": { schema: VerificationSchema } },
		},
		...openApiErrorResponses,
		...conflictResponse,
	},
});

export const cancelVerification = router().openapi(route, async (c) => {
	const stub = verificationStub(c.env, c.req.valid("param").id);
	return c.json(unwrap(await stub.cancel(c.var.account)), 200);
});
