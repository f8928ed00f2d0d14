import { createRoute } from "@hono/zod-openapi";
import { unwrap } from "../../../errors";
import { accountOf, router } from "../../context";
import { openApiErrorResponses } from "../../openapi";
import { verificationStub } from "./lookup";
import { IdParam, VerificationSchema } from "./schema";

const route = createRoute({
	method: "get",
	path: "/{id}",
	tags: ["Verifications"],
	operationId: "getVerification",
	summary: "Get a verification",
	description: "Read from the verification's own Durable Object: always the latest state.",
	request: { params: IdParam },
	responses: {
		200: { description: "The verification.", content: { "application/json": { schema: VerificationSchema } } },
		...openApiErrorResponses,
	},
});

export const getVerification = router().openapi(route, async (c) => {
	const stub = verificationStub(c.env, c.req.valid("param").id);
	return c.json(unwrap(await stub.get(accountOf(c))), 200);
});
