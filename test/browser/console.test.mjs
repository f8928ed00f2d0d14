// @ts-check
// The partner console in a real browser: headless Chromium (Debian's) against the real worker (`npm run dev`'s script,
// fresh local state, live mode on the two loopback fake providers), a partner's day in order — sign in by keyboard,
// watch a sandbox verification reach `verified` without a reload, read its timeline, let the backup sandbox decide
// one (the FAILOVER input), read the provider status, register a loopback webhook endpoint, expire a digit-5
// verification with its test clock, re-send one delivery, sign out; then in live mode, with the primary provider down,
// see the secondary decide and the primary's status. axe-core checks every view (no serious or critical violation),
// the strict CSP must never fire, each view must fit every width from a small phone to a desktop without sideways
// scrolling, and each view is photographed to docs/console-*.png (desktop, and one at phone width).
//
// `npm run test:browser` (needs /usr/bin/chromium: `apt-get install -y chromium`; CHROMIUM_PATH overrides).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { FakeProviders } from "../../scripts/lib/fake-providers.mjs";
import {
	axeViolations,
	closeQuietly,
	DEV_KEY,
	describeViolations,
	launchBrowser,
	liveClient,
	ROOT,
	startReceiver,
	startWorker,
	submitLive,
} from "./harness.mjs";

/** @import { Browser, BrowserContext, Page } from "playwright-core" */

const SHOTS = process.env.CONSOLE_SCREENSHOTS_DIR ?? join(ROOT, "docs");
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** Every view fits these without sideways scrolling: a small phone, a tablet, a small laptop, a large desktop. */
const WIDTHS = [360, 800, 1024, 1440];

/** @type {FakeProviders} live mode's providers: the fake Interswitch, then the fake Prembly */
let fakes;
/** @type {Awaited<ReturnType<typeof startWorker>>} */
let worker;
/** @type {Awaited<ReturnType<typeof startReceiver>>} */
let receiver;
/** @type {Browser} */
let browser;
/** @type {BrowserContext} */
let context;
/** @type {Page} */
let page;
/** Problems the page itself reported: CSP violations, uncaught errors, console errors. */
const problems = /** @type {string[]} */ ([]);
/** @type {[string, number][]} */
const timings = [];
let failed = false;

before(async () => {
	mkdirSync(SHOTS, { recursive: true });
	const started = performance.now();
	fakes = await new FakeProviders().start();
	[worker, receiver, browser] = await Promise.all([
		startWorker({ vars: fakes.vars() }),
		startReceiver(),
		launchBrowser(),
	]);
	timings.push(["start worker + Chromium", performance.now() - started]);
	context = await browser.newContext({ viewport: DESKTOP, locale: "en-GB", timezoneId: "UTC" });
	// Through the DevTools protocol, so the page's CSP does not apply to it; it only listens.
	await context.addInitScript(() => {
		document.addEventListener("securitypolicyviolation", (e) => {
			console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
		});
	});
	page = await context.newPage();
	page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
	page.on("console", (m) => {
		if (m.type() === "error") problems.push(`console error: ${m.text()}`);
	});
});

after(async () => {
	if (browser) await closeQuietly(browser);
	await receiver?.stop();
	worker?.stop();
	await fakes?.stop();
	console.log(`timings: ${timings.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(" · ")}`);
});

/**
 * One step of the journey, timed.
 * @param {import("node:test").TestContext} t
 * @param {string} name
 * @param {() => Promise<void>} fn
 */
async function step(t, name, fn) {
	// A journey: once a step fails, the later ones would only fail for the same reason.
	await t.test(name, { skip: failed ? "an earlier step failed" : false }, async () => {
		const started = performance.now();
		try {
			await fn();
		} catch (error) {
			failed = true;
			throw error;
		}
		timings.push([name, performance.now() - started]);
	});
}

/** A link of the main navigation. @param {string} name */
const nav = (name) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });

/**
 * The view is accessible enough (no serious or critical axe violation), fits every width, and gets its picture.
 * @param {string} name docs/console-<name>.png
 * @param {{ screenshot?: boolean }} [options]
 */
