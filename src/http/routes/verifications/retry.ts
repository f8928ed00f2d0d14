import { createRoute } from "@hono/zod-openapi";
import { unwrap } from "../../../errors";
import { verificationStub } from "../../../pipeline/stub";
import { router } from "../../context";
import { idempotencyHeaders, openApiErrorResponses, problem, replayedHeaders } from "../../openapi";
import { IdParam, RetrySchema, VerificationSchema } from "./schema";

const route = createRoute({
	method: "post",
	path: "/{id}/retry",
	tags: ["Verifications"],
	operationId: "retryVerification",
	summary: "Retry or resubmit a verification",
	description:
		"Allowed from `failed` with a retryable `last_error`, from `expired`, and from `requires_action` with a corrected value for at least one field named in `required_action.fields`. Moves the verification back to `submitted`; anything else is a 409 `invalid_state` naming the current status. A retry claims the person (as corrected) like a submission: while another verification of the same passport number, date of birth and last name is active, it is a 409 `duplicate_verification` naming that verification (`verification_id`).",
	request: {
		params: IdParam,
		headers: idempotencyHeaders,
		body: { content: { "application/json": { schema: RetrySchema } }, required: false },
	},
	responses: {
		202: {
			description: "Resubmitted.",
			headers: replayedHeaders,
			content: { "application/json": { schema: VerificationSchema } },
		},
		...openApiErrorResponses,
		409: problem(
			"`invalid_state`: not retryable from its status (`current_status`). `duplicate_verification`: another verification of the same person is active (`verification_id`).",
		),
	},
});

export const retryVerification = router().openapi(route, async (c) => {
	const stub = verificationStub(c.env, c.req.valid("param").id);
	const corrections = c.req.valid("json") ?? {};
	return c.json(unwrap(await stub.retry(c.var.account, corrections)), 202);
});
