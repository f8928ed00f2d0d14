import { createRoute, z } from "@hono/zod-openapi";
import { router } from "../context";

const route = createRoute({
	method: "get",
	path: "/health",
	tags: ["Meta"],
	summary: "Liveness",
	security: [],
	responses: {
		200: {
			description: "The worker is up.",
			content: { "application/json": { schema: z.object({ status: z.literal("ok") }).openapi("Health") } },
		},
	},
});

export const healthRouter = router().openapi(route, (c) => c.json({ status: "ok" as const }, 200));
