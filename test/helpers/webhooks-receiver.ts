/**
 * The partner's side for the webhook test files (not a test file itself): an MSW receiver inside workerd that
 * checks every signature with the npm `standardwebhooks` package, exactly as a partner would.
 */
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/native";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, expect, vi } from "vitest";
import { call, json } from "./api";
import { servedContract } from "./contract";

interface Received {
	id: string;
	/** When it arrived (the clock of the test: a fake one in tests that run the queues in time). */
	at: number;
	timestamp: string;
	signatures: string[];
	body: {
		id: string;
		type: string;
		livemode: boolean;
		data: { id: string; version: number; status: string } & Record<string, unknown>;
	};
}

/** Payloads received in this test that the document's `webhooks` section does not describe; checked after each test. */
const contractBreaks: string[] = [];

/** A partner's receiver behind MSW: verifies every request with `standardwebhooks` and records it. */
export class Receiver {
	readonly url: string;
	readonly received: Received[] = [];
	/** Answers to give, one per request, before answering 200 to everything validly signed. */
	script: (number | { status: number; headers: Record<string, string> })[] = [];
	/** Each event's first N requests are answered 500 (a receiver that keeps failing, then recovers). */
	failEachFirst = 0;
	/** Every request before this time (the test's clock) is answered 503: an outage. */
	downUntil = 0;
	private readonly seen = new Map<string, number>();
	requests = 0;
	secrets: string[] = [];

	constructor(name: string) {
		this.url = `https://hooks.partner.example.com/${name}`;
	}

	handler() {
		return http.post(this.url, async ({ request }) => {
			this.requests++;
			const webhookId = request.headers.get("webhook-id") ?? "";
			const tries = (this.seen.get(webhookId) ?? 0) + 1;
			this.seen.set(webhookId, tries);
			const next = Date.now() < this.downUntil ? 503 : tries <= this.failEachFirst ? 500 : (this.script.shift() ?? 200);
			const { status, headers: extra } = typeof next === "number" ? { status: next, headers: {} } : next;
			if (status !== 200) return new HttpResponse(null, { status, headers: extra });
			const body = await request.text();
			const headers = Object.fromEntries(request.headers);
			const verified = this.secrets.some((s) => {
				try {
					new Webhook(s).verify(body, headers);
					return true;
				} catch {
					return false;
				}
			});
			if (!verified) return HttpResponse.json({ error: "bad signature" }, { status: 400 });
			const payload: unknown = JSON.parse(body);
			contractBreaks.push(...(await servedContract()).checkWebhook(payload));
			this.received.push({
				id: headers["webhook-id"] ?? "",
				at: Date.now(),
				timestamp: headers["webhook-timestamp"] ?? "",
				signatures: (headers["webhook-signature"] ?? "").split(" "),
				body: payload as Received["body"],
			});
			return HttpResponse.json({ ok: true });
		});
	}

	/** Events received for one verification, as the partner would order them: by version. */
	forVerification(id: string): Received[] {
		return this.received.filter((r) => r.body.data.id === id).sort((a, b) => a.body.data.version - b.body.data.version);
	}
}

/** One MSW server per test file; every unexpected outbound request fails loudly. */
export const msw = setupServer();

/** Registers an endpoint through the API and tells the receiver its secret. */
export async function registerEndpoint(
	key: string,
	receiver: Receiver,
	extra: Record<string, unknown> = {},
): Promise<{ id: string; secret: string }> {
	const res = await call("/api/webhook-endpoints/", { key, body: { url: receiver.url, ...extra } });
	expect(res.status, await res.clone().text()).toBe(201);
	const body = await json<{ id: string; secret: string }>(res);
	receiver.secrets.push(body.secret);
	msw.use(receiver.handler());
	return body;
}

/** MSW on for the whole file, every unexpected outbound request an error; handlers and spies reset per test. */
export function useMsw(): void {
	beforeAll(() => msw.listen({ onUnhandledRequest: "error" }));
	afterEach(() => {
		msw.resetHandlers();
		vi.restoreAllMocks();
		expect(contractBreaks.splice(0), "webhook payloads that break the OpenAPI document").toEqual([]);
	});
	afterAll(() => msw.close());
}
