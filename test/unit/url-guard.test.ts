import { describe, expect, it } from "vitest";
import { checkWebhookUrl } from "../../src/webhooks/url-guard";

const production = { development: false };
const development = { development: true };

/** Every way we know to spell a non-public target. All refused in production. */
const REJECTED: [string, string][] = [
	["http in production", "http://hooks.partner.example.com/kyc"],
	["ftp", "ftp://hooks.partner.example.com/kyc"],
	["not a URL", "hooks.partner.example.com/kyc"],
	["IPv4 literal", "https://10.0.0.1/kyc"],
	["IPv4 loopback", "https://127.0.0.1/kyc"],
	["IPv4 metadata", "https://169.254.169.254/latest/meta-data"],
	["IPv4 public literal", "https://8.8.8.8/kyc"],
	["decimal IPv4", "https://2130706433/kyc"],
	["hex IPv4", "https://0x7f000001/kyc"],
	["dotted hex IPv4", "https://0x7f.0x0.0x0.0x1/kyc"],
	["octal IPv4", "https://0177.0.0.1/kyc"],
	["short IPv4", "https://127.1/kyc"],
	["zero address", "https://0/kyc"],
	["IPv6 loopback", "https://[::1]/kyc"],
	["IPv6 mapped IPv4", "https://[::ffff:127.0.0.1]/kyc"],
	["IPv6 unique local", "https://[fd00::1]/kyc"],
	["IPv6 link local", "https://[fe80::1]/kyc"],
	["localhost", "https://localhost/kyc"],
	["localhost with port", "https://localhost:8443/kyc"],
	["subdomain of localhost", "https://api.localhost/kyc"],
	["trailing-dot localhost", "https://localhost./kyc"],
	[".local (mDNS)", "https://printer.local/kyc"],
	[".internal", "https://metadata.google.internal/computeMetadata"],
	[".localdomain", "https://box.localdomain/kyc"],
	[".home.arpa", "https://router.home.arpa/kyc"],
	[".lan", "https://nas.lan/kyc"],
	[".corp", "https://intranet.corp/kyc"],
	[".test", "https://receiver.test/kyc"],
	["single-label name", "https://intranet/kyc"],
	["uppercase private name", "https://PRINTER.LOCAL/kyc"],
	["credentials", "https://user:pass@hooks.partner.example.com/kyc"],
	["username only", "https://user@hooks.partner.example.com/kyc"],
	["too long", `https://hooks.partner.example.com/${"a".repeat(2100)}`],
	// Trailing dots: DNS ignores the root's dot, so every one of them is stripped before the name is judged.
	["two trailing dots on .internal", "https://metadata.google.internal../computeMetadata"],
	["three trailing dots on .internal", "https://metadata.google.internal.../computeMetadata"],
	["trailing dots on upper-case localhost", "https://LOCALHOST../kyc"],
	["percent-encoded trailing dot", "https://metadata.google.internal%2e/computeMetadata"],
	["ideographic full stops as trailing dots", "https://metadata.google.internal\u3002\u3002/computeMetadata"],
	["dotted IPv4 with trailing dots", "https://127.0.0.1../kyc"],
	["decimal IPv4 with trailing dots", "https://2130706433../kyc"],
	["hex IPv4 with trailing dots", "https://0x7f.1../kyc"],
	["two trailing dots on a public name", "https://hooks.partner.example.com../kyc"],
	["empty label", "https://hooks..partner.example.com/kyc"],
	["leading dot", "https://.partner.example.com/kyc"],
	// IPv4 spellings the parser canonicalises, and IPv6 forms of IPv4 addresses.
	["octal IPv4 with zero-padded octets", "https://0177.0.0.01/kyc"],
	["zero-padded dotted IPv4", "https://127.000.000.001/kyc"],
	["largest IPv4 integer", "https://4294967295/kyc"],
	["percent-encoded IPv4", "https://%31%32%37.0.0.1/kyc"],
	["IPv4 with ideographic full stops", "https://127\u30020\u30020\u30021/kyc"],
	["IPv4-mapped IPv6 metadata", "https://[::ffff:169.254.169.254]/latest/meta-data"],
	["IPv4-mapped IPv6 in hex", "https://[0:0:0:0:0:ffff:a9fe:a9fe]/latest/meta-data"],
	["IPv6 unspecified", "https://[::]/kyc"],
	["IPv6 with a zone id", "https://[fe80::1%25eth0]/kyc"],
	// Names: Unicode forms, metadata services, names that resolve to what is written in them.
	["full-width localhost", "https://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/kyc"],
	["backslash ending the host", "https://hooks.localhost\\@partner.example.com/kyc"],
	["metadata, single label", "https://metadata/computeMetadata/v1/"],
	["AWS instance-data, single label", "https://instance-data/latest/meta-data"],
	["GCP metadata alias", "https://metadata.goog/computeMetadata/v1/"],
	["Tencent Cloud metadata", "https://metadata.tencentyun.com/latest/meta-data"],
	["wildcard DNS to a metadata address", "https://169.254.169.254.nip.io/latest"],
	["wildcard DNS, dashed", "https://10-0-0-1.sslip.io/kyc"],
	["wildcard DNS to loopback", "https://hooks.localtest.me/kyc"],
];

const ACCEPTED = [
	"https://hooks.partner.example.com/kyc",
	"https://hooks.partner.example.com:8443/kyc?source=kyc",
	"https://xn--bcher-kva.example/kyc".replace(".example", ".com"),
	"https://api.partner.io/webhooks/kyc",
	// The root's one trailing dot, upper case and Unicode are public names too (checked as DNS reads them).
	"https://hooks.partner-example.com./kyc",
	"https://HOOKS.Partner-Example.COM/kyc",
	"https://m\u00fcnchen.de/kyc",
];

describe("SSRF guard on webhook URLs", () => {
	it.each(REJECTED)("production refuses %s", (_name, url) => {
		const check = checkWebhookUrl(url, production);
		expect(check.ok).toBe(false);
		if (!check.ok) expect(check.reason.length).toBeGreaterThan(0);
	});

	it.each(ACCEPTED)("production accepts %s", (url) => {
		expect(checkWebhookUrl(url, production)).toEqual({ ok: true, url: new URL(url).href });
	});

	it.each([
		"http://127.0.0.1:8780/webhooks",
		"http://localhost:8780/webhooks",
		"http://[::1]:8780/",
		"http://hooks.partner.example.com/kyc",
	])("development also accepts %s", (url) => {
		expect(checkWebhookUrl(url, development).ok).toBe(true);
	});

	it.each([
		"http://10.0.0.1/kyc",
		"http://192.168.1.10:8080/kyc",
		"http://169.254.169.254/",
		"http://0xa000001/kyc",
		"http://printer.local/kyc",
		"http://metadata.google.internal/",
		"http://user:pass@127.0.0.1:8780/",
		"http://api.localhost/kyc",
		"http://localhost..:8780/webhooks",
		"http://127.0.0.1..:8780/webhooks",
		"http://2130706433:8780/webhooks",
	])("development still refuses %s", (url) => {
		expect(checkWebhookUrl(url, development).ok).toBe(false);
	});
});
