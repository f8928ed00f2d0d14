import { type Verification, type VerificationStatus } from "./api";

/** The state machine as docs/partners.md draws it ("States"): submitted → processing → one of four outcomes. */
export const STATUSES: readonly VerificationStatus[] = [
	"submitted",
	"processing",
	"verified",
	"failed",
	"requires_action",
	"expired",
];

export const OUTCOMES: readonly VerificationStatus[] = ["verified", "failed", "requires_action", "expired"];

/** Still moving without anyone's help: worth polling quickly. */
export const isInFlight = (v: Pick<Verification, "status">): boolean =>
	v.status === "submitted" || v.status === "processing";

/** `POST /retry/` accepts it: failed (retryable), expired, requires_action. */
export function isRetryable(v: Pick<Verification, "status" | "last_error" | "redacted_at">): boolean {
	if (v.redacted_at !== null) return false;
	if (v.status === "expired" || v.status === "requires_action") return true;
	return v.status === "failed" && v.last_error?.retryable === true;
}

/** `POST /cancel/` accepts it: it has not decided (submitted, processing, requires_action). */
export const isCancelable = (v: Pick<Verification, "status">): boolean =>
	isInFlight(v) || v.status === "requires_action";

/** DELETE is refused while the provider still needs the data. */
export const isRedactable = (v: Pick<Verification, "status" | "redacted_at">): boolean =>
	!isInFlight(v) && v.redacted_at === null;

/** A deadline still applies: waiting on the provider, or on the partner's correction. */
export const canExpire = (v: Pick<Verification, "status">): boolean => isInFlight(v) || v.status === "requires_action";
