import { html } from "../html";

/** The live-refresh switch and when the data on screen was fetched. */
export function LiveToggle({
	id,
	live,
	onToggle,
	updatedAt,
	everyMs,
}: {
	id: string;
	live: boolean;
	onToggle: (live: boolean) => void;
	updatedAt: Date | null;
	everyMs: number;
}) {
	return html`<div class="live">
		<div class="check">
			<input id=${id} type="checkbox" checked=${live} onChange=${(e: Event) => onToggle((e.currentTarget as HTMLInputElement).checked)} />
			<label for=${id}>Live refresh (every ${everyMs / 1000} s)</label>
		</div>
		<span class="muted">${updatedAt ? `Updated ${updatedAt.toLocaleTimeString()}` : ""}</span>
	</div>`;
}
