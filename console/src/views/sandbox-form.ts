import { useState } from "preact/hooks";
import { type Verification } from "../api";
import { StatusBadge } from "../components/badges";
import { ErrorNotice } from "../components/notice";
import { useAction } from "../hooks";
import { html } from "../html";
import { hrefs } from "../router";
import { FAILOVER_PREFIX, SANDBOX_OUTCOMES, sandboxPassport } from "../sandbox";
import { useSession } from "../session-context";

/** Submit a sandbox verification whose outcome is picked by digit, decided by the first sandbox or its backup. */
export function SandboxForm() {
	const { client, remember } = useSession();
	const [digit, setDigit] = useState(0);
	const [failover, setFailover] = useState(false);
	const [lastName, setLastName] = useState("Okafor");
	const [dateOfBirth, setDateOfBirth] = useState("1990-04-15");
	const [reference, setReference] = useState("");
	const create = useAction(async (): Promise<Verification> => {
		const v = await client.verifications.create({
			passport_number: sandboxPassport(digit, failover),
			last_name: lastName.trim(),
			date_of_birth: dateOfBirth,
			reference: reference.trim() || undefined,
			metadata: { source: "console" },
		});
		remember(v.id);
		return v;
	});
	const submit = (e: Event) => {
		e.preventDefault();
		void create.run();
	};
	return html`<section aria-labelledby="h-sandbox">
		<h2 id="h-sandbox">Create a sandbox verification</h2>
		<form class="card" onSubmit=${submit}>
			<fieldset>
				<legend>Outcome (the passport number's last digit)</legend>
				<div class="outcomes">
					${SANDBOX_OUTCOMES.map(
						(o) => html`<div class="check">
							<input id=${`digit-${o.digit}`} type="radio" name="digit" value=${String(o.digit)} checked=${digit === o.digit} onChange=${() => setDigit(o.digit)} />
							<label for=${`digit-${o.digit}`}><strong>${o.digit}</strong> — ${o.outcome} <span class="muted">(${o.detail})</span></label>
						</div>`,
					)}
				</div>
			</fieldset>
			<fieldset>
				<legend>Which sandbox decides</legend>
				<div class="check">
					<input id="sandbox-failover" type="checkbox" checked=${failover} onChange=${(e: Event) => setFailover((e.currentTarget as HTMLInputElement).checked)} />
					<label for="sandbox-failover">Fail over to the backup sandbox <span class="muted">(<code>sandbox</code> cannot answer, so <code>sandbox_backup</code> decides the chosen outcome in the same attempt; the timeline shows the failed call)</span></label>
				</div>
			</fieldset>
			<div class="field">
				<label for="sandbox-last-name">Last name</label>
				<input id="sandbox-last-name" required autocomplete="off" value=${lastName} onInput=${(e: Event) => setLastName((e.currentTarget as HTMLInputElement).value)} />
			</div>
			<div class="field">
				<label for="sandbox-dob">Date of birth</label>
				<input id="sandbox-dob" type="date" required value=${dateOfBirth} onInput=${(e: Event) => setDateOfBirth((e.currentTarget as HTMLInputElement).value)} />
			</div>
			<div class="field">
				<label for="sandbox-reference">Reference <span class="muted">(optional)</span></label>
				<input id="sandbox-reference" autocomplete="off" placeholder="user_8812" value=${reference} onInput=${(e: Event) => setReference((e.currentTarget as HTMLInputElement).value)} />
			</div>
			<p class="hint">The passport number is generated: a random ${failover ? html`<code>${FAILOVER_PREFIX}</code>` : html`<code>T</code>`}-number ending in the chosen digit.</p>
			<button type="submit" disabled=${create.busy}>${create.busy ? "Submitting…" : "Create verification"}</button>
			${
				create.result &&
				html`<div class="notice notice-success" role="status" data-testid="created">
					Created <a class="mono" href=${hrefs.verification(create.result.id)}>${create.result.id}</a>${" "}
					<${StatusBadge} status=${create.result.status} />. Open it to watch it move.
				</div>`
			}
			<${ErrorNotice} error=${create.error} />
		</form>
	</section>`;
}
