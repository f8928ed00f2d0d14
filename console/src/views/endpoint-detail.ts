import { useState } from "preact/hooks";
import { type WebhookEndpoint } from "../api";
import { ModeBadge, StatusBadge } from "../components/badges";
import { ErrorNotice } from "../components/notice";
import { SecretOnce } from "../components/secret";
import { Time } from "../components/time";
import { useResource } from "../hooks";
import { html } from "../html";
import { hrefs } from "../router";
import { useSession } from "../session-context";
import { DeliveriesLog } from "./deliveries-log";
import { EndpointActions } from "./endpoint-actions";
import { HealthSummary } from "./endpoint-health";

/** One endpoint: its settings and health, what can be done to it, and its delivery log. */
export function EndpointDetail({ id }: { id: string }) {
	const { client } = useSession();
	const endpoint = useResource(() => client.webhookEndpoints.get(id), id, 5000);
	const [secret, setSecret] = useState<string | null>(null);
	const [logGeneration, setLogGeneration] = useState(0);
	const e = endpoint.data;

	if (!e) {
		return html`<p class="crumbs"><a href=${hrefs.webhooks()}>← All endpoints</a></p>
			<h1>Webhook endpoint</h1>
			<${ErrorNotice} error=${endpoint.error} />
			${!endpoint.error && html`<p class="muted" role="status">Loading…</p>`}`;
	}
	const changed = (next?: WebhookEndpoint & { secret?: string }) => {
		if (next?.secret) setSecret(next.secret);
		endpoint.reload();
		setLogGeneration((g) => g + 1);
	};

	return html`<p class="crumbs"><a href=${hrefs.webhooks()}>← All endpoints</a></p>
		<div class="title-row">
			<h1>Endpoint <span class="mono id">${e.id}</span></h1>
			<${StatusBadge} status=${e.status} />
			<${ModeBadge} mode=${e.livemode ? "live" : "test"} />
		</div>
		<p class="mono url">${e.url}</p>
		${e.disabled_reason && html`<div class="notice notice-warning"><p class="notice-title">Disabled <${Time} iso=${e.disabled_at} /></p><p>${e.disabled_reason}</p></div>`}
		${secret && html`<${SecretOnce} secret=${secret} onDismiss=${() => setSecret(null)} />`}
		<div class="columns">
			<section aria-labelledby="h-health"><h2 id="h-health">Health</h2><${HealthSummary} endpointId=${e.id} /></section>
			<section aria-labelledby="h-settings">
				<h2 id="h-settings">Settings</h2>
				<dl class="facts">
					<dt>Description</dt><dd>${e.description ?? html`<span class="muted">—</span>`}</dd>
					<dt>Events</dt><dd>${e.event_types ? e.event_types.map((t) => html`<code>${t}</code> `) : "all"}</dd>
					<dt>Rate limit</dt><dd data-testid="rate-limit">${e.rate_limit === null ? "none" : `${e.rate_limit} deliveries a second`}</dd>
					<dt>Previous secret</dt><dd>${e.previous_secret_expires_at ? html`also signs until <${Time} iso=${e.previous_secret_expires_at} relative />` : html`<span class="muted">none</span>`}</dd>
					<dt>Created</dt><dd><${Time} iso=${e.created_at} /></dd>
				</dl>
			</section>
		</div>
		<${EndpointActions} endpoint=${e} onChange=${changed} />
		<${DeliveriesLog} endpoint=${e} generation=${logGeneration} />`;
}
