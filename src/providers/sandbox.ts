import { sha256Hex } from "../crypto/encoding";
import { type Provider, type ProviderOutcome, type ProviderRequest } from "../verification/provider";
import { type MatchResult } from "../verification/types";

const ALL_MATCH: MatchResult = { passport_number: "match", last_name: "match", date_of_birth: "match" };

/** A short keyed-by-verification fingerprint, so the memo never holds the date itself. */
const fingerprint = async (verificationId: string, value: string) =>
	(await sha256Hex(`${verificationId}:${value}`)).slice(0, 24);

const unavailable = (attempt: number): ProviderOutcome => ({
	kind: "unavailable",
	code: "provider_unavailable",
	message: `Sandbox provider unavailable (attempt ${attempt}).`,
});

/**
 * Test mode's failover input (docs/partners.md, "Sandbox outcomes"): a passport number starting with this makes the first
 * sandbox (`sandbox`) unavailable on every call, so the second (`sandbox_backup`) decides, by the same digit table.
 */
export const SANDBOX_FAILOVER_PREFIX = "FAILOVER";

/**
 * Deterministic provider for development and partner integration tests. The passport number's last
 * digit picks the outcome (see docs/partners.md, "Sandbox outcomes"); no credentials, no network. `name` is `sandbox` or its
 * twin `sandbox_backup`: both apply the same table, except that `sandbox` cannot answer the failover input.
 */
export function sandboxProvider(decisionDelayMs: number, name: "sandbox" | "sandbox_backup" = "sandbox"): Provider {
	return {
		name,
		async lookup(req: ProviderRequest): Promise<ProviderOutcome> {
			if (name === "sandbox" && req.data.passport_number.startsWith(SANDBOX_FAILOVER_PREFIX)) {
				return {
					kind: "unavailable",
					code: "provider_unavailable",
					message: `Sandbox provider unavailable: passport numbers starting ${SANDBOX_FAILOVER_PREFIX} fail over to sandbox_backup.`,
				};
			}
			const digit = req.data.passport_number.at(-1) ?? "0";
			switch (digit) {
				case "1":
					return {
						kind: "not_found",
						code: "passport_not_found",
						message: "No passport with this number exists in the registry.",
					};
				case "2": {
					// The date of birth first submitted is "wrong"; any corrected date is accepted.
					const dob = await fingerprint(req.verificationId, req.data.date_of_birth);
					const rejected = req.memo.rejected_dob ?? dob;
					if (dob !== rejected) return { kind: "verified", result: ALL_MATCH };
					return {
						kind: "mismatch",
						code: "date_of_birth_mismatch",
						message: "The date of birth does not match the passport registry.",
						fields: ["date_of_birth"],
						result: { passport_number: "match", last_name: "match", date_of_birth: "mismatch" },
						memo: { rejected_dob: rejected },
					};
				}
				case "3":
					return req.attempt <= 2 ? unavailable(req.attempt) : { kind: "verified", result: ALL_MATCH };
				case "4":
					return req.round === 1 ? unavailable(req.attempt) : { kind: "verified", result: ALL_MATCH };
				case "5":
					return { kind: "pending", reference: `sbx_${req.verificationId}`, retryAfterMs: decisionDelayMs };
				case "6":
				case "7":
				case "8":
				case "9":
					if (req.pendingReference) return { kind: "verified", result: ALL_MATCH, reference: req.pendingReference };
					return { kind: "pending", reference: `sbx_${req.verificationId}`, retryAfterMs: decisionDelayMs };
				default:
					return { kind: "verified", result: ALL_MATCH, reference: `sbx_${req.verificationId}` };
			}
		},
	};
}
