import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The parts of src/ as floors, top to bottom (docs/architecture.md, "Parts and floors"). A module may import its own
 * part and any part on a lower floor. On a shared floor the order below is the rule: a part may import the parts
 * listed after it (providers implement the verification part's port; webhooks carry its events; records hold its
 * rows in D1), never before.
 */
const FLOORS: readonly (readonly string[])[] = [
	["entry"],
	["http"],
	["cron"],
	["pipeline"],
	["webhooks", "providers", "records", "verification"],
	["auth", "db", "crypto"],
	["basics"],
];

const ORDER = FLOORS.flat();
const SRC = normalize(join(import.meta.dirname, "../../src"));

/** The part a path under src/ belongs to: its first folder, `entry` for index.ts, `basics` for other top files. */
function partOf(pathInSrc: string): string {
	const [first, ...rest] = pathInSrc.split("/");
	if (rest.length > 0) return first as string;
	return first === "index.ts" ? "entry" : "basics";
}

/** Why importing `to` from `from` breaks the floors, or null when it is allowed. */
function backEdge(from: string, to: string): string | null {
	const a = ORDER.indexOf(from);
	const b = ORDER.indexOf(to);
	if (a < 0) return `unknown part '${from}': add it to FLOORS`;
	if (b < 0) return `unknown part '${to}': add it to FLOORS`;
	return from === to || b > a ? null : `${from}/ may not import ${to}/ (it sits above)`;
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const path = join(dir, e.name);
		if (e.isDirectory()) return sourceFiles(path);
		return e.name.endsWith(".ts") ? [path] : [];
	});
}

/** Every relative import in the tree as [importing file, imported file], both relative to src/. */
function imports(): [string, string][] {
	return sourceFiles(SRC).flatMap((file) => {
		const text = readFileSync(file, "utf8");
		// `import … from "./x"`, `export … from "./x"`, a side-effect `import "./x"`, and `import("./x")`.
		const specs = [
			...text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"|import\s+"(\.[^"]+)"|import\("(\.[^"]+)"\)/g),
		].map((m) => (m[1] ?? m[2] ?? m[3]) as string);
		return specs.map((spec): [string, string] => [relative(SRC, file), relative(SRC, join(dirname(file), spec))]);
	});
}

describe("parts as floors", () => {
	it("no module in src/ imports from a part above it", () => {
		const violations = imports()
			.map(([from, to]) => ({ from, to, why: backEdge(partOf(from), partOf(to)) }))
			.filter((v) => v.why !== null)
			.map((v) => `${v.from} → ${v.to}: ${v.why}`);
		expect(violations).toEqual([]);
	});

	it("finds imports at all (the scan above is not vacuous)", () => {
		const edges = imports();
		expect(edges.length).toBeGreaterThan(100);
		expect(edges).toContainEqual(["index.ts", "http/app"]);
	});

	// The rule itself, so a wrong FLOORS table cannot pass silently.
	it.each([
		["db", "verification", false],
		["providers", "verification", true],
		["verification", "providers", false],
		["verification", "http", false],
		["http", "verification", true],
		["crypto", "auth", false],
		["auth", "db", true],
		["basics", "db", false],
		["webhooks", "verification", true],
		["verification", "webhooks", false],
		["pipeline", "webhooks", true],
		["webhooks", "pipeline", false],
		["cron", "pipeline", true],
		["pipeline", "cron", false],
		["records", "verification", true],
		["verification", "records", false],
		["entry", "providers", true],
	])("%s → %s allowed: %s", (from, to, allowed) => {
		expect(backEdge(from, to) === null).toBe(allowed);
	});
});
