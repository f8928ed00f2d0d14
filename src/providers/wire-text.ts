/** What every provider adapter's wire reader does with a reply's text: parse it safely, keep only safe ids. */

/** The reply's JSON, or undefined when it is not JSON (a truncated or HTML body is not a decision). */
export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** Ids and codes are logged and stored: accept only short, plain tokens, never free text. */
export const isSafeId = (value: unknown): value is string =>
	typeof value === "string" && /^[A-Za-z0-9._:-]{1,100}$/.test(value);
