import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { clientFor } from "./api";
import { ModeBadge } from "./components/badges";
import { html } from "./html";
import { hrefs, navigate, type Route, useRoute } from "./router";
import { clearKey, loadKey, modeOf, saveKey } from "./session";
import { type Session, SessionContext, useSession } from "./session-context";
import { EndpointDetail } from "./views/endpoint-detail";
import { Login } from "./views/login";
import { ProviderStatusView } from "./views/provider-status";
import { TestMode } from "./views/test-mode";
import { VerificationDetail } from "./views/verification-detail";
import { VerificationsList } from "./views/verifications-list";
import { Webhooks } from "./views/webhooks";

/** Signed out: the sign-in page. Signed in: the shell around the routed view. */
export function App() {
	const [key, setKey] = useState(loadKey);
	const [reason, setReason] = useState<string | null>(null);
	const [recent, setRecent] = useState<string[]>([]);

	const signIn = useCallback((k: string) => {
		saveKey(k);
		setReason(null);
		setKey(k);
		navigate(hrefs.verifications());
	}, []);
	const signOut = useCallback((why?: string) => {
		clearKey();
		setRecent([]);
		setReason(why ?? null);
		setKey(null);
		history.replaceState(null, "", location.pathname);
	}, []);
	const remember = useCallback((id: string) => setRecent((r) => [id, ...r.filter((x) => x !== id)].slice(0, 10)), []);

	const client = useMemo(() => (key ? clientFor(key) : null), [key]);
	const session = useMemo<Session | null>(() => {
		const mode = key ? modeOf(key) : null;
		return client && mode ? { client, mode, signOut, recent, remember } : null;
	}, [key, client, signOut, recent, remember]);

	useEffect(() => {
		document.title = session
			? `KYC console · ${session.mode === "test" ? "Test mode" : "Live mode"}`
			: "KYC console · Sign in";
	}, [session]);

	if (!session) return html`<${Login} onSignIn=${signIn} reason=${reason} />`;
	return html`<${SessionContext.Provider} value=${session}><${Shell} /><//>`;
}

const NAV: { view: Route["view"][]; href: string; text: string; testOnly?: boolean }[] = [
	{ view: ["verifications", "verification"], href: hrefs.verifications(), text: "Verifications" },
	{ view: ["webhooks", "endpoint"], href: hrefs.webhooks(), text: "Webhooks" },
	{ view: ["providers"], href: hrefs.providers(), text: "Provider status" },
	{ view: ["test"], href: hrefs.test(), text: "Test mode", testOnly: true },
];

function Shell() {
	const route = useRoute();
	const main = useRef<HTMLElement>(null);
	const first = useRef(true);
	const session = useSession();

	// A route change moves focus to the new view, as a page load would, so keyboard and screen-reader users start there.
	useEffect(() => {
		if (first.current) {
			first.current = false;
			return;
		}
		main.current?.focus();
	}, [route]);

	return html`<a class="skip" href="#main" onClick=${skipToMain}>Skip to content</a>
		<header class=${`mode-${session.mode}`}>
			<div class="top">
				<div class="brand"><a href=${hrefs.verifications()}>KYC console</a></div>
				<${ModeBadge} mode=${session.mode} />
				<nav aria-label="Main" class="main-nav">
					<ul>
						${NAV.filter((n) => !n.testOnly || session.mode === "test").map(
							(n) =>
								html`<li><a href=${n.href} aria-current=${n.view.includes(route.view) ? "page" : undefined}>${n.text}</a></li>`,
						)}
					</ul>
				</nav>
				<button type="button" class="secondary sign-out" onClick=${() => session.signOut()}>Sign out</button>
			</div>
			${session.mode === "test" && html`<p class="test-banner">Test mode: sandbox data only. Nothing here reaches a passport registry.</p>`}
		</header>
		<main id="main" ref=${main} tabindex="-1"><${View} route=${route} /></main>`;
}

function skipToMain(e: Event) {
	e.preventDefault();
	document.getElementById("main")?.focus();
}

function View({ route }: { route: Route }) {
	switch (route.view) {
		case "verifications":
			return html`<${VerificationsList} />`;
		case "verification":
			return html`<${VerificationDetail} id=${route.id} />`;
		case "webhooks":
			return html`<${Webhooks} />`;
		case "endpoint":
			return html`<${EndpointDetail} id=${route.id} />`;
		case "providers":
			return html`<${ProviderStatusView} />`;
		case "test":
			return html`<${TestMode} />`;
		case "not-found":
			return html`<h1>Not found</h1>
				<p>Nothing lives at <code>${route.path}</code>. <a href=${hrefs.verifications()}>Back to verifications</a>.</p>`;
	}
}
