import { useEffect, useState } from "preact/hooks";
import { type Client, type TimelineEvent, type Verification, type VerificationStatus } from "../api";
import { ModeBadge, StatusBadge } from "../components/badges";
import { ErrorNotice } from "../components/notice";
import { StateDiagram } from "../components/state-diagram";
import { Time } from "../components/time";
import { label } from "../format";
import { useResource } from "../hooks";
import { html } from "../html";
import { WAITING_ON } from "../providers";
import { hrefs } from "../router";
import { useSession } from "../session-context";
import { canExpire, isInFlight } from "../states";
import { Timeline } from "./timeline";
import { VerificationActions } from "./verification-actions";

const IN_FLIGHT_POLL_MS = 1500;
const SETTLED_POLL_MS = 5000;
const MAX_TIMELINE = 1000;

/** One verification, kept current by polling: where it is, what it waits for, and how it got there. */
export function VerificationDetail({ id }: { id: string }) {
	const { client } = useSession();
	const [pollMs, setPollMs] = useState(IN_FLIGHT_POLL_MS);
	const live = useResource(() => client.verifications.get(id), id, pollMs);
	const current = live.data;
	// Poll fast while the provider is being asked, slowly once it waits on someone or is final.
	const wanted = current && !isInFlight(current) ? SETTLED_POLL_MS : IN_FLIGHT_POLL_MS;
	useEffect(() => setPollMs(wanted), [wanted]);
	const timeline = useResource(() => allEvents(client, id), `${id}|${current?.version}|${current?.updated_at}`);

	if (!current) {
		return html`<h1>Verification</h1>
			<p><a href=${hrefs.verifications()}>← All verifications</a></p>
			<${ErrorNotice} error=${live.error} />
			${!live.error && html`<p class="muted" role="status">Loading…</p>`}`;
	}
	const events = timeline.data ?? [];
	const changes = events.filter((e) => e.status_change);
	const visited = new Set<VerificationStatus>([
		...changes.flatMap((e) => (e.status ? [e.status] : [])),
		current.status,
	]);
	const taken = new Set(changes.filter((e) => e.previous_status).map((e) => `${e.previous_status}>${e.status}`));

	return html`<p class="crumbs"><a href=${hrefs.verifications()}>← All verifications</a></p>
		<div class="title-row">
			<h1>Verification <span class="mono id">${current.id}</span></h1>
			<${StatusBadge} status=${current.status} />
			<span class="pill">version ${current.version}</span>
			<${ModeBadge} mode=${current.livemode ? "live" : "test"} />
		</div>
		<p class="muted" aria-live="polite" aria-atomic="true" data-testid="detail-status">
			Now <strong>${label(current.status)}</strong> (version ${current.version}), waiting on ${WAITING_ON[current.waiting_on].who}${live.updatedAt ? ` · checked ${live.updatedAt.toLocaleTimeString()}` : ""}
		</p>
		<${ErrorNotice} error=${live.error} />
		<section aria-labelledby="h-state">
			<h2 id="h-state">State</h2>
			<${StateDiagram} current=${current.status} visited=${visited} taken=${taken} />
			<${Explanation} v=${current} />
		</section>
		<div class="columns">
			<section aria-labelledby="h-facts"><h2 id="h-facts">Details</h2><${Facts} v=${current} /></section>
			<section aria-labelledby="h-result"><h2 id="h-result">Field results</h2><${Results} v=${current} /></section>
		</div>
		<section aria-labelledby="h-timeline">
			<h2 id="h-timeline">Timeline</h2>
			<${ErrorNotice} error=${timeline.error} />
			<${Timeline} events=${events} loading=${timeline.data === undefined} />
		</section>
		<${VerificationActions} v=${current} onChange=${live.reload} />`;
}

