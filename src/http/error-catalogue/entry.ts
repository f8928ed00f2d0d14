/** What the catalogue says of one code, in a partner's words. */
export interface EntryText {
	/** Whether the same request (or, for a verification, `POST …/retry`; for a delivery, `recover`) can succeed later. */
	retryable: boolean;
	/** What happened. */
	what: string;
	/** What to do about it. */
	action: string;
	/** A title for codes that have none elsewhere (problem codes take theirs from src/errors.ts). */
	title?: string;
}
