import { type TimelineEvent } from "../api";
import { StatusBadge } from "../components/badges";
import { Time } from "../components/time";
import { html } from "../html";

/** The verification's timeline, oldest first: status changes (also sent as webhooks) and steps between them. */
export function Timeline({ events, loading }: { events: TimelineEvent[]; loading: boolean }) {
	if (loading && events.length === 0) return html`<p class="muted" role="status">Loading the timeline…</p>`;
	if (events.length === 0) return html`<p class="muted">Nothing recorded yet.</p>`;
	return html`<ol class="timeline" data-testid="timeline">
		${events.map(
			(e) => html`<li key=${e.id} class=${e.status_change ? "change" : "step"} data-type=${e.type}>
				<div class="timeline-head">
					<code>${e.type}</code>
					${e.status_change && html`<${StatusBadge} status=${e.status} />`}
					<span class="muted">v${e.version}</span>
				</div>
				<div class="muted"><${Time} iso=${e.created_at} /> · <span class="mono">${e.id}</span></div>
				<${EventData} data=${e.data} />
			</li>`,
		)}
	</ol>`;
}

/** The entry's data, readable: `code — message` for errors and actions, plain values otherwise. */
function EventData({ data }: { data: Record<string, unknown> }) {
	const entries = Object.entries(data).filter(([, value]) => value !== null && value !== undefined);
	if (entries.length === 0) return null;
	return html`<dl class="event-data">
		${entries.map(([key, value]) => html`<dt>${key}</dt><dd>${describe(value)}</dd>`)}
	</dl>`;
}

function describe(value: unknown): string {
	if (value && typeof value === "object" && "code" in value && "message" in value) {
		return `${String(value.code)} — ${String(value.message)}`;
	}
	if (typeof value === "object") return JSON.stringify(value);
	return String(value);
}
