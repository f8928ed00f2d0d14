import { useState } from "preact/hooks";
import { html } from "../html";

/** A signing secret, shown this once: copy it now, then dismiss it. It is kept nowhere. */
export function SecretOnce({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
	const [copied, setCopied] = useState(false);
	const copy = async () => {
		try {
			await navigator.clipboard.writeText(secret);
			setCopied(true);
		} catch {
			setCopied(false);
		}
	};
	return html`<section class="notice notice-warning secret" aria-labelledby="secret-title">
		<h3 id="secret-title">Signing secret — shown only now</h3>
		<p>Store it where your receiver can read it. It is not shown again; rotate it if it is lost.</p>
		<label for="secret-value">Secret</label>
		<input id="secret-value" class="mono" readonly value=${secret} onFocus=${(e: FocusEvent) => (e.currentTarget as HTMLInputElement).select()} />
		<div class="actions">
			<button type="button" onClick=${copy}>${copied ? "Copied" : "Copy"}</button>
			<button type="button" class="secondary" onClick=${onDismiss}>I have stored it</button>
		</div>
	</section>`;
}
