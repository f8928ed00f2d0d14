import { createRoute, z } from "@hono/zod-openapi";
import { piiCipher } from "../../../crypto/pii";
import { ApiError, openApiErrorResponses, unwrap } from "../../../errors";
import { newId } from "../../../ids";
import { router } from "../../context";
import { claimIdempotencyKey } from "./idempotency";
import { SubmitSchema, VerificationSchema } from "./schema";

const route = createRoute({
	method: "post",
	path: "/",
	tags: ["Verifications"],
	summary: "Submit passport details",
	description:
		"Accepts a verification and starts it asynchronously (202). Send an `Idempotency-Key` to make retries safe: the same key with the same body returns the same verification with `Idempotent-Replayed: true`; with another body it is a 422.",
	request: {
		headers: z.object({
			"idempotency-key": z
				.string()
				.min(1)
				.max(255)
				.regex(/^[\x21-\x7e]+$/)
				.optional()
				.openapi({ example: "signup-8812-1" }),
		}),
		body: { content: { "application/json": { schema: SubmitSchema } }, required: true },
	},
	responses: {
		202: {
			description: "Accepted; watch `status` or your webhook endpoint.",
			headers: z.object({ "Idempotent-Replayed": z.string().optional() }),
			content: { "application/json": { schema: VerificationSchema } },
		},
		...openApiErrorResponses,
	},
});

export const createVerification = router().openapi(route, async (c) => {
	const body = c.req.valid("json");
	const clientId = c.get("clientId");
	const config = c.get("config");
	if (config.piiKeys.length === 0) throw new ApiError("service_unavailable", "Personal data encryption is not configured.");
	const { mrz, reference, metadata, ...data } = body;
	const cipher = piiCipher(config.piiKeys);
	// Keyed, so the stored fingerprint of a body full of personal data cannot be brute-forced.
	const requestHash = await cipher.blindIndex(`request|${clientId}|${JSON.stringify(body)}`);
	const key = c.req.valid("header")["idempotency-key"];
	let id = newId("ver");
	let claimedBefore = false;
	if (key) {
		const claim = await claimIdempotencyKey(c.get("db"), { clientId, key, requestHash, verificationId: id });
		if (claim.requestHash !== requestHash) {
			throw new ApiError("idempotency_key_reused", "This Idempotency-Key was already used with a different request body.");
		}
		id = claim.verificationId;
		claimedBefore = claim.existing;
	}
	const blindIndex = await cipher.blindIndex(
		[clientId, data.passport_number, data.date_of_birth, data.last_name.toUpperCase()].join("|"),
	);
	const result = await c.env.VERIFICATION.getByName(id).create({
		id,
		clientId,
		provider: config.provider,
		reference: reference ?? null,
		metadata: metadata ?? {},
		data: { ...data, mrz },
		requestHash,
		blindIndex,
	});
	const { view, replayed } = unwrap(result);
	if (replayed || claimedBefore) c.header("Idempotent-Replayed", "true");
	return c.json(view, 202);
});
