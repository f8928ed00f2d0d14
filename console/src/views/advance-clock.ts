import { useState } from "preact/hooks";
import { type Client } from "../api";
import { ErrorNotice, Notice } from "../components/notice";
import { label } from "../format";
import { useAction } from "../hooks";
import { html } from "../html";
import { hrefs } from "../router";

/** How far a test clock can usefully move: the deadlines and the retention period, as docs/partners.md names them. */
export const ADVANCE_PRESETS: { seconds: number; text: string }[] = [
	{ seconds: 60, text: "1 minute" },
	{ seconds: 3600, text: "1 hour" },
	{ seconds: 86_400, text: "24 hours (the verification deadline)" },
	{ seconds: 604_800, text: "7 days (the action deadline)" },
	{ seconds: 2_592_000, text: "30 days (personal data retention)" },
];

/**
 * `POST /api/test/verifications/{id}/advance`: everything due in that time runs in order. With `id` the form acts
 * on that verification; without, it asks for one (the test-mode page).
 */
export function AdvanceClock({
	client,
	id,
	choices,
	onDone,
}: {
	client: Client;
	id?: string;
	choices?: string[];
	onDone?: () => void;
}) {
	const [target, setTarget] = useState(id ?? choices?.[0] ?? "");
	const [seconds, setSeconds] = useState(86_400);
	const advance = useAction(async (vid: string, s: number) => {
		const v = await client.test.advance(vid, s);
		onDone?.();
		return v;
	});
	const submit = (e: Event) => {
		e.preventDefault();
		if (target.trim()) void advance.run(target.trim(), seconds);
	};
	const prefix = id ? "advance" : "advance-any";
	return html`<form class="card" onSubmit=${submit} aria-labelledby=${`${prefix}-title`}>
		<h3 id=${`${prefix}-title`}>Advance the test clock</h3>
		<p class="hint">Polls, deadlines and purges that fall due run in order, with their timeline entries and webhooks.</p>
		${
			!id &&
			html`<div class="field">
				<label for=${`${prefix}-id`}>Verification id</label>
				<input id=${`${prefix}-id`} class="mono" list=${`${prefix}-recent`} required value=${target} onInput=${(e: Event) => setTarget((e.currentTarget as HTMLInputElement).value)} />
				<datalist id=${`${prefix}-recent`}>${(choices ?? []).map((c) => html`<option value=${c} />`)}</datalist>
			</div>`
		}
		<div class="field">
			<label for=${`${prefix}-seconds`}>Move forward by</label>
			<select id=${`${prefix}-seconds`} value=${String(seconds)} onChange=${(e: Event) => setSeconds(Number((e.currentTarget as HTMLSelectElement).value))}>
				${ADVANCE_PRESETS.map((p) => html`<option value=${String(p.seconds)}>${p.text}</option>`)}
			</select>
		</div>
		<button type="submit" disabled=${advance.busy}>${advance.busy ? "Advancing…" : "Advance clock"}</button>
		${
			advance.result &&
			html`<${Notice} tone="success">
				<a href=${hrefs.verification(advance.result.id)} class="mono">${advance.result.id}</a> is now${" "}
				<strong data-testid="advanced-status">${label(advance.result.status)}</strong> (version ${advance.result.version}).
			<//>`
		}
		<${ErrorNotice} error=${advance.error} />
	</form>`;
}