async function checkView(name, { screenshot = true } = {}) {
	await page.evaluate(() => document.fonts.ready);
	const { blocking, other } = await axeViolations(page);
	if (other.length > 0) console.log(`axe (${name}), minor/moderate:\n${describeViolations(other)}`);
	assert.equal(
		blocking.length,
		0,
		`axe found serious/critical violations on ${name}:\n${describeViolations(blocking)}`,
	);
	await fitsEveryWidth(name);
	if (screenshot) await page.screenshot({ path: join(SHOTS, `console-${name}.png`), fullPage: true });
}

/**
 * No sideways scrolling at any of WIDTHS: the page is never wider than its viewport (less the vertical scrollbar),
 * so a wide table has to scroll inside its own box. The viewport is put back afterwards.
 * @param {string} where
 */
async function fitsEveryWidth(where) {
	const viewport = page.viewportSize() ?? DESKTOP;
	const overflows = [];
	for (const width of WIDTHS) {
		await page.setViewportSize({ width, height: viewport.height });
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth,
		);
		if (overflow > 0) overflows.push(`${overflow} px too wide at ${width} px`);
	}
	await page.setViewportSize(viewport);
	assert.deepEqual(overflows, [], `sideways scrolling on ${where}`);
}

/** The provider calls the timeline shows, in order: [role, provider]. */
const providerCalls = () =>
	page
		.getByTestId("timeline")
		.locator('[data-testid="provider-call"]')
		.evaluateAll((els) => els.map((el) => [el.getAttribute("data-role"), el.getAttribute("data-provider")]));

/** A value of the verification's Details list. @param {string} term */
const fact = (term) => page.locator(`.facts dt:text-is("${term}") + dd`);

const statusLine = () => page.getByTestId("detail-status");

