import { CATALOGUE, type CatalogueEntry, type CodeKind } from "./index";

const SECTIONS: [CodeKind, string, string][] = [
	["problem", "Problem codes", "The `code` of an `application/problem+json` answer; its `type` is the code's entry."],
	["last_error", "`last_error.code`", "Why a verification failed or expired, or why its provider attempt is waiting."],
	["required_action", "`required_action.code`", "What to correct while a verification is `requires_action`."],
	[
		"error_class",
		"Delivery `error_class`",
		"Why a webhook delivery's last attempt failed, or why it ended without one.",
	],
];

const cell = (s: string) => s.replace(/\|/g, "\\|");

const row = (e: CatalogueEntry) =>
	`| \`${e.code}\` | ${e.status ?? ""} | ${e.retryable ? "yes" : "no"} | ${cell(e.description)} | ${cell(e.action)} |`;

/** docs/errors.md: every code of the catalogue, by where a partner meets it. */
export function errorsMarkdown(): string {
	const sections = SECTIONS.flatMap(([kind, title, lede]) => [
		`## ${title}`,
		"",
		lede,
		"",
		"| code | HTTP | retryable | what happened | what to do |",
		"|---|---|---|---|---|",
		...CATALOGUE.filter((e) => e.kinds.includes(kind)).map(row),
		"",
	]);
	return [
		"# Error codes",
		"",
		"<!-- Generated from src/http/error-catalogue by `npm run docs:errors`; do not edit by hand. -->",
		"",
		"Every code a partner can receive. Each list is closed: a code not listed here is never sent. The same",
		"entries are served by the API at `GET /errors/{code}` (the `type` of every problem, HTML for people and JSON",
		"for tools) and `GET /errors`. *Retryable* means the same request can succeed later; for a verification,",
		"`POST …/retry`; for a delivery, `recover` or `resend`.",
		"",
		...sections,
	].join("\n");
}
