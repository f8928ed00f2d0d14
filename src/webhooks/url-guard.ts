/**
 * SSRF guard for partner webhook URLs, applied at registration and again before every attempt (rules or the
 * environment may have changed since). Workers cannot resolve DNS before a fetch, so the guard works on the host as
 * DNS would read it: the WHATWG parser lower-cases it, maps Unicode to punycode (full-width letters and dots
 * included), decodes percent-escapes, canonicalises every IPv4 spelling (decimal `2130706433`, hex `0x7f.1`, octal
 * `0177.0.0.1`, short `127.1`) to dotted form and IPv6 (IPv4-mapped included) to `[…]`; the guard then strips every
 * trailing dot (`metadata.google.internal..` is `metadata.google.internal`) and parses what is left again. IP
 * literals are refused outright, and so are names that are private by standard or by custom. The runtime adds its
 * own check (`global_fetch_strictly_public` in wrangler.toml); names that resolve to private addresses are out of
 * reach of a fetch that leaves from Cloudflare's edge.
 */

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export const MAX_URL_LENGTH = 2048;

/** Names that are never public: special-use (RFC 6761/6762/8375), and suffixes commonly used inside networks. */
const PRIVATE_SUFFIXES = [
	"localhost",
	"local",
	"internal",
	"localdomain",
	"lan",
	"home",
	"corp",
	"intranet",
	"private",
	"home.arpa",
	"arpa",
	"test",
	"example",
	"invalid",
	"onion",
];

/**
 * Public names that lead inside: cloud metadata services under a public suffix, and wildcard-DNS services whose
 * names resolve to the address written in them (`10.0.0.1.nip.io`) or to loopback (`anything.localtest.me`).
 */
const INSIDE_NAMES = [
	"metadata.goog",
	"metadata.tencentyun.com",
	"nip.io",
	"sslip.io",
	"xip.io",
	"localtest.me",
	"lvh.me",
	"vcap.me",
];

/**
 * Development only: the loopback spellings a local receiver uses (`npm run webhooks:listen`), matched on the URL
 * as written so that other spellings of the same address (`2130706433`, `0x7f.1`) stay refused everywhere.
 */
const DEV_LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?([/?#]|$)/i;

const deny = (reason: string): UrlCheck => ({ ok: false, reason });

const isIpLiteral = (host: string) =>
	host.startsWith("[") ||
	/^\d+(\.\d+){3}$/.test(host) ||
	// Belt and braces for a parser that did not canonicalise: a numeric or hex last label means an IPv4 address.
	/(^|\.)(0x[0-9a-f]*|\d+)$/i.test(host);

/**
 * The host as DNS resolves it: the parser's form (lower case, punycode, canonical IP) without any trailing dot,
 * parsed again, since the dots can hide an IPv4 number (`2130706433..`). Null when what is left does not parse.
 */
export function resolvableHost(hostname: string): string | null {
	const bare = hostname.toLowerCase().replace(/\.+$/, "");
	if (bare === hostname) return bare;
	try {
		return new URL(`https://${bare}/`).hostname;
	} catch {
		return null;
	}
}

const under = (host: string, names: readonly string[]) => names.find((s) => host === s || host.endsWith(`.${s}`));

/** Why `host` (as `resolvableHost` gives it) is not a public webhook target, or null if it is. */
function privateHost(host: string): string | null {
	if (host === "") return "The URL has no host.";
	if (isIpLiteral(host)) return "IP addresses are not allowed; use a public hostname.";
	if (!host.includes(".")) return "Single-label hostnames are private; use a fully qualified public hostname.";
	const suffix = under(host, PRIVATE_SUFFIXES);
	if (suffix) return `Hostnames under .${suffix} are not public.`;
	const inside = under(host, INSIDE_NAMES);
	if (inside) return `Hostnames under ${inside} lead to private or metadata addresses.`;
	return null;
}

/** Checks a webhook URL; `development` allows http and loopback so the flow can be tried locally. */
export function checkWebhookUrl(raw: string, opts: { development: boolean }): UrlCheck {
	if (raw.length > MAX_URL_LENGTH) return deny(`The URL must be at most ${MAX_URL_LENGTH} characters.`);
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return deny("Not an absolute URL.");
	}
	const loopback = opts.development && DEV_LOOPBACK.test(raw);
	if (url.protocol !== "https:" && !(opts.development && url.protocol === "http:")) {
		return deny(opts.development ? "Use an http or https URL." : "Use an https URL.");
	}
	if (url.username || url.password)
		return deny("Credentials in the URL are not allowed; authenticate with the signature.");
	if (loopback) return { ok: true, url: url.href };
	const host = resolvableHost(url.hostname);
	if (host === null) return deny("The hostname is not valid.");
	const refused = privateHost(host);
	if (refused) return deny(refused);
	// A fully qualified name may end in one dot (the root); an empty label anywhere else is no DNS name.
	if (url.hostname.replace(/\.$/, "").split(".").includes("")) return deny("The hostname has an empty label.");
	return { ok: true, url: url.href };
}
