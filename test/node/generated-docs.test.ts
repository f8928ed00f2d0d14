import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDotenv } from "../../scripts/lib/dotenv.mjs";
import { ConfigSchema, loadConfig } from "../../src/config";
import { configurationMarkdown, defaultOf, type SETTING_DOCS } from "../../src/config-docs";
import { errorsMarkdown } from "../../src/http/error-catalogue/markdown";

const ROOT = join(import.meta.dirname, "../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
const development = () => parseDotenv(read("development.env"));

describe("documents generated from src/", () => {
	it("docs/errors.md is what `npm run docs:errors` writes", () => {
		expect(read("docs/errors.md")).toBe(errorsMarkdown());
	});

	it("docs/configuration.md is what `npm run docs:config` writes", () => {
		expect(read("docs/configuration.md")).toBe(configurationMarkdown(development()));
	});
});

describe("docs/configuration.md against loadConfig", () => {
	const keys = Object.keys(ConfigSchema.shape) as (keyof typeof SETTING_DOCS)[];
	const documented = () => [...read("docs/configuration.md").matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((m) => m[1]);
	const config = (vars: Record<string, string>) => JSON.stringify(loadConfig({ ENVIRONMENT: "production", ...vars }));

	/** A valid value other than the default, so setting it must change what loadConfig returns. */
	function another(key: (typeof keys)[number]): string {
		const fallback = ConfigSchema.shape[key].safeParse(undefined);
		const value = fallback.success ? fallback.data : undefined;
		if (typeof value === "number") return String(value + 1);
		const SAMPLES: Record<string, string> = {
			ENVIRONMENT: "development",
			PROVIDER: "prembly",
			PROVIDERS: "prembly,interswitch",
			INTERSWITCH_DATE_FORMAT: "iso",
			CORS_ALLOWED_ORIGINS: "https://app.example",
			SHARDS_OPEN: "SHARD_1",
			ADMIN_TOKEN: "a-production-admin-token",
			PII_ENCRYPTION_KEY: "cHJvZHVjdGlvbi10ZXN0LWtleS1ub3QtdGhlLWRldiE=",
			PII_ENCRYPTION_KEYS_PREVIOUS: "cm90YXRpb24tdGVzdC1rZXktYi1ub3QtdGhlLWRldiE=",
		};
		if (SAMPLES[key]) return SAMPLES[key];
		return key.endsWith("_URL") ? "https://other.example/x" : "set";
	}

	it("lists exactly the settings loadConfig reads, in the schema's order", () => {
		expect(documented()).toEqual(keys);
		expect(keys.length).toBeGreaterThan(30);
	});

	/** Settings read only beside another: earlier keys matter only with a current one. */
	const CONTEXT: Record<string, Record<string, string>> = {
		PII_ENCRYPTION_KEYS_PREVIOUS: { PII_ENCRYPTION_KEY: "cHJvZHVjdGlvbi10ZXN0LWtleS1ub3QtdGhlLWRldiE=" },
	};

	it.each(keys)("%s: setting it changes the config, setting its default does not", (key) => {
		const context = CONTEXT[key] ?? {};
		expect(config({ ...context, [key]: another(key) })).not.toBe(config(context));
		const fallback = ConfigSchema.shape[key].safeParse(undefined);
		if (fallback.success && fallback.data !== undefined) {
			expect(config({ ...context, [key]: String(fallback.data) })).toBe(config(context));
			expect(defaultOf(key)).toContain(String(fallback.data) || "empty");
		}
	});
});

describe("docs/webhooks.md against the closed lists", () => {
	it("names every event type and every error class, and nothing else as one", async () => {
		const { DELIVERY_EVENT_TYPES } = await import("../../src/webhooks/payload");
		const { ERROR_CLASSES } = await import("../../src/webhooks/http-attempt");
		const doc = read("docs/webhooks.md");
		const section = (heading: string) =>
			doc.slice(doc.indexOf(heading), doc.indexOf("\n## ", doc.indexOf(heading) + 1));
		/** The first cell of each row of the section's table. */
		const listed = (heading: string) => [...section(heading).matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
		expect(listed("## Event types").sort()).toEqual([...DELIVERY_EVENT_TYPES].sort());
		expect(listed("## Delivery error classes").sort()).toEqual([...ERROR_CLASSES].sort());
	});
});
