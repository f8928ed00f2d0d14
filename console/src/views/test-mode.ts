import { useMemo, useState } from "preact/hooks";
import { type TestEventType, type Verification } from "../api";
import { StatusBadge } from "../components/badges";
import { ErrorNotice } from "../components/notice";
import { useAction, useResource } from "../hooks";
import { html } from "../html";
import { hrefs } from "../router";
import { useSession } from "../session-context";
import { AdvanceClock } from "./advance-clock";
import { EVENT_TYPES } from "./create-endpoint";
import { AttemptResult } from "./endpoint-actions";
import { SandboxForm } from "./sandbox-form";

/** The test helpers: sandbox verifications with a chosen outcome, test clocks, and sample webhook events. */
export function TestMode() {
	const { client, mode, recent } = useSession();
	const [advanced, setAdvanced] = useState(0);
	if (mode !== "test") {
		return html`<h1>Test mode</h1>
			<p>The test helpers need a test key (<code>kyc_test_…</code>). Live keys get 404 from them by design.</p>`;
	}
	return html`<h1>Test mode</h1>
		<p class="lede">Everything here uses the sandbox: no registry is called and nothing is billed.</p>
		<div class="columns">
			<${SandboxForm} />
			<div class="stack">
				<section aria-labelledby="h-advance">
					<h2 id="h-advance">Test clock</h2>
					<${AdvanceClock} key=${recent[0] ?? "none"} client=${client} choices=${recent} onDone=${() => setAdvanced((n) => n + 1)} />
				</section>
				<${Recent} ids=${recent} generation=${advanced} />
			</div>
		</div>
		<${Trigger} />`;
}

/** The sandbox verifications created in this tab, with their current status. */
function Recent({ ids, generation }: { ids: string[]; generation: number }) {
	const { client } = useSession();
	// One list call (they are the newest) rather than one GET each, to stay far below the per-key rate limit.
	const statuses = useResource(
		async () => (await client.verifications.list({ limit: 50 })).data.filter((v) => ids.includes(v.id)),
		`${ids.join(",")}|${generation}`,
		ids.length > 0 ? 3000 : 0,
	);
	if (ids.length === 0) return null;
	return html`<section aria-labelledby="h-recent">
		<h2 id="h-recent">Created in this tab</h2>
		<ul class="plain">
			${(statuses.data ?? []).map(
				(v: Verification) =>
					html`<li key=${v.id}><a class="mono" href=${hrefs.verification(v.id)}>${v.id}</a> <${StatusBadge} status=${v.status} /></li>`,
			)}
		</ul>
	</section>`;
}

// The trigger sends samples of the status changes and the ping (src/webhooks/samples.ts).
const TRIGGER_TYPES: TestEventType[] = [
	"webhook.test",
	...EVENT_TYPES.filter(
		(t): t is Exclude<TestEventType, "webhook.test"> => !t.startsWith("webhook_") && t !== "verification.redacted",
	),
];

/** `POST /api/test/webhook-endpoints/{id}/trigger`: a signed sample event of any type, sent now. */
function Trigger() {
	const { client } = useSession();
	const endpoints = useResource(() => client.webhookEndpoints.list({ limit: 100 }), "trigger-endpoints");
	const options = useMemo(() => endpoints.data?.data ?? [], [endpoints.data]);
	const [endpointId, setEndpointId] = useState("");
	const [type, setType] = useState<TestEventType>("verification.verified");
	const chosen = endpointId || options[0]?.id || "";
	const trigger = useAction((id: string, t: TestEventType) => client.test.trigger(id, t));
	const submit = (e: Event) => {
		e.preventDefault();
		if (chosen) void trigger.run(chosen, type);
	};
	return html`<section aria-labelledby="h-trigger">
		<h2 id="h-trigger">Trigger a webhook event</h2>
		${
			options.length === 0
				? html`<p class="empty">${endpoints.data ? html`Register an endpoint on the <a href=${hrefs.webhooks()}>Webhooks</a> page first.` : "Loading endpoints…"}</p>`
				: html`<form class="card" onSubmit=${submit}>
						<p class="hint">A signed sample shaped like the real event and marked <code>"test": true</code>; not retried.</p>
						<div class="field">
							<label for="trigger-endpoint">Endpoint</label>
							<select id="trigger-endpoint" value=${chosen} onChange=${(e: Event) => setEndpointId((e.currentTarget as HTMLSelectElement).value)}>
								${options.map((o) => html`<option value=${o.id}>${o.url} (${o.id})</option>`)}
							</select>
						</div>
						<div class="field">
							<label for="trigger-type">Event type</label>
							<select id="trigger-type" value=${type} onChange=${(e: Event) => setType((e.currentTarget as HTMLSelectElement).value as TestEventType)}>
								${TRIGGER_TYPES.map((t) => html`<option value=${t}>${t}</option>`)}
							</select>
						</div>
						<button type="submit" disabled=${trigger.busy}>${trigger.busy ? "Sending…" : "Send event"}</button>
						${trigger.result && html`<${AttemptResult} d=${trigger.result} />`}
						<${ErrorNotice} error=${trigger.error} />
					</form>`
		}
	</section>`;
}
