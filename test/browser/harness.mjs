// @ts-check
// What the browser test needs around the console: the real worker (`npm run dev`'s script on a free port, a fresh
// local database; live mode on the two fake providers, scripts/lib/fake-providers.mjs), a signed-webhook receiver on
// loopback, headless Chromium from the system, and axe-core.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

/** @import { Browser, Page } from "playwright-core" */
/** @import { Result as AxeResult } from "axe-core" */

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DEV_KEY = "kyc_test_devkey_0000000000000000000000000000";
/** development.env leaves ADMIN_TOKEN unset, so the worker takes this development-only default (src/config.ts). */
const DEV_ADMIN_TOKEN = "dev_admin_token_do_not_use_in_production";
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A port nobody listens on right now (the kernel picks it). */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const address = server.address();
			const port = typeof address === "object" && address ? address.port : 0;
			server.close(() => resolve(/** @type {number} */ (port)));
		});
	});
}

/**
 * `node scripts/dev.mjs` (what `npm run dev` runs: migrations, development.env, wrangler dev) on free ports with a
 * throw-away state directory, in its own process group so stopping it stops workerd too. `vars` are passed as
 * `--var NAME:value`, as a developer would (e.g. live mode's providers pointed at loopback fakes).
 * @param {{ vars?: Record<string, string> }} [options]
 */
export async function startWorker({ vars = {} } = {}) {
	const port = await freePort();
	const inspector = await freePort();
	const state = mkdtempSync(join(tmpdir(), "kyc-console-test-"));
	const args = [
		join(ROOT, "scripts", "dev.mjs"),
		"--port",
		String(port),
		"--inspector-port",
		String(inspector),
		"--persist-to",
		state,
		...(Object.keys(vars).length > 0 ? ["--var", ...Object.entries(vars).map(([k, v]) => `${k}:${v}`)] : []),
	];
	const child = spawn(process.execPath, args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
	let output = "";
	child.stdout.on("data", (chunk) => (output += chunk));
	child.stderr.on("data", (chunk) => (output += chunk));
	const url = `http://127.0.0.1:${port}`;
	const stop = () => {
		if (child.exitCode === null && child.pid) {
			try {
				process.kill(-child.pid, "SIGTERM");
			} catch {}
		}
		rmSync(state, { recursive: true, force: true });
	};
	// Also when the test run itself is interrupted before its `after` hook.
	process.once("exit", stop);
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}):\n${output}`);
		try {
			const res = await fetch(`${url}/health`);
			if (res.ok) return { url, stop, output: () => output };
		} catch {}
		await new Promise((r) => setTimeout(r, 250));
	}
	stop();
	throw new Error(`the worker did not answer /health within 120 s:\n${output}`);
}

/**
 * The operator API, as an operator would call it: a new client with a live key, and revoking that key.
 * @param {string} url the worker
 */
export async function liveClient(url) {
	const admin = { authorization: `Bearer ${DEV_ADMIN_TOKEN}`, "content-type": "application/json" };
	const res = await fetch(`${url}/admin/clients/`, {
		method: "POST",
		headers: admin,
		body: '{"name":"console live","mode":"live"}',
	});
	if (res.status !== 201) throw new Error(`POST /admin/clients/ answered ${res.status}: ${await res.text()}`);
	const client = /** @type {{ id: string, api_key: { id: string, key: string } }} */ (await res.json());
	return {
		key: client.api_key.key,
		revoke: async () => {
			const path = `/admin/clients/${client.id}/keys/${client.api_key.id}/`;
			const revoked = await fetch(`${url}${path}`, { method: "DELETE", headers: admin });
			if (!revoked.ok) throw new Error(`DELETE ${path} answered ${revoked.status}`);
		},
	};
}

/**
 * A live verification as a partner's backend submits it (live mode has no sandbox form): returns its id.
 * @param {string} url the worker
 * @param {string} key a live key
 */
export async function submitLive(url, key) {
	const res = await fetch(`${url}/api/verifications/`, {
		method: "POST",
		headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
		body: JSON.stringify({ passport_number: "A51234560", last_name: "Okafor", date_of_birth: "1990-04-15" }),
	});
	if (res.status !== 202) throw new Error(`POST /api/verifications/ answered ${res.status}: ${await res.text()}`);
	return /** @type {{ id: string }} */ (await res.json()).id;
}

/**
 * @typedef {{ id: string, type: string, body: Record<string, unknown>, signature: string }} Received
 */

/** A webhook receiver on 127.0.0.1 that answers 200 and records every request. */
export async function startReceiver() {
	/** @type {Received[]} */
	const received = [];
	const server = createServer((req, res) => {
		let text = "";
		req.on("data", (chunk) => (text += chunk));
		req.on("end", () => {
			/** @type {Record<string, unknown>} */
			let body = {};
			try {
				body = JSON.parse(text);
			} catch {}
			received.push({
				id: String(req.headers["webhook-id"] ?? ""),
				type: String(body.type ?? ""),
				body,
				signature: String(req.headers["webhook-signature"] ?? ""),
			});
			res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
		});
	});
	await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
	const address = server.address();
	const port = typeof address === "object" && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}/kyc-webhooks`,
		received,
		/**
		 * Resolves with the first matching request, polling for up to `ms`.
		 * @param {(r: Received, all: Received[]) => boolean} match
		 */
		async waitFor(match, ms = 20_000) {
			const deadline = Date.now() + ms;
			while (Date.now() < deadline) {
				const hit = received.find((r) => match(r, received));
				if (hit) return hit;
				await new Promise((r) => setTimeout(r, 100));
			}
			throw new Error(`no matching webhook within ${ms} ms; got ${received.map((r) => r.type).join(", ") || "none"}`);
		},
		stop: () => new Promise((resolve) => server.close(() => resolve(undefined))),
	};
}

/** Headless Chromium from the system. Without the background-networking flags it keeps calling out of the closed network. */
export function launchBrowser() {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			"--headless",
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--no-first-run",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
		],
	});
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core on the page as it is (WCAG 2.x A/AA and best practices) and returns the violations by impact.
 * axe is evaluated through the DevTools protocol, which the page's CSP does not govern (a script tag would be refused).
 * @param {Page} page
 */
export async function axeViolations(page) {
	const loaded = await page.evaluate(() => "axe" in window);
	if (!loaded) await page.evaluate(AXE_SOURCE);
	/** @type {AxeResult[]} */
	const violations = await page.evaluate(async () => {
		// @ts-expect-error axe is the global the evaluated source defines.
		const results = await window.axe.run(document, { resultTypes: ["violations"] });
		return results.violations;
	});
	return {
		blocking: violations.filter((v) => v.impact === "serious" || v.impact === "critical"),
		other: violations.filter((v) => v.impact !== "serious" && v.impact !== "critical"),
	};
}

/** @param {AxeResult[]} violations */
export function describeViolations(violations) {
	return violations
		.map(
			(v) =>
				`${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary ?? ""}`).join("\n")}`,
		)
		.join("\n");
}

/** @param {Browser} browser */
export async function closeQuietly(browser) {
	try {
		await browser.close();
	} catch {}
}
