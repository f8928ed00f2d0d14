import { createRoute } from "@hono/zod-openapi";
import { unwrap } from "../../../errors";
import { verificationStub } from "../../../pipeline/stub";
import { router } from "../../context";
import { idempotencyHeaders, jsonResponse, openApiErrorResponses, replayedHeaders } from "../../openapi";
import { IdParam, VerificationSchema } from "../verifications/schema";
import { AdvanceSchema, TEST_TAG } from "./schema";

const route = createRoute({
	method: "post",
	path: "/verifications/{id}/advance",
	tags: [TEST_TAG],
	operationId: "advanceTestClock",
	summary: "Advance a verification's test clock",
	description:
		'Test mode only (a live key gets 404). Moves this verification\'s clock forward by `seconds` and runs every provider poll, deadline and personal-data purge that falls due in that time, in order, each with its normal timeline entries and webhooks; answers the updated verification. Its timestamps then read on its own clock. Example: a digit-5 passport expires after `{"seconds": 86400}`.',
	request: {
		params: IdParam,
		headers: idempotencyHeaders,
		body: { content: { "application/json": { schema: AdvanceSchema, example: { seconds: 86_400 } } }, required: true },
	},
	responses: {
		200: { ...jsonResponse(VerificationSchema, "The verification after the clock moved."), headers: replayedHeaders },
		...openApiErrorResponses,
	},
});

export const advanceClockRoute = router().openapi(route, async (c) => {
	const stub = verificationStub(c.env, c.req.valid("param").id);
	return c.json(unwrap(await stub.advanceClock(c.var.account, c.req.valid("json").seconds)), 200);
});
