// Types of the @ts-check JavaScript modules in scripts/lib/ that these tests import. This project does not read
// JavaScript (no allowJs), so the shapes the tests rely on are declared here; the modules themselves are checked
// by `npm run typecheck:tools`, and the tests check their behaviour.

declare module "*/scripts/lib/deploy-check.mjs" {
	export const DEV_DEFAULTS: { readonly ADMIN_TOKEN: string; readonly PII_ENCRYPTION_KEY: string };
	export interface Problem {
		name: string;
		message: string;
	}
	export const PROVIDER_SECRETS: { readonly interswitch: readonly string[]; readonly prembly: readonly string[] };
	export function liveProviders(vars: Record<string, unknown>): string[];
	export function requiredSecrets(vars: Record<string, unknown>): string[];
	export function deployProblems(facts: {
		vars: Record<string, unknown>;
		present: ReadonlySet<string> | readonly string[];
		values?: Readonly<Record<string, string | undefined>>;
	}): Problem[];
}

declare module "*/scripts/lib/dev-args.mjs" {
	export function flagValue(args: readonly string[], name: string): string | undefined;
	export function cliVars(args: readonly string[]): Record<string, string>;
	export function devCommands(
		userArgs: readonly string[],
		options: { envFiles: readonly string[]; defaultPort?: string; databases?: readonly string[] },
	): { dev: string[]; migrations: string[][]; url: string; vars: Record<string, string> };
}

declare module "*/scripts/lib/dotenv.mjs" {
	export function parseDotenv(text: string): Record<string, string>;
	export function readDotenv(path: string): Record<string, string>;
	export function developmentVars(root: string, options?: { local?: boolean }): Record<string, string>;
}

declare module "*/scripts/lib/reencrypt-loop.mjs" {
	export interface Counts {
		webhook_endpoints: number;
		verifications: number;
	}
	export interface Batch {
		key_id: string;
		reencrypted: Counts;
		unreadable: Counts;
		failed: number;
		remaining: Counts;
		idempotency_hashes: { not_current: number; ages_out_at: string | null };
		next_cursor: string | null;
	}
	export function reencryptUntilDone(
		callBatch: (cursor: string | undefined) => Promise<Batch>,
		options?: { onBatch?: (batch: Batch, pass: number) => void; maxPasses?: number },
	): Promise<{
		done: boolean;
		passes: number;
		totals: { reencrypted: Counts; unreadable: Counts; failed: number };
		last: Batch;
	}>;
}

declare module "*/scripts/lib/d1-bindings.mjs" {
	export interface D1Binding {
		binding: string;
		migrationsDir: string;
		databaseId?: string;
	}
	export function parseD1Bindings(toml: string): D1Binding[];
	export function d1Bindings(root: string): D1Binding[];
	export function shardProblems(
		bindings: D1Binding[],
		vars: Record<string, unknown>,
	): { name: string; message: string }[];
}
