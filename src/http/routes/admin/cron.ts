import { createRoute, z } from "@hono/zod-openapi";
import { allCronStates } from "../../../cron/state";
import { router } from "../../context";
import { jsonResponse, openApiErrorResponses } from "../../openapi";
import { ADMIN_SECURITY, ADMIN_TAG } from "./schema";

const CronStatusSchema = z
	.object({
		object: z.literal("cron_status"),
		jobs: z.array(
			z.object({
				job: z.string().openapi({ example: "prune@SHARD_0", description: "The job and the shard it ran on." }),
				updated_at: z.string().datetime().openapi({ description: "When the job last recorded its state." }),
				state: z.record(z.string(), z.unknown()).openapi({
					description:
						"What the job recorded at the end of its last run. `prune`: rows `deleted`, the `backlog` still due (counted up to one more run's worth), `lag_seconds` of the oldest due row past its retention edge, and `behind` (more than an hour behind: also logged as `retention.prune_behind` at error level). `reconcile`: its position.",
					example: {
						deleted: { verifications: 70, deliveries: 210, endpoints: 0 },
						backlog: { verifications: 0, deliveries: 0 },
						lag_seconds: { verifications: 0, deliveries: 0 },
						behind: false,
					},
				}),
			}),
		),
	})
	.openapi("CronStatus");

const route = createRoute({
	method: "get",
	path: "/",
	tags: [ADMIN_TAG],
	operationId: "getCronStatus",
	security: ADMIN_SECURITY,
	summary: "What the cron's jobs recorded at their last run",
	description:
		"One entry per job that keeps state between runs: the retention prune's backlog (is it keeping up with intake?) and the reconcile sweep's position.",
	responses: { 200: jsonResponse(CronStatusSchema, "The jobs' last recorded state."), ...openApiErrorResponses },
});

export const cronStatusRoute = router().openapi(route, async (c) => {
	const jobs = await allCronStates(c.get("db"));
	return c.json(
		{
			object: "cron_status" as const,
			jobs: jobs.map((j) => ({
				job: j.job,
				updated_at: new Date(j.updatedAt).toISOString(),
				state: j.state as Record<string, unknown>,
			})),
		},
		200,
	);
});
