import { useState } from "preact/hooks";
import { type ProviderStatus } from "../api";
import { StatusBadge } from "../components/badges";
import { ErrorNotice } from "../components/notice";
import { TableScroll } from "../components/table-scroll";
import { Time } from "../components/time";
import { useResource } from "../hooks";
import { html } from "../html";
import { reasonText, successRateText, windowText } from "../providers";
import { useSession } from "../session-context";
import { LiveToggle } from "./live-toggle";

const POLL_MS = 5000;

/**
 * `GET /api/provider-status`: each provider of the key's mode in order of preference, with its status, success rate
 * over the window, last change and reason; refreshed every few seconds like the other live views.
 */
export function ProviderStatusView() {
	const { client, mode } = useSession();
	const [live, setLive] = useState(true);
	const status = useResource(() => client.providerStatus.get(), `providers|${mode}`, live ? POLL_MS : 0);
	const providers = status.data?.data ?? [];
	return html`<h1>Provider status</h1>
		<p class="lede">
			${
				mode === "test"
					? html`Test mode asks two sandboxes in turn, <code>sandbox</code> then <code>sandbox_backup</code>. They always answer, so they are not measured.`
					: html`Live mode asks these providers in this order. A lookup moves on to the next only when one could not answer (timeout, server error, breaker open) or refused this service (credentials, wallet), never on an answer about the person.`
			}
		</p>
		<${LiveToggle} id="live-providers" live=${live} onToggle=${setLive} updatedAt=${status.updatedAt} everyMs=${POLL_MS} />
		<${ErrorNotice} error=${status.error} />
		${status.data === undefined && !status.error && html`<p class="muted" role="status">Loading…</p>`}
		${
			status.data &&
			html`<${TableScroll} label="Providers in order of preference"><table class="cards providers">
				<caption class="visually-hidden">Providers in order of preference</caption>
				<thead>
					<tr><th scope="col">Order</th><th scope="col">Provider</th><th scope="col">Status</th><th scope="col">Success rate</th><th scope="col">Window</th><th scope="col">Last change</th><th scope="col">Reason</th></tr>
				</thead>
				<tbody>
					${providers.map((p, i) => html`<${Row} key=${p.name} p=${p} order=${i + 1} />`)}
				</tbody>
			</table><//>`
		}
		<p class="hint">
			Operational: at least 91 % of the window's lookups answered. Degraded: 50–91 %. Down: under 50 %, calls paused by
			its circuit breaker, or a credential or wallet refusal an operator must fix.
		</p>`;
}

function Row({ p, order }: { p: ProviderStatus; order: number }) {
	const why = reasonText(p.reason);
	return html`<tr data-provider=${p.name} data-status=${p.status}>
		<td data-label="Order">${order}</td>
		<td data-label="Provider"><code class="provider-name">${p.name}</code></td>
		<td data-label="Status"><${StatusBadge} status=${p.status} /></td>
		<td data-label="Success rate">${successRateText(p)}</td>
		<td data-label="Window">${windowText(p.window_seconds)}</td>
		<td data-label="Last change"><${Time} iso=${p.last_changed_at} relative /></td>
		<td data-label="Reason">${why ? html`<code>${p.reason}</code><div class="muted">${why}</div>` : html`<span class="muted">—</span>`}</td>
	</tr>`;
}
