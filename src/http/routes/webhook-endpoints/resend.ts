import { createRoute, z } from "@hono/zod-openapi";
import { resendDelivery } from "../../../webhooks/delivery-log";
import { loadEndpoint } from "../../../webhooks/endpoints";
import { toDeliveryView } from "../../../webhooks/objects";
import { router } from "../../context";
import {
	conflictResponse,
	idempotencyHeaders,
	jsonResponse,
	openApiErrorResponses,
	replayedHeaders,
} from "../../openapi";
import { DELIVERY_ID_EXAMPLE, DeliverySchema, EndpointIdParam, TAG } from "./schema";

const DeliveryParams = EndpointIdParam.extend({
	delivery_id: z.string().openapi({ param: { name: "delivery_id", in: "path" }, example: DELIVERY_ID_EXAMPLE }),
});

const route = createRoute({
	method: "post",
	path: "/{id}/deliveries/{delivery_id}/resend",
	tags: [TAG],
	operationId: "resendDelivery",
	summary: "Re-send one delivery now",
	description:
		"Queues this delivery to be sent again now, whatever its status (also one that succeeded), with a fresh retry schedule and the same `webhook-id`. The endpoint must be enabled (409 otherwise).",
	request: { params: DeliveryParams, headers: idempotencyHeaders },
	responses: {
		202: { ...jsonResponse(DeliverySchema, "Queued; the delivery as it now stands."), headers: replayedHeaders },
		...openApiErrorResponses,
		...conflictResponse,
	},
});

export const resendDeliveryRoute = router().openapi(route, async (c) => {
	const db = c.get("db");
	const { id, delivery_id } = c.req.valid("param");
	const endpoint = await loadEndpoint(db, c.var.account, id);
	return c.json(
		toDeliveryView(await resendDelivery(db, c.var.dbName, c.env.DELIVERIES_QUEUE, endpoint, delivery_id)),
		202,
	);
});
