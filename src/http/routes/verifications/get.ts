import { createRoute } from "@hono/zod-openapi";
import { unwrap } from "../../../errors";
import { verificationStub } from "../../../pipeline/stub";
import { router } from "../../context";
import { etagHeaders, notModifiedResponse, openApiErrorResponses, readHeaders } from "../../openapi";
import { IdParam, VerificationSchema } from "./schema";

const route = createRoute({
	method: "get",
	path: "/{id}",
	tags: ["Verifications"],
	operationId: "getVerification",
	summary: "Get a verification",
	description:
		"Read from the verification's own Durable Object: always the latest state. To poll cheaply, send the `ETag` of the last answer as `If-None-Match`: while nothing changed the answer is a `304` with no body.",
	request: { headers: readHeaders, params: IdParam },
	responses: {
		200: {
			headers: etagHeaders,
			description: "The verification.",
			content: { "application/json": { schema: VerificationSchema } },
		},
		...openApiErrorResponses,
		...notModifiedResponse,
	},
});

export const getVerification = router().openapi(route, async (c) => {
	const stub = verificationStub(c.env, c.req.valid("param").id);
	return c.json(unwrap(await stub.get(c.var.account)), 200);
});
