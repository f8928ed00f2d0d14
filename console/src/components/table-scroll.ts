import { type ComponentChildren } from "preact";
import { html } from "../html";

/**
 * A table wider than the screen scrolls inside this box, never the page: at tablet widths the verifications table is
 * wider than the viewport, and a reference or URL has no length limit. A named region with a tab stop, so a keyboard
 * can scroll it too (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
	return html`<div class="table-scroll" role="region" aria-label=${label} tabindex="0">${children}</div>`;
}
