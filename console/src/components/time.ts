import { formatDateTime, formatRelative } from "../format";
import { html } from "../html";

/** A timestamp: absolute in the viewer's locale, relative beside it ("in 23 hr"), machine-readable in `datetime`. */
export function Time({ iso, relative = false }: { iso: string | null | undefined; relative?: boolean }) {
	if (!iso) return html`<span class="muted">—</span>`;
	return html`<time datetime=${iso}>${formatDateTime(iso)}${relative && html` <span class="muted">(${formatRelative(iso)})</span>`}</time>`;
}
