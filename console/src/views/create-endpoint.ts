import { useState } from "preact/hooks";
import { type WebhookEndpointWithSecret } from "../api";
import { ErrorNotice } from "../components/notice";
import { SecretOnce } from "../components/secret";
import { useAction } from "../hooks";
import { html } from "../html";
import { hrefs } from "../router";
import { useSession } from "../session-context";

export const EVENT_TYPES = [
	"verification.submitted",
	"verification.processing",
	"verification.verified",
	"verification.failed",
	"verification.requires_action",
	"verification.expired",
	"verification.redacted",
	"webhook_endpoint.failing",
	"webhook_endpoint.disabled",
	"webhook_endpoint.enabled",
	"webhook_endpoint.recovered",
] as const;

type EventType = (typeof EVENT_TYPES)[number];

/** Register an endpoint; its signing secret is shown once, right here. */
export function CreateEndpoint({ onCreated }: { onCreated: () => void }) {
	const { client } = useSession();
	const [url, setUrl] = useState("");
	const [description, setDescription] = useState("");
	const [types, setTypes] = useState<EventType[]>([]);
	const [rate, setRate] = useState("");
	const [created, setCreated] = useState<WebhookEndpointWithSecret | null>(null);
	const create = useAction(async () => {
		const endpoint = await client.webhookEndpoints.create({
			url: url.trim(),
			description: description.trim() || undefined,
			event_types: types.length > 0 ? types : undefined,
			rate_limit: rate.trim() ? Number(rate) : undefined,
		});
		setCreated(endpoint);
		setUrl("");
		setDescription("");
		setTypes([]);
		setRate("");
		onCreated();
		return endpoint;
	});
	const toggle = (t: EventType) => setTypes(types.includes(t) ? types.filter((x) => x !== t) : [...types, t]);
	const submit = (e: Event) => {
		e.preventDefault();
		void create.run();
	};

	return html`<section aria-labelledby="h-new-endpoint">
		<h2 id="h-new-endpoint">Register an endpoint</h2>
		${
			created &&
			html`<p role="status">Registered <a class="mono" href=${hrefs.endpoint(created.id)}>${created.url}</a>.</p>
				<${SecretOnce} secret=${created.secret} onDismiss=${() => setCreated(null)} />`
		}
		<form class="card" onSubmit=${submit}>
			<div class="field">
				<label for="endpoint-url">URL</label>
				<input id="endpoint-url" type="url" class="mono" required placeholder="https://hooks.example.com/kyc" aria-describedby="endpoint-url-help" value=${url} onInput=${(e: Event) => setUrl((e.currentTarget as HTMLInputElement).value)} />
				<p id="endpoint-url-help" class="hint">https and a public hostname. In development, ${"http://127.0.0.1:<port>"} works too.</p>
			</div>
			<div class="field">
				<label for="endpoint-description">Description <span class="muted">(optional)</span></label>
				<input id="endpoint-description" maxlength="256" value=${description} onInput=${(e: Event) => setDescription((e.currentTarget as HTMLInputElement).value)} />
			</div>
			<div class="field">
				<label for="endpoint-rate">Rate limit <span class="muted">(optional, deliveries per second)</span></label>
				<input id="endpoint-rate" type="number" min="1" max="1000" step="1" inputmode="numeric" aria-describedby="endpoint-rate-help" value=${rate} onInput=${(e: Event) => setRate((e.currentTarget as HTMLInputElement).value)} />
				<p id="endpoint-rate-help" class="hint">Deliveries above it wait their turn, in order: none is dropped, none counts as a failed attempt.</p>
			</div>
			<fieldset>
				<legend>Events <span class="muted">(none ticked: every event)</span></legend>
				<p class="hint"><code>webhook_endpoint.*</code>: the health of your other endpoints (failing, disabled, enabled, recovered), never sent to the endpoint they describe. <code>verification.redacted</code>: personal data erased (by you, or by the retention).</p>
				<div class="checks">
					${EVENT_TYPES.map(
						(t) => html`<div class="check">
							<input id=${`type-${t}`} type="checkbox" checked=${types.includes(t)} onChange=${() => toggle(t)} />
							<label for=${`type-${t}`}><code>${t}</code></label>
						</div>`,
					)}
				</div>
			</fieldset>
			<button type="submit" disabled=${create.busy}>${create.busy ? "Registering…" : "Register endpoint"}</button>
			<${ErrorNotice} error=${create.error} />
		</form>
	</section>`;
}
