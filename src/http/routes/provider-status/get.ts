import { createRoute } from "@hono/zod-openapi";
import { providersFor } from "../../../config";
import { providerHealth } from "../../../providers";
import { router } from "../../context";
import { etagHeaders, notModifiedResponse, openApiErrorResponses, readHeaders } from "../../openapi";
import { PROVIDER_STATUS_TAG, ProviderStatusListSchema, toProviderStatus } from "./schema";

const route = createRoute({
	method: "get",
	path: "/",
	tags: [PROVIDER_STATUS_TAG],
	operationId: "getProviderStatus",
	summary: "The providers' status",
	description:
		"Each passport provider your key's mode uses, in order of preference: a live key sees live mode's providers, a test key the sandbox pair (which always reports `operational`). Status and success rate cover the last 10 minutes of lookups from every verification, not only yours. While the first provider is `down`, lookups fail over to the next: verifications keep deciding within one attempt.",
	request: { headers: readHeaders },
	responses: {
		200: {
			headers: etagHeaders,
			description: "The providers, in order of preference.",
			content: { "application/json": { schema: ProviderStatusListSchema } },
		},
		...openApiErrorResponses,
		...notModifiedResponse,
	},
});

export const providerStatusRouter = router().openapi(route, async (c) => {
	const { livemode } = c.var.account;
	const health = await providerHealth(providersFor(c.get("config"), livemode), c.env);
	return c.json({ object: "provider_status" as const, livemode, data: health.map(toProviderStatus) }, 200);
});
