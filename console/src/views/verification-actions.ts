import { useState } from "preact/hooks";
import { type Verification } from "../api";
import { ErrorNotice, Notice } from "../components/notice";
import { label } from "../format";
import { useAction } from "../hooks";
import { html } from "../html";
import { useSession } from "../session-context";
import { isCancelable, isRedactable, isRetryable } from "../states";
import { AdvanceClock } from "./advance-clock";

/**
 * What can be done to this verification now: retry (with corrections), cancel, erase, and in test mode move its
 * clock.
 */
export function VerificationActions({ v, onChange }: { v: Verification; onChange: () => void }) {
	const { client, mode } = useSession();
	const retryable = isRetryable(v);
	const redactable = isRedactable(v);
	const cancelable = isCancelable(v);
	if (!retryable && !redactable && !cancelable && mode !== "test") return null;
	return html`<section aria-labelledby="h-actions">
		<h2 id="h-actions">Actions</h2>
		<div class="columns">
			${retryable && html`<${Retry} v=${v} onDone=${onChange} />`}
			${cancelable && html`<${Cancel} id=${v.id} onDone=${onChange} />`}
			${redactable && html`<${Redact} id=${v.id} onDone=${onChange} />`}
			${mode === "test" && html`<${AdvanceClock} client=${client} id=${v.id} onDone=${onChange} />`}
		</div>
	</section>`;
}

type Field = NonNullable<Verification["required_action"]>["fields"][number];

function Retry({ v, onDone }: { v: Verification; onDone: () => void }) {
	const { client } = useSession();
	const fields: Field[] = v.status === "requires_action" ? (v.required_action?.fields ?? []) : [];
	const [values, setValues] = useState<Partial<Record<Field, string>>>({});
	const retry = useAction(async () => {
		const body = Object.fromEntries(Object.entries(values).filter(([, x]) => x && x.trim() !== ""));
		const result = await client.verifications.retry(v.id, body);
		onDone();
		return result;
	});
	const submit = (e: Event) => {
		e.preventDefault();
		void retry.run();
	};
	return html`<form class="card" onSubmit=${submit} aria-labelledby="h-retry">
		<h3 id="h-retry">Retry</h3>
		<p class="hint">${fields.length > 0 ? "Correct at least one of the fields the provider named." : "Starts a new submission with the same data."}</p>
		${fields.map(
			(f) => html`<div class="field">
				<label for=${`retry-${f}`}>${label(f)}</label>
				<input
					id=${`retry-${f}`}
					type=${f.endsWith("date") || f === "date_of_birth" ? "date" : "text"}
					required
					value=${values[f] ?? ""}
					onInput=${(e: Event) => setValues({ ...values, [f]: (e.currentTarget as HTMLInputElement).value })}
				/>
			</div>`,
		)}
		<button type="submit" disabled=${retry.busy}>${retry.busy ? "Retrying…" : "Retry verification"}</button>
		${retry.result && html`<${Notice} tone="success">Resubmitted: now ${label(retry.result.status)}.<//>`}
		<${ErrorNotice} error=${retry.error} />
	</form>`;
}

function Cancel({ id, onDone }: { id: string; onDone: () => void }) {
	const { client } = useSession();
	const [confirming, setConfirming] = useState(false);
	const cancel = useAction(async () => {
		const result = await client.verifications.cancel(id);
		setConfirming(false);
		onDone();
		return result;
	});
	return html`<div class="card" role="group" aria-labelledby="h-cancel">
		<h3 id="h-cancel">Cancel verification</h3>
		<p class="hint">Stops it now: it becomes failed (canceled) and cannot be retried. A late provider answer changes nothing.</p>
		${
			confirming
				? html`<div class="actions">
						<button type="button" class="danger" disabled=${cancel.busy} onClick=${() => cancel.run()}>Yes, cancel it</button>
						<button type="button" class="secondary" onClick=${() => setConfirming(false)}>Keep it</button>
					</div>`
				: html`<button type="button" class="danger" onClick=${() => setConfirming(true)}>Cancel verification…</button>`
		}
		${cancel.result && html`<${Notice} tone="success">Canceled.<//>`}
		<${ErrorNotice} error=${cancel.error} />
	</div>`;
}

function Redact({ id, onDone }: { id: string; onDone: () => void }) {
	const { client } = useSession();
	const [confirming, setConfirming] = useState(false);
	const redact = useAction(async () => {
		const result = await client.verifications.redact(id);
		setConfirming(false);
		onDone();
		return result;
	});
	return html`<div class="card" role="group" aria-labelledby="h-redact">
		<h3 id="h-redact">Erase personal data</h3>
		<p class="hint">Deletes the passport data now. Status and timeline stay; the verification can no longer be retried.</p>
		${
			confirming
				? html`<div class="actions">
						<button type="button" class="danger" disabled=${redact.busy} onClick=${() => redact.run()}>Yes, erase it</button>
						<button type="button" class="secondary" onClick=${() => setConfirming(false)}>Cancel</button>
					</div>`
				: html`<button type="button" class="danger" onClick=${() => setConfirming(true)}>Erase personal data…</button>`
		}
		${redact.result && html`<${Notice} tone="success">Personal data erased.<//>`}
		<${ErrorNotice} error=${redact.error} />
	</div>`;
}
