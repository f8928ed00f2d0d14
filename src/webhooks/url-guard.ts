/**
 * SSRF guard for partner webhook URLs, applied at registration and again before every attempt (rules or the
 * environment may have changed since). Workers cannot resolve DNS before a fetch, so the guard works on the URL
 * as written: the WHATWG parser first canonicalises every IPv4 spelling (decimal `2130706433`, hex `0x7f.1`,
 * octal `0177.0.0.1`) to dotted form and IPv6 to `[…]`, then IP literals are refused outright. Names that
 * resolve to private addresses are out of reach of Workers' fetch anyway.
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

/** Checks a webhook URL; `development` allows http and loopback so the flow can be tried locally. */
export function checkWebhookUrl(raw: string, opts: { development: boolean }): UrlCheck {
	if (raw.length > MAX_URL_LENGTH) return deny(`The URL must be at most ${MAX_URL_LENGTH} characters.`);
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return deny("Not an absolute URL.");
	}
	const host = url.hostname.toLowerCase().replace(/\.$/, "");
	const loopback = opts.development && DEV_LOOPBACK.test(raw);
	if (url.protocol !== "https:" && !(opts.development && url.protocol === "http:")) {
		return deny(opts.development ? "Use an http or https URL." : "Use an https URL.");
	}
	if (url.username || url.password)
		return deny("Credentials in the URL are not allowed; authenticate with the signature.");
	if (loopback) return { ok: true, url: url.href };
	if (host === "") return deny("The URL has no host.");
	if (isIpLiteral(host)) return deny("IP addresses are not allowed; use a public hostname.");
	if (!host.includes(".")) return deny("Single-label hostnames are private; use a fully qualified public hostname.");
	const suffix = PRIVATE_SUFFIXES.find((s) => host === s || host.endsWith(`.${s}`));
	if (suffix) return deny(`Hostnames under .${suffix} are not public.`);
	return { ok: true, url: url.href };
}
