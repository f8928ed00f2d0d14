import { isVerificationEvent, verifyWebhook, type WebhookPayload, WebhookVerificationError } from "@kyc/client";

/**
 * A Next.js App Router route handler: POST /api/kyc-webhook. `KYC_WEBHOOK_SECRET` is the endpoint's `whsec_…` secret
 * (in `.env.local`, or your host's environment settings).
 */
export async function POST(request: Request): Promise<Response> {
	// The raw body, exactly as received: the signature covers these bytes, not re-serialised JSON.
	const body = await request.text();
	let event: WebhookPayload;
	try {
		event = await verifyWebhook(body, request.headers, process.env.KYC_WEBHOOK_SECRET ?? "");
	} catch (e) {
		// Not from the service, altered, or stamped more than 5 minutes from this clock: never processed. A secret
		// that is not `whsec_…` is this receiver's own misconfiguration: thrown, a 500 you will see.
		if (e instanceof WebhookVerificationError && e.reason !== "invalid_secret")
			return new Response(e.reason, { status: 400 });
		throw e;
	}
	await handle(request.headers.get("webhook-id") ?? event.id, event);
	// Any 2xx acknowledges it; anything else is retried for about three days.
	return new Response(null, { status: 204 });
}

/**
 * Your work goes here. A delivery may repeat (same `webhook-id`): skip an id you have processed. Order on the wire is
 * not promised: per verification, apply only a `data.version` above the one you hold.
 */
async function handle(webhookId: string, event: WebhookPayload): Promise<void> {
	if (!isVerificationEvent(event)) return; // the `webhook.test` ping
	console.log(`${webhookId}: ${event.type} for ${event.data.id}, version ${event.data.version}`);
}
