import { env } from "cloudflare:workers";
import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { createFakeInterswitch, type FakeInterswitch } from "../../scripts/fake-interswitch.mjs";
import { loadConfig } from "../../src/config";
import { resetTokenCaches } from "../../src/providers/interswitch/token-cache";

const ORIGIN = new URL(env.INTERSWITCH_AUTH_URL).origin;

interface FakeHandle {
	/** The fake of the current test (fresh per test). */
	readonly fake: FakeInterswitch;
	/** Holds every token response until the returned function is called. */
	holdTokens(): () => void;
}

/**
 * Serves scripts/fake-interswitch.mjs (the same fake `npm run fake:interswitch` runs) through MSW, so the
 * worker's real `fetch` calls reach it. Each test starts with a new fake, no cached token, a closed breaker.
 */
export function useFakeInterswitch(): FakeHandle {
	const { clientId, clientSecret, dateFormat } = loadConfig(env).interswitch;
	const create = () => createFakeInterswitch({ clientId, clientSecret, dateFormat });
	let fake = create();
	let gate: Promise<void> | null = null;
	const server = setupServer(
		http.all(`${ORIGIN}/*`, async ({ request }) => {
			if (gate && new URL(request.url).pathname.endsWith("/oauth/token")) await gate;
			const result = await fake.handle(request);
			if (result.kind === "reset") return HttpResponse.error();
			if (result.kind === "hang") await delay("infinite");
			return result.kind === "respond" ? result.response : HttpResponse.error();
		}),
	);
	beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
	beforeEach(async () => {
		fake = create();
		gate = null;
		resetTokenCaches();
		await breaker().reset();
	});
	afterEach(() => server.resetHandlers());
	afterAll(() => server.close());
	return {
		get fake() {
			return fake;
		},
		holdTokens() {
			let release = () => {};
			gate = new Promise<void>((resolve) => {
				release = resolve;
			});
			return () => {
				gate = null;
				release();
			};
		},
	};
}

/** The shared Interswitch circuit breaker. */
export const breaker = () => env.PROVIDER_BREAKER.getByName("interswitch");
