import { useState } from "preact/hooks";
import { html } from "../html";

/** Keyset paging: the cursors of the pages before this one, so "Newer" can go back. */
export function usePager(resetKey: string) {
	const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({
		key: resetKey,
		cursors: [undefined],
	});
	const cursors = state.key === resetKey ? state.cursors : [undefined];
	return {
		cursor: cursors[cursors.length - 1],
		page: cursors.length,
		next: (cursor: string) => setState({ key: resetKey, cursors: [...cursors, cursor] }),
		previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
	};
}

export function Pager({
	page,
	nextCursor,
	onNext,
	onPrevious,
	label,
}: {
	page: number;
	nextCursor: string | null | undefined;
	onNext: (cursor: string) => void;
	onPrevious: () => void;
	label: string;
}) {
	if (page <= 1 && !nextCursor) return null;
	return html`<nav class="pager" aria-label=${label}>
		<button type="button" class="secondary" disabled=${page <= 1} onClick=${onPrevious}>← Newer</button>
		<span>Page ${page}</span>
		<button type="button" class="secondary" disabled=${!nextCursor} onClick=${() => nextCursor && onNext(nextCursor)}>Older →</button>
	</nav>`;
}
