import { type ComponentChildren } from "preact";
import { describeError } from "../api";
import { html } from "../html";

/** A failed call: what the API said, the field errors, and the request id to quote to support. */
export function ErrorNotice({ error }: { error: unknown }) {
	if (error === undefined || error === null) return null;
	const e = describeError(error);
	return html`<div class="notice notice-error" role="alert">
		<p class="notice-title">${e.title}</p>
		<p>${e.detail}</p>
		${e.fields.length > 0 && html`<ul>${e.fields.map((f) => html`<li><code>${f.field}</code>: ${f.message}</li>`)}</ul>`}
		${e.requestId && html`<p class="muted">Request id <code>${e.requestId}</code></p>`}
	</div>`;
}

/** A result worth announcing (polite live region). */
export function Notice({
	children,
	tone = "info",
}: {
	children: ComponentChildren;
	tone?: "info" | "success" | "warning";
}) {
	return html`<div class=${`notice notice-${tone}`} role="status">${children}</div>`;
}
