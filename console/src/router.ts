import { useEffect, useState } from "preact/hooks";

/**
 * Hash routes: the console is one static page (/console/index.html), so every view is a fragment and a
 * bookmark or reload needs nothing from the worker.
 */
export type Route =
	| { view: "verifications" }
	| { view: "verification"; id: string }
	| { view: "webhooks" }
	| { view: "endpoint"; id: string }
	| { view: "providers" }
	| { view: "test" }
	| { view: "not-found"; path: string };

const ID = "[a-z]{2,4}_[0-9A-Za-z]+";

export function parseHash(hash: string): Route {
	const path = hash.replace(/^#/, "") || "/verifications";
	if (path === "/" || path === "/verifications") return { view: "verifications" };
	if (path === "/webhooks") return { view: "webhooks" };
	if (path === "/providers") return { view: "providers" };
	if (path === "/test") return { view: "test" };
	const verification = new RegExp(`^/verifications/(${ID})$`).exec(path);
	if (verification?.[1]) return { view: "verification", id: verification[1] };
	const endpoint = new RegExp(`^/webhooks/(${ID})$`).exec(path);
	if (endpoint?.[1]) return { view: "endpoint", id: endpoint[1] };
	return { view: "not-found", path };
}

export const hrefs = {
	verifications: () => "#/verifications",
	verification: (id: string) => `#/verifications/${encodeURIComponent(id)}`,
	webhooks: () => "#/webhooks",
	endpoint: (id: string) => `#/webhooks/${encodeURIComponent(id)}`,
	providers: () => "#/providers",
	test: () => "#/test",
};

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
	const [route, setRoute] = useState(() => parseHash(location.hash));
	useEffect(() => {
		const onChange = () => setRoute(parseHash(location.hash));
		addEventListener("hashchange", onChange);
		return () => removeEventListener("hashchange", onChange);
	}, []);
	return route;
}

export function navigate(href: string): void {
	location.hash = href.replace(/^#/, "");
}
