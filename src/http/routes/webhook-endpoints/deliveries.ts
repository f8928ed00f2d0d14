import { createRoute } from "@hono/zod-openapi";
import { listDeliveries } from "../../../webhooks/delivery-log";
import { loadEndpoint } from "../../../webhooks/endpoints";
import { toDeliveryView } from "../../../webhooks/objects";
import { router } from "../../context";
import {
	etagHeaders,
	listBody,
	listOf,
	notModifiedResponse,
	openApiErrorResponses,
	pagination,
	readHeaders,
} from "../../openapi";
import { DeliveryQuery, DeliverySchema, EndpointIdParam, TAG } from "./schema";

const route = createRoute({
	method: "get",
	path: "/{id}/deliveries",
	tags: [TAG],
	operationId: "listDeliveries",
	summary: "List an endpoint's deliveries",
	description:
		"Newest first, the last 30 days (the delivery log's window; the deployment's `DELIVERY_RETENTION_SECONDS`): one entry per event sent (or to be sent) to this endpoint, with its status, attempt count, the last attempt's HTTP status, latency and error class, and when the next retry is due.",
	request: { headers: readHeaders, params: EndpointIdParam, query: pagination.extend(DeliveryQuery.shape) },
	responses: {
		200: {
			headers: etagHeaders,
			description: "A page of deliveries.",
			content: { "application/json": { schema: listOf(DeliverySchema, "WebhookDeliveryList") } },
		},
		...openApiErrorResponses,
		...notModifiedResponse,
	},
});

export const listDeliveriesRoute = router().openapi(route, async (c) => {
	const db = c.get("db");
	const row = await loadEndpoint(db, c.var.account, c.req.valid("param").id);
	const q = c.req.valid("query");
	const page = await listDeliveries(db, {
		endpointId: row.id,
		status: q.status,
		startingAfter: q.starting_after,
		limit: q.limit,
	});
	return c.json(listBody(page, toDeliveryView), 200);
});
