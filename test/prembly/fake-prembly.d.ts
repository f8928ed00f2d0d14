// Types for scripts/fake-prembly.mjs (plain JS so `node` runs it without a build step).
declare module "*/scripts/fake-prembly.mjs" {
	export type FakeMode =
		| "success"
		| "dob_mismatch"
		| "not_found"
		| "retry_later"
		| "insufficient_funds"
		| "payment_required"
		| "invalid_key"
		| "bad_request"
		| "500"
		| "503"
		| "slow"
		| "hang"
		| "reset"
		| "truncated";

	export interface FakeBehaviour {
		mode: FakeMode;
		/** Answer this many lookups with `mode`, then go back to success; null: until switched. */
		times: number | null;
		/** How long `slow` waits before answering. */
		delayMs: number;
		retryAfter: number;
	}

	export interface FakeSnapshot extends FakeBehaviour {
		counts: { lookup: number };
	}

	export interface FakeRequest {
		readonly url: string;
		readonly method: string;
		readonly headers: { get(name: string): string | null };
		json(): Promise<unknown>;
	}

	export type FakeResult = { kind: "respond"; response: Response } | { kind: "reset" } | { kind: "hang" };

	export interface FakePrembly {
		handle(request: FakeRequest): Promise<FakeResult>;
		configure(patch: Partial<FakeBehaviour>): FakeSnapshot;
		snapshot(): FakeSnapshot;
	}

	export const MODES: FakeMode[];
	export function createFakePrembly(options?: { apiKey?: string; appId?: string }): FakePrembly;
}
