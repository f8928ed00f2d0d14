import { label } from "../format";
import { html } from "../html";
import { type Mode } from "../session";

/** A status as text in a coloured pill: the colour helps, the word carries the meaning. */
export function StatusBadge({ status }: { status: string }) {
	return html`<span class=${`badge status-${status}`}>${label(status)}</span>`;
}

export function ModeBadge({ mode }: { mode: Mode }) {
	return html`<span class=${`badge mode-${mode}`} data-mode=${mode}>${mode === "test" ? "Test mode" : "Live mode"}</span>`;
}
