import { useState } from "preact/hooks";
import { clientFor } from "../api";
import { ModeBadge } from "../components/badges";
import { ErrorNotice, Notice } from "../components/notice";
import { html } from "../html";
import { modeOf } from "../session";

/** Sign in by pasting an API key; it is checked with one harmless call before the session starts. */
export function Login({ onSignIn, reason }: { onSignIn: (key: string) => void; reason: string | null }) {
	const [key, setKey] = useState("");
	const [reveal, setReveal] = useState(false);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<unknown>(undefined);
	const [problem, setProblem] = useState<string | null>(null);
	const trimmed = key.trim();
	const mode = modeOf(trimmed);

	const submit = async (e: Event) => {
		e.preventDefault();
		setError(undefined);
		setProblem(null);
		if (!mode) return setProblem("An API key starts with kyc_test_ (test mode) or kyc_live_ (live mode).");
		setBusy(true);
		try {
			await clientFor(trimmed).verifications.list({ limit: 1 });
			onSignIn(trimmed);
		} catch (err) {
			setError(err);
			setBusy(false);
		}
	};

	return html`<main id="main" class="login" tabindex="-1">
		<h1>KYC partner console</h1>
		<p>Watch verifications move through their states, manage webhook endpoints, and drive the sandbox.</p>
		${reason && html`<${Notice} tone="warning">${reason}<//>`}
		<form class="card" onSubmit=${submit} novalidate>
			<label for="api-key">API key</label>
			<input
				id="api-key"
				name="api-key"
				class="mono"
				type=${reveal ? "text" : "password"}
				autocomplete="off"
				autocapitalize="off"
				spellcheck=${false}
				placeholder="kyc_test_…"
				required
				aria-describedby="api-key-help"
				aria-invalid=${problem ? "true" : undefined}
				value=${key}
				onInput=${(e: InputEvent) => setKey((e.currentTarget as HTMLInputElement).value)}
			/>
			<p id="api-key-help" class="hint">
				Kept in this tab's session storage until you sign out or close the tab — never in a cookie. The prefix decides the
				mode: <code>kyc_test_</code> is the sandbox, <code>kyc_live_</code> is real.
			</p>
			<div class="check">
				<input id="reveal-key" type="checkbox" checked=${reveal} onChange=${() => setReveal(!reveal)} />
				<label for="reveal-key">Show key</label>
			</div>
			<p class="mode-preview" aria-live="polite">
				${mode ? html`Signs in to <${ModeBadge} mode=${mode} />` : html`<span class="muted">Mode: paste a key to see it</span>`}
			</p>
			${problem && html`<p class="field-error" role="alert">${problem}</p>`}
			<button type="submit" disabled=${busy}>${busy ? "Checking…" : "Sign in"}</button>
		</form>
		<${ErrorNotice} error=${error} />
	</main>`;
}
