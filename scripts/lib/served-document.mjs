// @ts-check
// The OpenAPI documents the worker serves, partners' at GET /openapi.json and operators' at GET /admin/openapi.json,
// produced in this Node process: esbuild bundles src/http/app.ts for Node with cloudflare:* stubbed (the app only
// needs those modules for class declarations), and the bundle's createApp() answers the request, as
// test/node/openapi.test.ts asks it. Used by `npm run lint:openapi` (scripts/openapi-export.mjs) and the client's
// type generation (client/scripts/generate.mjs).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CLOUDFLARE_STUB =
	"export class DurableObject { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }\n" +
	"export class WorkerEntrypoint extends DurableObject {}\nexport const env = {};\nexport default {};\n";

/** The origin the documents are asked at, and so name as their server: `npm run dev`'s (scripts/lib/dev-args.mjs). */
export const LOCAL_ORIGIN = "http://localhost:8787";
// Operators' document is behind ADMIN_TOKEN: the in-process app gets this one, and the request carries it.
const ADMIN_TOKEN = "served-document-admin-token";

/**
 * @param {"/openapi.json" | "/admin/openapi.json"} [path] which document
 * @returns {Promise<unknown>} the served document, parsed
 */
export async function servedDocument(path = "/openapi.json") {
	const dir = mkdtempSync(join(tmpdir(), "kyc-openapi-"));
	try {
		const outfile = join(dir, "app.mjs");
		await build({
			entryPoints: [join(ROOT, "src", "http", "app.ts")],
			outfile,
			bundle: true,
			platform: "node",
			format: "esm",
			target: "node20",
			logLevel: "warning",
			plugins: [
				{
					name: "cloudflare-stub",
					setup(b) {
						b.onResolve({ filter: /^cloudflare:/ }, (args) => ({ path: args.path, namespace: "cloudflare-stub" }));
						b.onLoad({ filter: /.*/, namespace: "cloudflare-stub" }, () => ({
							contents: CLOUDFLARE_STUB,
							loader: "js",
						}));
					},
				},
			],
		});
		/** @type {{ createApp: () => { request: (path: string, init: object, env: object) => Promise<Response> } }} */
		const mod = await import(pathToFileURL(outfile).href);
		const res = await mod
			.createApp()
			.request(
				`${LOCAL_ORIGIN}${path}`,
				{ headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
				{ ENVIRONMENT: "development", DB: {}, ADMIN_TOKEN },
			);
		if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
		return await res.json();
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
