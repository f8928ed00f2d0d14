import { useState } from "preact/hooks";
import { type WebhookDelivery, type WebhookEndpoint, type WebhookEndpointWithSecret } from "../api";
import { StatusBadge } from "../components/badges";
import { ErrorNotice, Notice } from "../components/notice";
import { useAction } from "../hooks";
import { html } from "../html";
import { hrefs, navigate } from "../router";
import { useSession } from "../session-context";

const RECOVER_WINDOWS = [
	{ hours: 1, text: "the last hour" },
	{ hours: 6, text: "the last 6 hours" },
	{ hours: 24, text: "the last 24 hours" },
	{ hours: 72, text: "the last 3 days (the retry ladder's span)" },
];

/** Test ping, secret rotation, recovery of a window, enable/disable and delete. */
export function EndpointActions({
	endpoint,
	onChange,
}: {
	endpoint: WebhookEndpoint;
	onChange: (e?: WebhookEndpointWithSecret) => void;
}) {
	return html`<section aria-labelledby="h-endpoint-actions">
		<h2 id="h-endpoint-actions">Actions</h2>
		<div class="columns three">
			<${TestPing} id=${endpoint.id} onDone=${() => onChange()} />
			<${Rotate} id=${endpoint.id} onDone=${onChange} />
			<${Recover} endpoint=${endpoint} onDone=${() => onChange()} />
			<${Toggle} endpoint=${endpoint} onDone=${() => onChange()} />
		</div>
	</section>`;
}

/** The attempt a test ping or a triggered event made, as the API reports it. */
export function AttemptResult({ d }: { d: WebhookDelivery }) {
	return html`<${Notice} tone=${d.status === "succeeded" ? "success" : "warning"}>
		<span data-testid="attempt-result"><${StatusBadge} status=${d.status} /></span>
		${d.response_status !== null ? ` HTTP ${d.response_status}` : " no answer"}${d.latency_ms !== null ? ` in ${d.latency_ms} ms` : ""}
		${d.error_class && html`<div>${d.error_class}${d.error ? `: ${d.error}` : ""}</div>`}
	<//>`;
}

function TestPing({ id, onDone }: { id: string; onDone: () => void }) {
	const { client } = useSession();
	const ping = useAction(async () => {
		const d = await client.webhookEndpoints.sendTest(id);
		onDone();
		return d;
	});
	return html`<div class="card" role="group" aria-labelledby="h-ping">
		<h3 id="h-ping">Send a test ping</h3>
		<p class="hint">A signed <code>webhook.test</code> event, sent now; not retried, not counted in health.</p>
		<button type="button" disabled=${ping.busy} onClick=${() => ping.run()}>${ping.busy ? "Sending…" : "Send test ping"}</button>
		${ping.result && html`<${AttemptResult} d=${ping.result} />`}
		<${ErrorNotice} error=${ping.error} />
	</div>`;
}

function Rotate({ id, onDone }: { id: string; onDone: (e: WebhookEndpointWithSecret) => void }) {
	const { client } = useSession();
	const [force, setForce] = useState(false);
	const rotate = useAction(async () => {
		const e = await client.webhookEndpoints.rotateSecret(id, { force });
		onDone(e);
		return e;
	});
	return html`<div class="card" role="group" aria-labelledby="h-rotate">
		<h3 id="h-rotate">Rotate the signing secret</h3>
		<p class="hint">The new secret is shown once. The old one keeps signing for 24 h, unless you stop it now.</p>
		<div class="check">
			<input id="rotate-force" type="checkbox" checked=${force} onChange=${() => setForce(!force)} />
			<label for="rotate-force">Stop the old secret now (it leaked)</label>
		</div>
		<button type="button" disabled=${rotate.busy} onClick=${() => rotate.run()}>${rotate.busy ? "Rotating…" : "Rotate secret"}</button>
		<${ErrorNotice} error=${rotate.error} />
	</div>`;
}

function Recover({ endpoint, onDone }: { endpoint: WebhookEndpoint; onDone: () => void }) {
	const { client } = useSession();
	const [hours, setHours] = useState(24);
	const recover = useAction(async () => {
		const since = new Date(Date.now() - hours * 3600_000).toISOString();
		const result = await client.webhookEndpoints.recover(endpoint.id, { since });
		onDone();
		return result;
	});
	const submit = (e: Event) => {
		e.preventDefault();
		void recover.run();
	};
	return html`<form class="card" onSubmit=${submit} aria-labelledby="h-recover">
		<h3 id="h-recover">Recover missed deliveries</h3>
		<p class="hint">After an outage on your side: re-sends every delivery of the window that has not succeeded.</p>
		<div class="field">
			<label for="recover-window">Window</label>
			<select id="recover-window" value=${String(hours)} onChange=${(e: Event) => setHours(Number((e.currentTarget as HTMLSelectElement).value))}>
				${RECOVER_WINDOWS.map((w) => html`<option value=${String(w.hours)}>${w.text}</option>`)}
			</select>
		</div>
		<button type="submit" disabled=${recover.busy || endpoint.status === "disabled"}>${recover.busy ? "Recovering…" : "Recover"}</button>
		${endpoint.status === "disabled" && html`<p class="hint">Enable the endpoint first.</p>`}
		${recover.result && html`<${Notice} tone="success">Queued ${recover.result.recovered} deliveries${recover.result.has_more ? "; more remain — recover again" : ""}.<//>`}
		<${ErrorNotice} error=${recover.error} />
	</form>`;
}

function Toggle({ endpoint, onDone }: { endpoint: WebhookEndpoint; onDone: () => void }) {
	const { client } = useSession();
	const [confirming, setConfirming] = useState(false);
	const toggle = useAction(async () => {
		const e =
			endpoint.status === "enabled"
				? await client.webhookEndpoints.disable(endpoint.id)
				: await client.webhookEndpoints.enable(endpoint.id);
		onDone();
		return e;
	});
	const remove = useAction(async () => {
		await client.webhookEndpoints.delete(endpoint.id);
		navigate(hrefs.webhooks());
	});
	return html`<div class="card" role="group" aria-labelledby="h-toggle">
		<h3 id="h-toggle">${endpoint.status === "enabled" ? "Pause or delete" : "Enable or delete"}</h3>
		<p class="hint">A disabled endpoint gets no events; what it misses can be recovered once it is enabled again.</p>
		<div class="actions">
			<button type="button" class="secondary" disabled=${toggle.busy} onClick=${() => toggle.run()}>${endpoint.status === "enabled" ? "Disable" : "Enable"}</button>
			${
				confirming
					? html`<button type="button" class="danger" disabled=${remove.busy} onClick=${() => remove.run()}>Yes, delete it</button>
							<button type="button" class="secondary" onClick=${() => setConfirming(false)}>Cancel</button>`
					: html`<button type="button" class="danger" onClick=${() => setConfirming(true)}>Delete…</button>`
			}
		</div>
		<${ErrorNotice} error=${toggle.error ?? remove.error} />
	</div>`;
}
