import { useState } from "preact/hooks";
import { type WebhookDelivery, type WebhookEndpoint } from "../api";
import { StatusBadge } from "../components/badges";
import { ErrorNotice, Notice } from "../components/notice";
import { Pager, usePager } from "../components/pager";
import { TableScroll } from "../components/table-scroll";
import { Time } from "../components/time";
import { label } from "../format";
import { useAction, useResource } from "../hooks";
import { html } from "../html";
import { useSession } from "../session-context";
import { LiveToggle } from "./live-toggle";

const STATUSES = ["pending", "succeeded", "failed", "skipped"] as const;
type Status = (typeof STATUSES)[number];
const POLL_MS = 3000;

/** The endpoint's delivery log, newest first: filter by status, page, and re-send one delivery. */
export function DeliveriesLog({ endpoint, generation }: { endpoint: WebhookEndpoint; generation: number }) {
	const { client } = useSession();
	const [status, setStatus] = useState<Status | "">("");
	const [live, setLive] = useState(true);
	const pager = usePager(status);
	const log = useResource(
		() =>
			client.webhookEndpoints.deliveries(endpoint.id, {
				limit: 20,
				status: status || undefined,
				starting_after: pager.cursor,
			}),
		`${endpoint.id}|${status}|${pager.cursor ?? ""}|${generation}`,
		live ? POLL_MS : 0,
	);
	const resend = useAction(async (d: WebhookDelivery) => {
		const delivery = await client.webhookEndpoints.resendDelivery(endpoint.id, d.id);
		log.reload();
		return delivery;
	});

	return html`<section aria-labelledby="h-deliveries">
		<h2 id="h-deliveries">Deliveries</h2>
		<div class="filters">
			<div class="field">
				<label for="delivery-status">Status</label>
				<select id="delivery-status" value=${status} onChange=${(e: Event) => setStatus((e.currentTarget as HTMLSelectElement).value as Status | "")}>
					<option value="">Any status</option>
					${STATUSES.map((s) => html`<option value=${s}>${label(s)}</option>`)}
				</select>
			</div>
			<${LiveToggle} id="live-deliveries" live=${live} onToggle=${setLive} updatedAt=${log.updatedAt} everyMs=${POLL_MS} />
		</div>
		${
			resend.result &&
			html`<${Notice} tone="success">
				Re-sending <code>${resend.result.event_type}</code> (<span class="mono">${resend.result.event_id}</span>) now, with a fresh retry schedule.
			<//>`
		}
		<${ErrorNotice} error=${resend.error ?? log.error} />
		${log.data === undefined && !log.error && html`<p class="muted" role="status">Loading…</p>`}
		${log.data && log.data.data.length === 0 && html`<p class="empty">No deliveries${status ? ` with status ${label(status)}` : " yet"}.</p>`}
		${
			log.data &&
			log.data.data.length > 0 &&
			html`<${TableScroll} label="Deliveries, newest first"><table class="cards deliveries">
				<caption class="visually-hidden">Deliveries, newest first</caption>
				<thead>
					<tr>
						<th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last attempt</th>
						<th scope="col">Next attempt</th><th scope="col">Created</th><th scope="col"><span class="visually-hidden">Actions</span></th>
					</tr>
				</thead>
				<tbody>
					${log.data.data.map((d) => html`<${Row} key=${d.id} d=${d} busy=${resend.busy} onResend=${() => resend.run(d)} />`)}
				</tbody>
			</table><//>`
		}
		${log.data && html`<${Pager} label="Delivery pages" page=${pager.page} nextCursor=${log.data.has_more ? log.data.next_cursor : null} onNext=${pager.next} onPrevious=${pager.previous} />`}
	</section>`;
}

function Row({ d, busy, onResend }: { d: WebhookDelivery; busy: boolean; onResend: () => void }) {
	const ping = d.event_type === "webhook.test";
	return html`<tr data-id=${d.id} data-event-type=${d.event_type} data-status=${d.status}>
		<td data-label="Event"><code>${d.event_type}</code><div class="muted mono">${d.event_id}</div></td>
		<td data-label="Status"><${StatusBadge} status=${d.status} />${d.error_class && html`<div class="muted">${d.error_class}${d.error ? `: ${d.error}` : ""}</div>`}</td>
		<td data-label="Attempts">${d.attempts}</td>
		<td data-label="Last attempt">
			<${Time} iso=${d.last_attempt_at} />
			${d.last_attempt_at && html`<div class="muted">${d.response_status !== null ? `HTTP ${d.response_status}` : "no answer"}${d.latency_ms !== null ? ` · ${d.latency_ms} ms` : ""}</div>`}
		</td>
		<td data-label="Next attempt"><${Time} iso=${d.next_attempt_at} /></td>
		<td data-label="Created"><${Time} iso=${d.created_at} /></td>
		<td data-label="Actions">
			${
				ping
					? html`<span class="muted">test ping</span>`
					: html`<button type="button" class="secondary small" disabled=${busy} onClick=${onResend} aria-label=${`Resend ${d.event_type} ${d.event_id}`}>Resend</button>`
			}
		</td>
	</tr>`;
}
