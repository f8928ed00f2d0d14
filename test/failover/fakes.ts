import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { type FakeInterswitch } from "../../scripts/fake-interswitch.mjs";
import { type FakePrembly } from "../../scripts/fake-prembly.mjs";
import { resetTokenCaches } from "../../src/providers/interswitch/token-cache";
import { breaker as interswitchBreaker, interswitchHandler, newFakeInterswitch } from "../interswitch/fake";
import { newFakePrembly, premblyBreaker, premblyHandler } from "../prembly/fake";

export interface FakeProviders {
	readonly interswitch: FakeInterswitch;
	readonly prembly: FakePrembly;
}

/**
 * Both fakes behind one MSW server (scripts/fake-interswitch.mjs and scripts/fake-prembly.mjs, as `npm run
 * fake:interswitch` / `fake:prembly` run them). Each test starts with new fakes, no cached token, and both
 * breakers closed with empty status windows.
 */
export function useFakeProviders(): FakeProviders {
	let interswitch = newFakeInterswitch();
	let prembly = newFakePrembly();
	const server = setupServer(
		interswitchHandler(() => interswitch),
		premblyHandler(() => prembly),
	);
	beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
	beforeEach(async () => {
		interswitch = newFakeInterswitch();
		prembly = newFakePrembly();
		resetTokenCaches();
		await interswitchBreaker().reset();
		await premblyBreaker().reset();
	});
	afterEach(() => server.resetHandlers());
	afterAll(() => server.close());
	return {
		get interswitch() {
			return interswitch;
		},
		get prembly() {
			return prembly;
		},
	};
}