test("a partner's day in the console", async (t) => {
	/** @type {string} */
	let verifiedId = "";
	/** @type {string} */
	let endpointId = "";

	await step(t, "the console is served with its strict CSP", async () => {
		const res = await page.goto(`${worker.url}/console/`);
		assert.equal(res?.status(), 200);
		const csp = res?.headers()["content-security-policy"] ?? "";
		for (const directive of [
			"default-src 'none'",
			"script-src 'self'",
			"style-src 'self'",
			"connect-src 'self'",
			"frame-ancestors 'none'",
		]) {
			assert.ok(csp.includes(directive), `CSP lacks ${directive}: ${csp}`);
		}
		await page.getByRole("heading", { name: "KYC partner console" }).waitFor();
		await checkView("login");
	});

	await step(t, "signs in by keyboard with the dev key; the mode is shown", async () => {
		await page.keyboard.press("Tab");
		const focused = await page.evaluate(() => {
			const el = document.activeElement;
			return el ? { id: el.id, outline: getComputedStyle(el).outlineStyle } : null;
		});
		assert.deepEqual(
			focused,
			{ id: "api-key", outline: "solid" },
			"Tab reaches the key field, with a visible focus ring",
		);
		await page.keyboard.type("not-a-key");
		await page.keyboard.press("Enter");
		await page.getByText("An API key starts with kyc_test_").waitFor();
		await page.getByLabel("API key").focus();
		await page.keyboard.press("ControlOrMeta+a");
		await page.keyboard.type(DEV_KEY);
		await page.getByText("Signs in to").waitFor();
		await page.keyboard.press("Enter");
		await page.getByRole("heading", { name: "Verifications" }).waitFor();
		assert.equal(await page.locator("header .badge[data-mode]").textContent(), "Test mode");
		assert.equal(await page.evaluate(() => sessionStorage.getItem("kyc-console.api-key")), DEV_KEY);
		assert.deepEqual(await context.cookies(), [], "the key must never become a cookie");
		// Survives until sign-out only if no reload ever happens: checked at the end.
		await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
	});

	await step(t, "a digit-0 sandbox verification reaches verified without a reload", async () => {
		await nav("Test mode").click();
		await page.getByRole("heading", { name: "Create a sandbox verification" }).waitFor();
		await page.getByLabel(/^0 — verified/).check();
		await page.getByLabel("Reference (optional)").fill("user_console_0");
		await page.getByRole("button", { name: "Create verification" }).click();
		const created = page.getByTestId("created");
		await created.waitFor();
		verifiedId = (await created.locator("a").first().textContent()) ?? "";
		assert.match(verifiedId, /^ver_/);
		assert.equal(await created.locator(".badge").textContent(), "submitted", "the API answers 202 submitted");
		await created.locator("a").first().click();
		await page.getByRole("heading", { name: /^Verification/ }).waitFor();
		await statusLine().getByText("verified", { exact: true }).waitFor({ timeout: 30_000 });
		assert.equal(await page.locator(".diagram-wide [data-current]").getAttribute("data-state"), "verified");
		assert.equal((await page.locator(".results .result-match").count()) >= 3, true, "per-field results are shown");
	});

	await step(t, "its timeline lists every step, oldest first", async () => {
		const timeline = page.getByTestId("timeline");
		await timeline.locator('[data-type="verification.verified"]').waitFor();
		const types = await timeline.locator("li").evaluateAll((items) => items.map((li) => li.getAttribute("data-type")));
		assert.deepEqual(types, ["verification.submitted", "verification.processing", "verification.verified"]);
		await checkView("verification");
	});

	await step(
		t,
		"the FAILOVER input: the backup sandbox decides; the timeline names the sandbox asked first",
		async () => {
			await nav("Test mode").click();
			await page.getByLabel(/^0 — verified/).check();
			await page.getByLabel(/^Fail over to the backup sandbox/).check();
			await page.getByText(/a random FAILOVER-number/).waitFor();
			await page.getByRole("button", { name: "Create verification" }).click();
			const created = page.getByTestId("created");
			await created.waitFor();
			await created.locator("a").first().click();
			await statusLine().getByText("verified", { exact: true }).waitFor({ timeout: 30_000 });
			assert.equal(await fact("Provider").textContent(), "sandbox_backup");
			assert.match((await page.getByTestId("waiting-on").textContent()) ?? "", /^nothing/);
			await page.getByTestId("timeline").locator('[data-type="verification.verified"]').waitFor();
			assert.deepEqual(await providerCalls(), [
				["asked", "sandbox"],
				["decided", "sandbox_backup"],
			]);
			const asked = page.locator('[data-testid="provider-call"][data-role="asked"]');
			assert.match((await asked.textContent()) ?? "", /Asked sandbox: could not answer in \d+ ms/);
			await checkView("failover-test", { screenshot: false });
		},
	);

	await step(t, "provider status in test mode: the sandbox pair, in order, not measured", async () => {
		await nav("Provider status").click();
		await page.getByRole("heading", { name: "Provider status" }).waitFor();
		const rows = page.locator("table.providers tbody tr");
		await rows.first().waitFor();
		assert.deepEqual(
			await rows.evaluateAll((trs) =>
				trs.map((tr) => [tr.getAttribute("data-provider"), tr.getAttribute("data-status")]),
			),
			[
				["sandbox", "operational"],
				["sandbox_backup", "operational"],
			],
		);
		assert.equal(await rows.first().getByText("not measured (sandbox)").count(), 1);
		await checkView("provider-status-test", { screenshot: false });
	});

	await step(t, "the list follows digits 1, 2 and 3 to their outcomes without a reload", async () => {
		await nav("Test mode").click();
		/** @type {Record<string, string>} */
		const expected = { 1: "failed", 2: "requires action", 3: "verified" };
		/** @type {[string, string][]} */
		const rows = [];
		for (const [digit, outcome] of Object.entries(expected)) {
			await page.getByLabel(new RegExp(`^${digit} — `)).check();
			await page.getByRole("button", { name: "Create verification" }).click();
			const link = page.getByTestId("created").locator("a").first();
			await page.waitForFunction(
				(previous) => {
					const a = document.querySelector('[data-testid="created"] a');
					return a !== null && !previous.includes(a.textContent ?? "");
				},
				rows.map(([id]) => id),
			);
			rows.push([(await link.textContent()) ?? "", outcome]);
		}
		await nav("Verifications").click();
		for (const [id, outcome] of rows) {
			await page.locator(`tr[data-id="${id}"]`).getByText(outcome, { exact: true }).waitFor({ timeout: 30_000 });
		}
	});

	await step(t, "the list filters by status and reference", async () => {
		const row = page.locator(`tr[data-id="${verifiedId}"]`);
		await row.waitFor();
		await page.getByLabel("Status").selectOption("expired");
		await page.getByText("No verifications match these filters").waitFor();
		await page.getByLabel("Status").selectOption("verified");
		await row.waitFor();
		await page.getByLabel("Reference").fill("user_console_0");
		await page.getByRole("button", { name: "Search" }).click();
		await row.waitFor();
		assert.equal(await page.locator("tbody tr").count(), 1);
		await page.getByRole("button", { name: "Clear" }).click();
		await row.getByText("verified").waitFor();
		await checkView("verifications");
	});

	await step(t, "registers a loopback endpoint; its secret is shown once; a test ping arrives", async () => {
		await nav("Webhooks").click();
		await page.getByLabel("URL").fill(receiver.url);
		await page.getByLabel("Description (optional)").fill("Console test receiver");
		await page.getByRole("button", { name: "Register endpoint" }).click();
		const secret = await page.getByLabel("Secret", { exact: true }).inputValue();
		assert.match(secret, /^whsec_/);
		await page.getByRole("button", { name: "I have stored it" }).click();
		assert.equal(await page.getByLabel("Secret", { exact: true }).count(), 0, "the secret is gone once dismissed");
		await page.locator("table.endpoints").getByRole("link", { name: receiver.url }).click();
		await page.getByRole("heading", { name: /^Endpoint/ }).waitFor();
		endpointId = decodeURIComponent(new URL(page.url()).hash.split("/").pop() ?? "");
		await page.getByRole("button", { name: "Send test ping" }).click();
		await page.getByTestId("attempt-result").getByText("succeeded").waitFor();
		await receiver.waitFor((r) => r.type === "webhook.test");
	});

	await step(t, "a digit-5 verification expires when its test clock moves 24 h", async () => {
		await nav("Test mode").click();
		await page.getByLabel(/^5 — expired/).check();
		await page.getByRole("button", { name: "Create verification" }).click();
		const created = page.getByTestId("created");
		await created.waitFor();
		const id = (await created.locator("a").first().textContent()) ?? "";
		assert.equal(
			await page.getByLabel("Verification id").inputValue(),
			id,
			"the test clock form offers the new verification",
		);
		await page.getByLabel("Move forward by").selectOption("86400");
		await page.getByRole("button", { name: "Advance clock" }).click();
		await page.getByTestId("advanced-status").getByText("expired").waitFor({ timeout: 15_000 });
		await page.getByLabel("Event type").selectOption("verification.requires_action");
		await page.getByRole("button", { name: "Send event" }).click();
		await page.getByTestId("attempt-result").getByText("succeeded").waitFor();
		await receiver.waitFor((r) => r.type === "verification.requires_action" && r.body.test === true);
		await receiver.waitFor((r) => r.type === "verification.expired");
		await checkView("test-mode");
	});

	await step(t, "the deliveries log shows the expiry; one delivery is re-sent", async () => {
		await nav("Webhooks").click();
		await page.locator("table.endpoints").getByRole("link", { name: receiver.url }).click();
		await page.getByRole("heading", { name: /^Endpoint/ }).waitFor();
		const row = page.locator('tr[data-event-type="verification.expired"][data-status="succeeded"]');
		await row.waitFor({ timeout: 20_000 });
		const eventId = (await row.locator(".mono").first().textContent()) ?? "";
		const before = receiver.received.filter((r) => r.id === eventId).length;
		assert.equal(before, 1);
		await row.getByRole("button", { name: /^Resend/ }).click();
		await page.getByText("Re-sending").waitFor();
		await receiver.waitFor((r, all) => r.id === eventId && all.filter((x) => x.id === eventId).length === 2);
		await page.locator('[data-testid="health"]').getByText(/100 %/).waitFor({ timeout: 15_000 });
		await page.getByLabel("Status", { exact: true }).selectOption("succeeded");
		await row.waitFor();
		await checkView("endpoint");
	});

	await step(t, "the endpoints list shows health from the delivery log", async () => {
		await page.getByRole("link", { name: "← All endpoints" }).click();
		const row = page.locator(`tr[data-id="${endpointId}"]`);
		await row.getByText(/100 %/).waitFor({ timeout: 15_000 });
		await checkView("webhooks");
	});

	await step(t, "at phone width: one column, rows as cards, the tall diagram", async () => {
		await page.setViewportSize(PHONE);
		await nav("Verifications").click();
		await page.locator(`a[href="#/verifications/${verifiedId}"]`).click();
		await statusLine().getByText("verified", { exact: true }).waitFor();
		assert.equal(await page.locator(".diagram-tall").isVisible(), true);
		assert.equal(await page.locator(".diagram-wide").isVisible(), false);
		const tracks = await page
			.locator(".columns")
			.first()
			.evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(" ").length);
		assert.equal(tracks, 1, "one column below 640 px");
		await checkView("phone");
		await page.setViewportSize(DESKTOP);
	});

	await step(t, "signs out: the key is gone and the sign-in page is back", async () => {
		await page.getByRole("button", { name: "Sign out" }).click();
		await page.getByRole("heading", { name: "KYC partner console" }).waitFor();
		assert.equal(await page.evaluate(() => sessionStorage.length), 0);
		assert.equal(await page.evaluate(() => "__sameDocument" in window), true, "nothing reloaded the page");
		await page.reload();
		await page.getByLabel("API key").waitFor();
		assert.deepEqual(await context.cookies(), []);
	});

	await step(
		t,
		"a live key: live mode, no test helpers or test data; the secondary decides while the primary is down, and the provider status says so; revoking the key signs out",
		async () => {
			const live = await liveClient(worker.url);
			await page.getByLabel("API key").fill(live.key);
			await page.getByText("Signs in to").getByText("Live mode").waitFor();
			await page.getByRole("button", { name: "Sign in" }).click();
			await page.getByText("No verifications yet.").waitFor();
			assert.equal(await page.locator("header .badge[data-mode]").textContent(), "Live mode");
			assert.equal(await nav("Test mode").count(), 0, "test helpers are test mode only");

			// The primary (fake Interswitch) refuses connections: the secondary (fake Prembly) decides.
			await fakes.setPrimary("refused");
			const id = await submitLive(worker.url, live.key);
			const row = page.locator(`tr[data-id="${id}"]`);
			await row.getByText("verified", { exact: true }).waitFor({ timeout: 30_000 });
			await row.getByRole("link").first().click();
			await statusLine().getByText("verified", { exact: true }).waitFor();
			assert.equal(await fact("Provider").textContent(), "prembly");
			await page.getByTestId("timeline").locator('[data-type="verification.verified"]').waitFor();
			assert.deepEqual(await providerCalls(), [
				["asked", "interswitch"],
				["decided", "prembly"],
			]);
			await checkView("failover");

			await nav("Provider status").click();
			const primary = page.locator('table.providers tr[data-provider="interswitch"]');
			await primary.and(page.locator('[data-status="down"]')).waitFor({ timeout: 15_000 });
			assert.equal(await primary.getByText("low_success_rate").count(), 1);
			const secondary = page.locator('table.providers tr[data-provider="prembly"][data-status="operational"]');
			assert.equal(await secondary.getByText("100 %").count(), 1);
			await checkView("provider-status");
			await fakes.setPrimary("up");

			await nav("Verifications").click();
			await live.revoke();
			// The list's next refresh gets a 401: the session ends and says why.
			await page.getByText("The API no longer accepts this key (401)").waitFor({ timeout: 10_000 });
			assert.equal(await page.evaluate(() => sessionStorage.length), 0);
		},
	);

	await step(t, "the page reported no CSP violation, error or failed request", async () => {
		// The revoked key's 401 is the one failed request the journey makes on purpose.
		const expected = (/** @type {string} */ p) => p.includes("401 (Unauthorized)");
		assert.deepEqual(
			problems.filter((p) => !expected(p)),
			[],
		);
	});
});
