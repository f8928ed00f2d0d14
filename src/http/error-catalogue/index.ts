import { ERROR_CODES, type ErrorCode } from "../../errors";
import { LAST_ERROR_CODES, REQUIRED_ACTION_CODES } from "../../verification/reasons";
import { ERROR_CLASSES } from "../../webhooks/http-attempt";
import { ERROR_CLASS_TEXTS } from "./deliveries";
import { type EntryText } from "./entry";
import { PROBLEM_TEXTS } from "./problems";
import { LAST_ERROR_TEXTS, REQUIRED_ACTION_TEXTS } from "./reasons";

/**
 * The error catalogue: every code a partner can receive, what happened, whether it can succeed later, what to do.
 * The one source of `GET /errors/{code}` (the problem `type` URI), `GET /errors` and docs/errors.md
 * (`npm run docs:errors`). Each list below is a closed set typed by its code union, so a new code cannot ship
 * without its entry.
 */

/** Where a partner meets a code. */
export const CODE_KINDS = ["problem", "last_error", "required_action", "error_class"] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

export interface CatalogueEntry {
	code: string;
	/** Where it appears: a problem's `code`, `last_error.code`, `required_action.code`, a delivery's `error_class`. */
	kinds: CodeKind[];
	title: string;
	/** The HTTP status of its problem answer; null when it is not a problem code. */
	status: number | null;
	retryable: boolean;
	description: string;
	action: string;
}

const problems = (Object.keys(ERROR_CODES) as ErrorCode[]).map(
	(code): CatalogueEntry => ({
		code,
		kinds: ["problem"],
		title: ERROR_CODES[code].title,
		status: ERROR_CODES[code].status,
		retryable: PROBLEM_TEXTS[code].retryable,
		description: PROBLEM_TEXTS[code].what,
		action: PROBLEM_TEXTS[code].action,
	}),
);

const entry = (code: string, kind: CodeKind, t: Required<EntryText>): CatalogueEntry => ({
	code,
	kinds: [kind],
	title: t.title,
	status: null,
	retryable: t.retryable,
	description: t.what,
	action: t.action,
});

/** Every entry, problem codes first; a code met in two places (`url_not_allowed`) is one entry of both kinds. */
export const CATALOGUE: readonly CatalogueEntry[] = [
	...problems.map((p) => (p.code === "url_not_allowed" ? { ...p, kinds: [...p.kinds, "error_class" as const] } : p)),
	...LAST_ERROR_CODES.map((c) => entry(c, "last_error", LAST_ERROR_TEXTS[c])),
	...REQUIRED_ACTION_CODES.map((c) => entry(c, "required_action", REQUIRED_ACTION_TEXTS[c])),
	...ERROR_CLASSES.flatMap((c) => (c === "url_not_allowed" ? [] : [entry(c, "error_class", ERROR_CLASS_TEXTS[c])])),
];

const BY_CODE = new Map(CATALOGUE.map((e) => [e.code, e]));

/** The entry of a code, or undefined for a code the service never sends. */
export const catalogueEntry = (code: string): CatalogueEntry | undefined => BY_CODE.get(code);

/** The absolute URL of a code's entry on this API's origin: a problem's `type`. */
export const errorTypeUrl = (origin: string, code: string): string => `${origin}/errors/${code}`;
