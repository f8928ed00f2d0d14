import { createRoute, z } from "@hono/zod-openapi";
import { submitVerification } from "../../../pipeline/submit";
import { router } from "../../context";
import { idempotencyHeaders, openApiErrorResponses } from "../../openapi";
import { SubmitSchema, VerificationSchema } from "./schema";

const route = createRoute({
	method: "post",
	path: "/",
	tags: ["Verifications"],
	operationId: "createVerification",
	summary: "Submit passport details",
	description:
		"Accepts a verification and starts it asynchronously (202). Send an `Idempotency-Key` to make retries safe: the same key with the same body returns the same verification with `Idempotent-Replayed: true`; with another body it is a 422. While a verification of the same passport number, date of birth and last name is still active, submitting again returns it (`Duplicate-Of-Active: true`) instead of paying for a second lookup.",
	request: {
		headers: idempotencyHeaders,
		body: { content: { "application/json": { schema: SubmitSchema } }, required: true },
	},
	responses: {
		202: {
			description: "Accepted; watch `status` or your webhook endpoint.",
			headers: z.object({
				"Idempotent-Replayed": z
					.string()
					.optional()
					.openapi({ description: "`true` when this replays an earlier request." }),
				"Duplicate-Of-Active": z
					.string()
					.optional()
					.openapi({ description: "`true` when an active verification of the same person was returned instead." }),
			}),
			content: { "application/json": { schema: VerificationSchema } },
		},
		...openApiErrorResponses,
	},
});

export const createVerification = router().openapi(route, async (c) => {
	const body = c.req.valid("json");
	const { mrz, reference, metadata, ...data } = body;
	const result = await submitVerification(c.env, c.get("db"), c.get("config"), {
		account: c.var.account,
		idempotencyKey: c.req.valid("header")["idempotency-key"],
		body,
		data: { ...data, mrz },
		reference: reference ?? null,
		metadata: metadata ?? {},
	});
	if (result.replayed) c.header("Idempotent-Replayed", "true");
	if (result.duplicate) c.header("Duplicate-Of-Active", "true");
	return c.json(result.view, 202);
});
