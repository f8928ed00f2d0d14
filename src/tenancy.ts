/**
 * Who a request acts for: a client, in test or live mode. The API key decides both; every object carries its
 * mode, and a key never sees the other mode's objects.
 */
export interface Account {
	clientId: string;
	/** false: test mode (always the sandbox); true: live mode (the configured provider). */
	livemode: boolean;
}

export type Mode = "test" | "live";

export const modeOf = (livemode: boolean): Mode => (livemode ? "live" : "test");

/** The key prefix of each mode, as in `kyc_test_…` / `kyc_live_…`. */
export const keyPrefixOf = (mode: Mode) => `kyc_${mode}_`;
