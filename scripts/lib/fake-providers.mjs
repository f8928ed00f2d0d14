// @ts-check
// Live mode's two providers for the bench's failover runs and the console's browser test: the fake Interswitch
// (primary) and the fake Prembly (secondary), the same code `npm run fake:interswitch` / `npm run fake:prembly`
// serve, on free loopback ports, with the vars that point the worker at them (`PROVIDERS=interswitch,prembly`, base
// URLs, the fakes' credentials). The worker in workerd fetches loopback like any host (webhook receivers are on
// loopback too). The primary can be taken down two ways: `hang` (it accepts the lookup and never answers, so each
// call runs to PROVIDER_TIMEOUT_MS) and `refused` (its listener closed: connections refused at once); `up` restores it.
import { createFakeInterswitch } from "../fake-interswitch.mjs";
import { createFakePrembly } from "../fake-prembly.mjs";
import { FakeServer } from "./fake-server.mjs";

/**
 * @typedef {"hang" | "refused"} PrimaryFault
 */

const INTERSWITCH = { clientId: "fake-client-id", clientSecret: "fake-client-secret" };
const PREMBLY = { apiKey: "fake-prembly-key", appId: "fake-prembly-app" };

export class FakeProviders {
	constructor() {
		this.interswitch = createFakeInterswitch(INTERSWITCH);
		this.prembly = createFakePrembly(PREMBLY);
		this.primary = new FakeServer(this.interswitch, { name: "fake-interswitch" });
		this.secondary = new FakeServer(this.prembly, { name: "fake-prembly" });
		/** @type {PrimaryFault | "up"} */
		this.primaryState = "up";
	}

	/** Both listening on free ports. */
	async start() {
		await Promise.all([this.primary.start(), this.secondary.start()]);
		return this;
	}

	/** The worker's vars for live mode through both fakes, primary first (merge over the runtime's). */
	vars() {
		return {
			PROVIDERS: "interswitch,prembly",
			INTERSWITCH_AUTH_URL: `${this.primary.url}/passport/oauth/token`,
			INTERSWITCH_BASE_URL: `${this.primary.url}/marketplace-routing/api/v1`,
			INTERSWITCH_CLIENT_ID: INTERSWITCH.clientId,
			INTERSWITCH_CLIENT_SECRET: INTERSWITCH.clientSecret,
			PREMBLY_BASE_URL: this.secondary.url,
			PREMBLY_API_KEY: PREMBLY.apiKey,
			PREMBLY_APP_ID: PREMBLY.appId,
		};
	}

	/**
	 * Takes the primary down (`hang` or `refused`) or brings it back (`up`: listening, every lookup answered).
	 * @param {PrimaryFault | "up"} state
	 */
	async setPrimary(state) {
		this.primaryState = state;
		if (state === "refused") return this.primary.stop();
		this.interswitch.configure({ mode: state === "hang" ? "hang" : "success" });
		await this.primary.start();
	}

	/** Lookups each fake has served so far. */
	lookups() {
		return {
			interswitch: this.interswitch.snapshot().counts.lookup,
			prembly: this.prembly.snapshot().counts.lookup,
		};
	}

	async stop() {
		await Promise.all([this.primary.stop(), this.secondary.stop()]);
	}
}