/** Every entry of the timeline, oldest first (a verification has a handful; capped in case one has many). */
async function allEvents(client: Client, id: string): Promise<TimelineEvent[]> {
	const out: TimelineEvent[] = [];
	for await (const event of client.verifications.iterateEvents(id, { limit: 100 })) {
		out.push(event);
		if (out.length >= MAX_TIMELINE) break;
	}
	return out;
}

const EXPLAIN: Record<VerificationStatus, string> = {
	submitted: "Accepted. The first provider lookup starts within seconds.",
	processing: "The provider is being asked.",
	verified: "The passport details matched the registry. This is final.",
	failed: "The verification failed.",
	requires_action: "The provider found a mismatch that you can correct: retry with the fields named below.",
	expired: "No decision was reached before the deadline. A retry starts a new submission.",
};

function Explanation({ v }: { v: Verification }) {
	return html`<div class="explain">
		<p>${EXPLAIN[v.status]}</p>
		${
			v.last_error &&
			html`<div class="notice notice-warning" data-testid="last-error">
				<p class="notice-title">Last error: <code>${v.last_error.code}</code> ${v.last_error.retryable ? "(retryable)" : "(not retryable)"}</p>
				<p>${v.last_error.message}</p>
			</div>`
		}
		${
			v.required_action &&
			html`<div class="notice notice-warning" data-testid="required-action">
				<p class="notice-title">Action required: <code>${v.required_action.code}</code></p>
				<p>${v.required_action.message}</p>
				<p>Fields to correct: ${v.required_action.fields.map((f, i) => html`${i > 0 ? ", " : ""}<code>${f}</code>`)}</p>
			</div>`
		}
	</div>`;
}

function Facts({ v }: { v: Verification }) {
	const metadata = Object.entries(v.metadata);
	return html`<dl class="facts">
		<dt>Reference</dt><dd>${v.reference ?? html`<span class="muted">—</span>`}</dd>
		<dt>Passport</dt><dd class="mono">${v.passport.country ? `${v.passport.country} ` : ""}···${v.passport.last3}</dd>
		<dt>Provider</dt><dd>${v.provider}</dd>
		<dt>Waiting on</dt><dd data-testid="waiting-on"><code>${v.waiting_on}</code> <span class="muted">(${WAITING_ON[v.waiting_on].why})</span></dd>
		<dt>Attempts</dt><dd>${v.attempts}</dd>
		<dt>Next attempt</dt><dd><${Time} iso=${v.next_attempt_at} relative /></dd>
		<dt>Estimated completion</dt><dd data-testid="eta">${isInFlight(v) ? html`<${Time} iso=${v.estimated_completion_at} relative />` : html`<span class="muted">—</span>`}</dd>
		<dt>Deadline</dt><dd data-testid="deadline">${canExpire(v) ? html`<${Time} iso=${v.expires_at} relative />` : html`<span class="muted">none (${label(v.status)})</span>`}</dd>
		<dt>Created</dt><dd><${Time} iso=${v.created_at} /></dd>
		<dt>Updated</dt><dd><${Time} iso=${v.updated_at} /></dd>
		<dt>Personal data</dt><dd>${v.redacted_at ? html`erased <${Time} iso=${v.redacted_at} />` : "held (encrypted)"}</dd>
		${metadata.length > 0 && html`<dt>Metadata</dt><dd>${metadata.map(([k, val]) => html`<code>${k}</code>=${val} `)}</dd>`}
	</dl>`;
}

function Results({ v }: { v: Verification }) {
	const rows = Object.entries(v.result ?? {});
	if (rows.length === 0) return html`<p class="muted">No provider answer yet.</p>`;
	return html`<table class="results">
		<caption class="visually-hidden">Per-field match results</caption>
		<thead><tr><th scope="col">Field</th><th scope="col">Result</th></tr></thead>
		<tbody>
			${rows.map(([field, result]) => html`<tr><th scope="row"><code>${field}</code></th><td><span class=${`badge result-${result}`}>${label(result)}</span></td></tr>`)}
		</tbody>
	</table>`;
}
