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
];

const ACCEPTED = [
	"https://hooks.partner.example.com/kyc",
	"https://hooks.partner.example.com:8443/kyc?source=kyc",
	"https://xn--bcher-kva.example/kyc".replace(".example", ".com"),
	"https://api.partner.io/webhooks/kyc",
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
	])("development still refuses %s", (url) => {
		expect(checkWebhookUrl(url, development).ok).toBe(false);
	});
});
