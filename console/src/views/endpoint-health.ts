import { Time } from "../components/time";
import { formatPercent } from "../format";
import { endpointHealth, type Health } from "../health";
import { useResource } from "../hooks";
import { html } from "../html";
import { useSession } from "../session-context";

/** Each endpoint's health reads its delivery log: on the list of all endpoints, slowly. */
const POLL_MS = 30_000;

export function useHealth(endpointId: string, pollMs = POLL_MS) {
	const { client } = useSession();
	return useResource(() => endpointHealth(client, endpointId), `health|${endpointId}`, pollMs);
}

export function rateText(h: Health): string {
	if (h.successRate === null) return "no deliveries";
	return `${formatPercent(h.successRate)} (${h.succeeded}/${h.attempted}${h.partial ? ", newest only" : ""})`;
}

/** Three cells of the endpoints table: success rate, last success, last failure. */
export function HealthCells({ endpointId }: { endpointId: string }) {
	const health = useHealth(endpointId);
	const h = health.data;
	if (!h) {
		const text = health.error ? "unavailable" : "…";
		return html`<td data-label="Success (24 h)">${text}</td><td data-label="Last success">${text}</td><td data-label="Last failure">${text}</td>`;
	}
	return html`<td data-label="Success (24 h)" class=${h.successRate !== null && h.successRate < 0.9 ? "bad" : ""}>${rateText(h)}</td>
		<td data-label="Last success"><${Time} iso=${h.lastSuccessAt} /></td>
		<td data-label="Last failure">${h.lastFailure ? html`<${Time} iso=${h.lastFailure.at} /><div class="muted">${h.lastFailure.error}</div>` : html`<span class="muted">—</span>`}</td>`;
}

/** The same figures as a list, for an endpoint's page. */
export function HealthSummary({ endpointId }: { endpointId: string }) {
	// On one endpoint's page, every 5 s, so a re-sent delivery shows in its figures.
	const health = useHealth(endpointId, 5000);
	const h = health.data;
	return html`<dl class="facts" data-testid="health">
		<dt>Success (24 h)</dt><dd>${h ? rateText(h) : "…"}${h && h.retrying > 0 ? html` <span class="muted">· ${h.retrying} retrying</span>` : ""}</dd>
		<dt>Last success</dt><dd>${h ? html`<${Time} iso=${h.lastSuccessAt} relative />` : "…"}</dd>
		<dt>Last failure</dt><dd>${h?.lastFailure ? html`<${Time} iso=${h.lastFailure.at} relative /> <span class="muted">${h.lastFailure.error}</span>` : h ? html`<span class="muted">—</span>` : "…"}</dd>
	</dl>`;
}
