import { createRoute, z } from "@hono/zod-openapi";
import { router } from "../context";
import { openApiErrorResponses } from "../openapi";

const route = createRoute({
	method: "get",
	path: "/health",
	tags: ["Meta"],
	operationId: "getHealth",
	summary: "Liveness",
	description: "No API key needed. Answers 503 only when the deployment's configuration cannot be read.",
	security: [],
	responses: {
		200: {
			description: "The worker is up.",
			content: { "application/json": { schema: z.object({ status: z.literal("ok") }).openapi("Health") } },
		},
		503: openApiErrorResponses[503],
	},
});

export const healthRouter = router().openapi(route, (c) => c.json({ status: "ok" as const }, 200));
