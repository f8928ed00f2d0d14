import { env } from "cloudflare:workers";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { createFakePrembly, type FakePrembly } from "../../scripts/fake-prembly.mjs";
import { loadConfig } from "../../src/config";
import { served } from "../helpers/msw-fakes";

/** A fresh fake Prembly that accepts this project's credentials (PREMBLY_API_KEY / PREMBLY_APP_ID in vitest.config.ts). */
export function newFakePrembly(): FakePrembly {
	const { apiKey, appId } = loadConfig(env).prembly;
	return createFakePrembly({ apiKey, appId });
}

/** The MSW handler serving `current()` at PREMBLY_BASE_URL's origin, so the worker's real `fetch` calls reach it. */
export function premblyHandler(current: () => FakePrembly) {
	const origin = new URL(loadConfig(env).prembly.baseUrl).origin;
	return http.all(`${origin}/*`, async ({ request }) => served(await current().handle(request)));
}

/** The shared Prembly circuit breaker (and status). */
export const premblyBreaker = () => env.PROVIDER_BREAKER.getByName("prembly");

/**
 * Serves scripts/fake-prembly.mjs (the same fake `npm run fake:prembly` runs) through MSW. Each test starts with a
 * new fake and a closed breaker with an empty status window.
 */
export function useFakePrembly(): { readonly fake: FakePrembly } {
	let fake = newFakePrembly();
	const server = setupServer(premblyHandler(() => fake));
	beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
	beforeEach(async () => {
		fake = newFakePrembly();
		await premblyBreaker().reset();
	});
	afterEach(() => server.resetHandlers());
	afterAll(() => server.close());
	return {
		get fake() {
			return fake;
		},
	};
}
