import { type WebhookEndpoint } from "../api";
import { StatusBadge } from "../components/badges";
import { ErrorNotice } from "../components/notice";
import { TableScroll } from "../components/table-scroll";
import { useResource } from "../hooks";
import { html } from "../html";
import { hrefs } from "../router";
import { useSession } from "../session-context";
import { CreateEndpoint } from "./create-endpoint";
import { HealthCells } from "./endpoint-health";

const POLL_MS = 10_000;

/** The account's webhook endpoints (this mode's), their health, and a form to register one. */
export function Webhooks() {
	const { client } = useSession();
	const endpoints = useResource(() => client.webhookEndpoints.list({ limit: 100 }), "endpoints", POLL_MS);
	const list = endpoints.data?.data;

	return html`<h1>Webhooks</h1>
		<p class="lede">Signed events for every status change, each redaction and your endpoints' health (<code>webhook_endpoint.*</code>, sent to your other endpoints). A failing endpoint's deliveries wait for its probe and all go out the moment it answers again (catch-up); cancel a verification from its page. Health is computed from each endpoint's delivery log over the last 24 hours.</p>
		<${ErrorNotice} error=${endpoints.error} />
		${list === undefined && !endpoints.error && html`<p class="muted" role="status">Loading…</p>`}
		${list && list.length === 0 && html`<p class="empty">No endpoints yet. Register one below.</p>`}
		${list && list.length > 0 && html`<${EndpointTable} endpoints=${list} />`}
		${endpoints.data?.has_more && html`<p class="muted">Showing the newest 100 endpoints.</p>`}
		<${CreateEndpoint} onCreated=${endpoints.reload} />`;
}

function EndpointTable({ endpoints }: { endpoints: WebhookEndpoint[] }) {
	return html`<${TableScroll} label="Webhook endpoints"><table class="cards endpoints">
		<caption class="visually-hidden">Webhook endpoints</caption>
		<thead>
			<tr>
				<th scope="col">Endpoint</th><th scope="col">Status</th><th scope="col">Success (24 h)</th>
				<th scope="col">Last success</th><th scope="col">Last failure</th><th scope="col">Events</th>
			</tr>
		</thead>
		<tbody>
			${endpoints.map(
				(e) => html`<tr key=${e.id} data-id=${e.id}>
					<td data-label="Endpoint">
						<a href=${hrefs.endpoint(e.id)} class="mono url">${e.url}</a>
						${e.description && html`<div class="muted">${e.description}</div>`}
					</td>
					<td data-label="Status">
						<${StatusBadge} status=${e.status} />
						${e.disabled_reason && html`<div class="muted">${e.disabled_reason}</div>`}
					</td>
					<${HealthCells} endpointId=${e.id} />
					<td data-label="Events">${e.event_types ? e.event_types.join(", ") : "all"}</td>
				</tr>`,
			)}
		</tbody>
	</table><//>`;
}
