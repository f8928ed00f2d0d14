import { createRoute } from "@hono/zod-openapi";
import { unwrap } from "../../../errors";
import { verificationStub } from "../../../pipeline/stub";
import { router } from "../../context";
import { conflictResponse, idempotencyHeaders, openApiErrorResponses, replayedHeaders } from "../../openapi";
import { IdParam, VerificationSchema } from "./schema";

const route = createRoute({
	method: "delete",
	path: "/{id}",
	tags: ["Verifications"],
	operationId: "redactVerification",
	summary: "Erase a verification's personal data",
	description:
		"Erases the passport number, names, date of birth and MRZ. Status, version and timeline stay, and a `verification.redacted` entry records it. A redacted verification cannot be retried. Not allowed while a provider lookup is in flight (`submitted`, `processing`): 409.",
	request: { params: IdParam, headers: idempotencyHeaders },
	responses: {
		200: {
			description: "Redacted.",
			headers: replayedHeaders,
			content: { "application/json": { schema: VerificationSchema } },
		},
		...openApiErrorResponses,
		...conflictResponse,
	},
});

export const redactVerification = router().openapi(route, async (c) => {
	const stub = verificationStub(c.env, c.req.valid("param").id);
	return c.json(unwrap(await stub.redact(c.var.account)), 200);
});
