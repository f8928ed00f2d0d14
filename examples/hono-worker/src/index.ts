import { isVerificationEvent, verifyWebhook, type WebhookPayload, WebhookVerificationError } from "@kyc/client";
import { Hono } from "hono";

/** The endpoint's `whsec_…` secret, set with `npx wrangler secret put KYC_WEBHOOK_SECRET`. */
type Env = { KYC_WEBHOOK_SECRET: string };

const app = new Hono<{ Bindings: Env }>();

app.post("/kyc-webhook", async (c) => {
	// The raw body, exactly as received: the signature covers these bytes, not re-serialised JSON.
	const body = await c.req.text();
	let event: WebhookPayload;
	try {
		event = await verifyWebhook(body, c.req.raw.headers, c.env.KYC_WEBHOOK_SECRET);
	} catch (e) {
		// Not from the service, altered, or stamped more than 5 minutes from this clock: never processed. A secret
		// that is not `whsec_…` is this receiver's own misconfiguration: thrown, a 500 you will see.
		if (e instanceof WebhookVerificationError && e.reason !== "invalid_secret") return c.text(e.reason, 400);
		throw e;
	}
	await handle(c.req.header("webhook-id") ?? event.id, event);
	// Any 2xx acknowledges it; anything else is retried for about three days.
	return c.body(null, 204);
});

/**
 * Your work goes here. A delivery may repeat (same `webhook-id`): skip an id you have processed. Order on the wire is
 * not promised: per verification, apply only a `data.version` above the one you hold.
 */
async function handle(webhookId: string, event: WebhookPayload): Promise<void> {
	if (!isVerificationEvent(event)) return; // the `webhook.test` ping
	console.log(`${webhookId}: ${event.type} for ${event.data.id}, version ${event.data.version}`);
}

export default app;
