// Types for scripts/fake-interswitch.mjs (plain JS so `node` runs it without a build step).
declare module "*/scripts/fake-interswitch.mjs" {
	export type FakeMode =
		| "success"
		| "mismatch"
		| "not_found"
		| "incomplete"
		| "expired_token"
		| "invalid_credentials"
		| "product_not_enabled"
		| "429"
		| "500"
		| "hang"
		| "reset"
		| "malformed"
		| "missing_fields";

	export interface FakeBehaviour {
		mode: FakeMode;
		/** Where transport faults (429, 500, hang, reset, malformed, missing_fields) apply. */
		target: "lookup" | "token";
		/** Answer this many requests with `mode`, then go back to success; null: until switched. */
		times: number | null;
		retryAfter: number;
		tokenTtl: number;
		fields: string[];
	}

	export interface FakeSnapshot extends FakeBehaviour {
		dateFormat: "dmy" | "iso";
		counts: { token: number; lookup: number };
		liveTokens: number;
	}

	/** The parts of a fetch Request the fake reads (so MSW's and the Workers runtime's Request both fit). */
	export interface FakeRequest {
		readonly url: string;
		readonly method: string;
		readonly headers: { get(name: string): string | null };
		json(): Promise<unknown>;
		formData(): Promise<{ get(name: string): unknown }>;
	}

	export type FakeResult = { kind: "respond"; response: Response } | { kind: "reset" } | { kind: "hang" };

	export interface FakeInterswitch {
		handle(request: FakeRequest): Promise<FakeResult>;
		configure(patch: Partial<FakeBehaviour>): FakeSnapshot;
		snapshot(): FakeSnapshot;
	}

	export const MODES: FakeMode[];
	export function createFakeInterswitch(options?: {
		clientId?: string;
		clientSecret?: string;
		dateFormat?: "dmy" | "iso";
		now?: () => number;
	}): FakeInterswitch;
}
