import { createClient, KycApiError, type KycClient } from "@kyc/client";

export type {
	Event as TimelineEvent,
	ProviderStatus,
	TestEventType,
	Verification,
	VerificationStatus,
	WebhookDelivery,
	WebhookEndpoint,
	WebhookEndpointWithSecret,
} from "@kyc/client";

/** The typed client, calling the API of the origin that served the console (so CSP `connect-src 'self'` holds). */
export type Client = KycClient;

export function clientFor(apiKey: string): Client {
	// One quick retry for a blip; a rate limit's Retry-After (10 s, the key's window) is shown as an error rather than
	// waited out.
	return createClient({ apiKey, baseUrl: location.origin, maxRetries: 1, retryMaxDelayMs: 5000 });
}

/** What the console shows for a failed call. */
export interface ErrorView {
	title: string;
	detail: string;
	requestId: string | null;
	fields: { field: string; message: string }[];
	status: number | null;
}

export function describeError(error: unknown): ErrorView {
	if (error instanceof KycApiError) {
		return {
			title: `${error.title} (${error.status} ${error.code})`,
			detail: error.detail,
			requestId: error.requestId,
			fields: error.errors.map((e) => ({ field: e.field, message: e.message })),
			status: error.status,
		};
	}
	const detail = error instanceof Error ? error.message : String(error);
	return { title: "The API could not be reached", detail, requestId: null, fields: [], status: null };
}

/** A 401: the key was revoked or mistyped, so the session is over. */
export const isUnauthorized = (error: unknown): boolean => error instanceof KycApiError && error.status === 401;
