import { type CatalogueEntry } from "../../error-catalogue";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
/** Backticks in the catalogue's text become `<code>`, after escaping. */
const prose = (s: string) => escapeHtml(s).replace(/`([^`]+)`/g, "<code>$1</code>");

const KIND_LABELS: Record<CatalogueEntry["kinds"][number], string> = {
	problem: "problem <code>code</code>",
	last_error: "<code>last_error.code</code>",
	required_action: "<code>required_action.code</code>",
	error_class: "delivery <code>error_class</code>",
};

const page = (title: string, body: string) =>
	`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main>${body}</main></body></html>\n`;

const section = (e: CatalogueEntry) =>
	`<h1><code>${escapeHtml(e.code)}</code>: ${escapeHtml(e.title)}</h1>` +
	`<p>Seen as ${e.kinds.map((k) => KIND_LABELS[k]).join(" and ")}${e.status === null ? "" : `, HTTP ${e.status}`}. ${e.retryable ? "Can succeed later." : "Does not succeed by trying again."}</p>` +
	`<h2>What happened</h2><p>${prose(e.description)}</p><h2>What to do</h2><p>${prose(e.action)}</p>`;

/** One entry as a page for people. */
export const entryPage = (e: CatalogueEntry): string =>
	page(`${e.code}: ${e.title}`, `${section(e)}<p><a href="/errors">Every error code</a></p>`);

/** The whole catalogue as a page for people: a table linking each entry. */
export const cataloguePage = (entries: readonly CatalogueEntry[]): string =>
	page(
		"Error codes",
		`<h1>Error codes</h1><table><thead><tr><th>code</th><th>where</th><th>retryable</th><th>title</th></tr></thead><tbody>${entries
			.map(
				(e) =>
					`<tr><td><a href="/errors/${escapeHtml(e.code)}"><code>${escapeHtml(e.code)}</code></a></td><td>${e.kinds.map((k) => KIND_LABELS[k]).join(", ")}</td><td>${e.retryable ? "yes" : "no"}</td><td>${escapeHtml(e.title)}</td></tr>`,
			)
			.join("")}</tbody></table>`,
	);
