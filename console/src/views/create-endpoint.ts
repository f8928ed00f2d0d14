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
] as const;

type EventType = (typeof EVENT_TYPES)[number];

/** Register an endpoint; its signing secret is shown once, right here. */
export function CreateEndpoint({ onCreated }: { onCreated: () => void }) {
	const { client } = useSession();
	const [url, setUrl] = useState("");
	const [description, setDescription] = useState("");
	const [types, setTypes] = useState<EventType[]>([]);
	const [created, setCreated] = useState<WebhookEndpointWithSecret | null>(null);
	const create = useAction(async () => {
		const endpoint = await client.webhookEndpoints.create({
			url: url.trim(),
			description: description.trim() || undefined,
			event_types: types.length > 0 ? types : undefined,
		});
		setCreated(endpoint);
		setUrl("");
		setDescription("");
		setTypes([]);
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
			<fieldset>
				<legend>Events <span class="muted">(none ticked: every event)</span></legend>
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
