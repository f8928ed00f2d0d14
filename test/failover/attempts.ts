import { env } from "cloudflare:workers";
import { loadConfig, type ProviderName } from "../../src/config";
import { createProviderChain } from "../../src/providers/index";
import { lookupFor } from "../../src/verification/attempt";
import { chainTimeoutMs } from "../../src/verification/failover-policy";
import { initialState } from "../../src/verification/initial";
import { tickFrom } from "../../src/verification/policy";
import { reduce } from "../../src/verification/state-machine";
import { type Entry } from "../../src/verification/transition";
import { type PassportData, type VerificationState } from "../../src/verification/types";

export const config = loadConfig(env);

let people = 0;

/** A fresh person's passport details: the fakes echo them back, so a lookup matches unless a fault says otherwise. */
export const person = (patch: Partial<PassportData> = {}): PassportData => ({
	passport_number: `A${String(Date.now() % 1_000_000).padStart(6, "0")}${String(people++ % 100).padStart(2, "0")}0`,
	last_name: "Okafor",
	date_of_birth: "1990-04-15",
	...patch,
});

/**
 * A verification as the Durable Object will drive it, without the object: created, started (`processing`), then
 * each attempt is `lookupFor` (the object's call, with the chain's timeout) and its answer goes through the reducer.
 * Until the object is wired to the chain (the lead's part of issue 21), this is how the failover rules are tested
 * end to end against both fakes.
 */
export class Verification {
	state: VerificationState;
	/** Every timeline entry so far, in order. */
	readonly timeline: Entry[] = [];

	constructor(
		readonly data: PassportData,
		private readonly names: readonly ProviderName[] = config.providers,
		livemode = true,
	) {
		const tick = tickFrom(config);
		const created = initialState(
			{
				id: `ver_failover_${people++}`,
				clientId: "cli_failover",
				livemode,
				provider: names[0] ?? "sandbox",
				reference: null,
				metadata: {},
				data,
			},
			tick,
		);
		const started = reduce(created.state, { type: "start" }, tick);
		if (!started.ok) throw new Error(started.error.message);
		this.state = started.state;
		this.timeline.push(...created.entries, ...started.entries);
	}

	/** One attempt: the chain's lookup and the reducer's answer to it. Returns the entries it added. */
	async attempt(): Promise<Entry[]> {
		const chain = createProviderChain(this.names, config, env);
		const timeout = chainTimeoutMs(this.names.length, config.providerTimeoutMs);
		const outcome = await lookupFor(chain, this.state, this.data, timeout);
		const call = { round: this.state.round, attempts: this.state.attempts };
		const t = reduce(this.state, { type: "provider_outcome", outcome, call }, tickFrom(config));
		if (!t.ok) throw new Error(t.error.message);
		this.state = t.state;
		this.timeline.push(...t.entries);
		return t.entries;
	}
}

/** Entries as [type, provider, answer class] for compact assertions. */
export const steps = (entries: Entry[]) =>
	entries.map((e) => [e.type, e.data.provider ?? null, e.data.answer ?? null] as const);
