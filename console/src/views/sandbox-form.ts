import { useState } from "preact/hooks";
import { type Verification } from "../api";
import { StatusBadge } from "../components/badges";
import { ErrorNotice } from "../components/notice";
import { useAction } from "../hooks";
import { html } from "../html";
import { hrefs } from "../router";
import { useSession } from "../session-context";

/** README "Sandbox outcomes": the passport number's last digit decides. */
export const SANDBOX_OUTCOMES: { digit: number; outcome: string; detail: string }[] = [
	{ digit: 0, outcome: "verified", detail: "within a few seconds" },
	{ digit: 1, outcome: "failed", detail: "passport_not_found, not retryable" },
	{
		digit: 2,
		outcome: "requires action",
		detail: "date_of_birth_mismatch; a retry with another date of birth is verified",
	},
	{ digit: 3, outcome: "verified", detail: "after the provider is unavailable on the first two attempts" },
	{
		digit: 4,
		outcome: "failed",
		detail: "provider unavailable on every attempt; retryable, and a later retry is verified",
	},
	{ digit: 5, outcome: "expired", detail: "never decides: expires at the 24 h deadline (advance the clock)" },
	{ digit: 6, outcome: "verified", detail: "after a short delay" },
	{ digit: 7, outcome: "verified", detail: "after a short delay" },
	{ digit: 8, outcome: "verified", detail: "after a short delay" },
	{ digit: 9, outcome: "verified", detail: "after a short delay" },
];

/** A fresh number per submission, so the duplicate guard never hands back an earlier active verification. */
function passportNumber(digit: number): string {
	const body = Array.from(crypto.getRandomValues(new Uint8Array(7)), (b) => String(b % 10)).join("");
	return `T${body}${digit}`;
}

/** Submit a sandbox verification whose outcome is picked by digit. */
export function SandboxForm() {
	const { client, remember } = useSession();
	const [digit, setDigit] = useState(0);
	const [lastName, setLastName] = useState("Okafor");
	const [dateOfBirth, setDateOfBirth] = useState("1990-04-15");
	const [reference, setReference] = useState("");
	const create = useAction(async (): Promise<Verification> => {
		const v = await client.verifications.create({
			passport_number: passportNumber(digit),
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
			<p class="hint">The passport number is generated: a random <code>T</code>-number ending in the chosen digit.</p>
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
