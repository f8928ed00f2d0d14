import { type TimelineEvent } from "../api";
import { StatusBadge } from "../components/badges";
import { Time } from "../components/time";
import { html } from "../html";
import { CALL_KEYS, formatDuration, type ProviderCallView, providerCall } from "../providers";

/** The verification's timeline, oldest first: status changes (also sent as webhooks) and steps between them. */
export function Timeline({ events, loading }: { events: TimelineEvent[]; loading: boolean }) {
	if (loading && events.length === 0) return html`<p class="muted" role="status">Loading the timeline…</p>`;
	if (events.length === 0) return html`<p class="muted">Nothing recorded yet.</p>`;
	return html`<ol class="timeline" data-testid="timeline">
		${events.map((e) => {
			const call = providerCall(e);
			return html`<li key=${e.id} class=${e.status_change ? "change" : "step"} data-type=${e.type}>
				<div class="timeline-head">
					<code>${e.type}</code>
					${e.status_change && html`<${StatusBadge} status=${e.status} />`}
					<span class="muted">v${e.version}</span>
				</div>
				<div class="muted"><${Time} iso=${e.created_at} /> · <span class="mono">${e.id}</span></div>
				${call && html`<${Call} call=${call} />`}
				<${EventData} data=${e.data} skip=${call ? CALL_KEYS : NONE} />
			</li>`;
		})}
	</ol>`;
}

/** Which provider the entry's call asked, what came back and how long it took (docs/providers.md, "On the timeline"). */
function Call({ call }: { call: ProviderCallView }) {
	const took = call.durationMs === null ? "" : ` in ${formatDuration(call.durationMs)}`;
	return html`<p class=${`call call-${call.role}`} data-testid="provider-call" data-provider=${call.provider} data-role=${call.role}>
		${call.role === "asked" ? "Asked " : "Decided by "}<strong>${call.provider}</strong>${call.role === "asked" ? `: ${call.answer}` : ""}${took}
	</p>`;
}

const NONE: ReadonlySet<string> = new Set();

/** The entry's data, readable: `code — message` for errors and actions, plain values otherwise; `skip` shown above. */
function EventData({ data, skip }: { data: Record<string, unknown>; skip: ReadonlySet<string> }) {
	const entries = Object.entries(data).filter(
		([key, value]) => value !== null && value !== undefined && !skip.has(key),
	);
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
