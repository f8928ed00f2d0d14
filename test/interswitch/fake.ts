import { env } from "cloudflare:workers";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { createFakeInterswitch, type FakeInterswitch } from "../../scripts/fake-interswitch.mjs";
import { loadConfig } from "../../src/config";
import { resetTokenCaches } from "../../src/providers/interswitch/token-cache";
import { served } from "../helpers/msw-fakes";

interface FakeHandle {
	/** The fake of the current test (fresh per test). */
	readonly fake: FakeInterswitch;
	/** Holds every token response until the returned function is called. */
	holdTokens(): () => void;
}

/** A fresh fake Interswitch that accepts this project's credentials and date format. */
export function newFakeInterswitch(): FakeInterswitch {
	const { clientId, clientSecret, dateFormat } = loadConfig(env).interswitch;
	return createFakeInterswitch({ clientId, clientSecret, dateFormat });
}

/**
 * The MSW handler serving `current()` at INTERSWITCH_AUTH_URL's origin; while `gate()` is a promise, token
 * responses wait for it.
 */
export function interswitchHandler(current: () => FakeInterswitch, gate: () => Promise<void> | null = () => null) {
	const origin = new URL(env.INTERSWITCH_AUTH_URL).origin;
	return http.all(`${origin}/*`, async ({ request }) => {
		const held = gate();
		if (held && new URL(request.url).pathname.endsWith("/oauth/token")) await held;
		return served(await current().handle(request));
	});
}

/**
 * Serves scripts/fake-interswitch.mjs (the same fake `npm run fake:interswitch` runs) through MSW, so the
 * worker's real `fetch` calls reach it. Each test starts with a new fake, no cached token, a closed breaker.
 */
export function useFakeInterswitch(): FakeHandle {
	let fake = newFakeInterswitch();
	let gate: Promise<void> | null = null;
	const server = setupServer(
		interswitchHandler(
			() => fake,
			() => gate,
		),
	);
	beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
	beforeEach(async () => {
		fake = newFakeInterswitch();
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
