import { type verifications } from "../db/schema";
import { type Status, waitingOn } from "../verification/types";
import { type VerificationView } from "../verification/view";

/**
 * The projection's `body` column (docs/benchmarks.md, "Bytes"): the API object less what the row's own columns
 * already hold (id, mode, status, version, reference, passport, provider, the timestamps) and less its nulls, so a
 * retained verification costs about 300 bytes fewer. A list rebuilds the object from both, in the API's key order.
 * A body written whole (before this) still reads: a key it holds is taken from it.
 */

/** The API object's keys, in the order the API writes them (src/verification/view.ts, `toView`). */
const VIEW_KEYS = [
	"id",
	"object",
	"livemode",
	"status",
	"waiting_on",
	"version",
	"reference",
	"metadata",
	"passport",
	"provider",
	"created_at",
	"updated_at",
	"expires_at",
	"estimated_completion_at",
	"attempts",
	"next_attempt_at",
	"last_error",
	"required_action",
	"result",
	"redacted_at",
] as const satisfies readonly (keyof VerificationView)[];

type ViewKey = (typeof VIEW_KEYS)[number];

/** The keys a list rebuilds from the row's columns (`waiting_on` from its status). */
const FROM_COLUMNS = new Set<ViewKey>([
	"id",
	"object",
	"livemode",
	"status",
	"waiting_on",
	"version",
	"reference",
	"passport",
	"provider",
	"created_at",
	"updated_at",
	"expires_at",
	"redacted_at",
]);

/** What the `body` column stores of a view. */
export function leanBody(view: VerificationView): string {
	const rest: Record<string, unknown> = {};
	for (const key of VIEW_KEYS) if (!FROM_COLUMNS.has(key) && view[key] !== null) rest[key] = view[key];
	return JSON.stringify(rest);
}

/** The columns a list reads to rebuild a view. */
export type StoredRow = Pick<
	typeof verifications.$inferSelect,
	| "id"
	| "livemode"
	| "status"
	| "version"
	| "reference"
	| "passportCountry"
	| "passportLast3"
	| "provider"
	| "createdAt"
	| "updatedAt"
	| "expiresAt"
	| "redactedAt"
	| "body"
>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The API object of a stored row: its columns and its body, in the API's key order. */
export function storedView(row: StoredRow): VerificationView {
	const stored = JSON.parse(row.body) as Partial<Record<ViewKey, unknown>>;
	const status = row.status as Status;
	const columns: Partial<Record<ViewKey, unknown>> = {
		id: row.id,
		object: "verification",
		livemode: row.livemode,
		status,
		waiting_on: waitingOn(status),
		version: row.version,
		reference: row.reference,
		passport: { country: row.passportCountry, last3: row.passportLast3 },
		provider: row.provider,
		created_at: iso(row.createdAt),
		updated_at: iso(row.updatedAt),
		expires_at: iso(row.expiresAt),
		redacted_at: iso(row.redactedAt),
	};
	const view: Record<string, unknown> = {};
	for (const key of VIEW_KEYS) view[key] = key in stored ? stored[key] : (columns[key] ?? null);
	return view as unknown as VerificationView;
}
