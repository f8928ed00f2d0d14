/**
 * The pasted API key lives in this tab's sessionStorage only: never a cookie (nothing sends it implicitly), gone
 * when the tab closes or on sign-out. Its prefix is the mode, exactly as the API decides it.
 */
const STORAGE_KEY = "kyc-console.api-key";

export type Mode = "test" | "live";

/** The mode an API key acts in, from its prefix; null when it is not an API key at all. */
export function modeOf(key: string): Mode | null {
	if (/^kyc_test_[A-Za-z0-9_]+$/.test(key)) return "test";
	if (/^kyc_live_[A-Za-z0-9_]+$/.test(key)) return "live";
	return null;
}

export function loadKey(): string | null {
	const key = sessionStorage.getItem(STORAGE_KEY);
	return key !== null && modeOf(key) !== null ? key : null;
}

export function saveKey(key: string): void {
	sessionStorage.setItem(STORAGE_KEY, key);
}

export function clearKey(): void {
	sessionStorage.removeItem(STORAGE_KEY);
}
