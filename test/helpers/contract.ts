/**
 * The contract check: real responses (and webhook payloads) against the OpenAPI document the worker serves.
 * `call()` runs it on every response of the suite, so every test is also a contract test.
 *
 * Each response is matched to its operation by method and path template, then to the documented response by status
 * and content type, and its body validated against that schema (contract-schemas.ts).
 */
import { encodePointer, type Schema } from "@cfworker/json-schema";
import { createApp } from "../../src/http/app";
import { isRecord, SchemaIndex } from "./contract-schemas";

const PROBLEM_POINTER = "/components/schemas/Problem";

interface MediaType {
	schema?: Schema;
}
interface ResponseObject {
	content?: Record<string, MediaType>;
}
interface Operation {
	operationId?: string;
	requestBody?: { content?: Record<string, MediaType> };
	responses?: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
	paths: Record<string, Record<string, Operation>>;
	webhooks?: Record<string, Record<string, Operation>>;
	components?: { schemas?: Record<string, unknown> };
}

interface Route {
	method: string;
	template: string;
	regex: RegExp;
	params: number;
	pointer: string;
	op: Operation;
}

/** One answered request, as the check sees it. */
export interface Exchange {
	method: string;
	/** As requested: query string and trailing slash allowed. */
	path: string;
	status: number;
	contentType: string | null;
	body: string;
	/** The JSON body sent, if any: one the server accepted must be one the document accepts. */
	requestBody?: string;
}

const mediaType = (header: string | null) => (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
const isJson = (type: string) => type === "application/json" || type.endsWith("+json");

export class Contract {
	private readonly schemas: SchemaIndex;
	private readonly routes: Route[];

	constructor(doc: OpenApiDocument) {
		this.schemas = new SchemaIndex(doc);
		this.routes = Object.entries(doc.paths)
			.flatMap(([template, item]) =>
				Object.entries(item).map(([method, op]) => ({
					method: method.toUpperCase(),
					template,
					regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
					params: (template.match(/\{/g) ?? []).length,
					pointer: `/paths/${encodePointer(template)}/${method}`,
					op,
				})),
			)
			.sort((a, b) => a.params - b.params);
	}

	/** The documented operation a request reaches (fewest path parameters first), if any. */
	route(method: string, path: string): Route | undefined {
		const bare = path.split(/[?#]/)[0] ?? "";
		const normalised = bare.length > 1 ? bare.replace(/\/+$/, "") : bare;
		return this.routes.find((r) => r.method === method.toUpperCase() && r.regex.test(normalised));
	}

	/** What is wrong with one exchange; empty when it is what the document promises. */
	check(ex: Exchange): string[] {
		const method = ex.method.toUpperCase();
		// A CORS preflight or a HEAD is not an operation of the document.
		if (method === "OPTIONS" || method === "HEAD") return [];
		const type = mediaType(ex.contentType);
		const route = this.route(method, ex.path);
		if (!route) {
			const where = `${method} ${ex.path} → ${ex.status}`;
			// An unknown route still answers with the one problem shape; anything else under the API is undocumented.
			if (type === "application/problem+json") return this.problemsAt(where, PROBLEM_POINTER, ex);
			// Operators' document is served under /admin but, like /openapi.json, is no operation of a document.
			const api = /^\/(api|admin)(\/|$)/.test(ex.path) && !/^\/admin\/openapi\.json(\?|$)/.test(ex.path);
			return api && ex.status < 400 ? [`${where}: no such operation in the document`] : [];
		}
		const where = `${route.op.operationId ?? "(no operationId)"} ${method} ${route.template} → ${ex.status}`;
		const responses = route.op.responses ?? {};
		const key = [String(ex.status), `${String(ex.status)[0]}XX`, "default"].find((k) => k in responses);
		if (key === undefined)
			return [`${where}: status not documented (documented: ${Object.keys(responses).join(", ")})`];
		const accepted = ex.status < 300 ? this.acceptedRequest(where, route, ex.requestBody) : [];
		return [...accepted, ...this.responseBody(where, route, key, ex)];
	}

	private responseBody(where: string, route: Route, key: string, ex: Exchange): string[] {
		const type = mediaType(ex.contentType);
		const documented = Object.keys(route.op.responses?.[key]?.content ?? {});
		if (documented.length === 0) return ex.body === "" ? [] : [`${where}: documented without a body, answered ${type}`];
		if (ex.body === "") return [`${where}: answered no body; documented ${documented.join(", ")}`];
		if (!documented.includes(type))
			return [`${where}: answered ${type || "no content type"}; documented ${documented.join(", ")}`];
		if (!isJson(type)) return [];
		const pointer = `${route.pointer}/responses/${encodePointer(key)}/content/${encodePointer(type)}/schema`;
		return this.problemsAt(where, pointer, ex);
	}

	/** A JSON body the server accepted must be valid for the documented request body: the document is not stricter. */
	private acceptedRequest(where: string, route: Route, body: string | undefined): string[] {
		if (body === undefined || body.trim() === "" || !route.op.requestBody?.content?.["application/json"]) return [];
		let sent: unknown;
		try {
			sent = JSON.parse(body);
		} catch {
			return [];
		}
		const pointer = `${route.pointer}/requestBody/content/application~1json/schema`;
		return this.schemas.validateAt(`${where}, accepted a request body that`, pointer, sent);
	}

	/** What is wrong with a webhook payload, against the document's `webhooks` entry of its type. */
	checkWebhook(payload: unknown): string[] {
		const type = isRecord(payload) ? String(payload.type) : "";
		const own = type === "webhook.test" || type === "verification.redacted" || type.startsWith("webhook_endpoint.");
		const name = own ? type.replace(/[._]/g, "-") : "verification-event";
		const pointer = `/webhooks/${encodePointer(name)}/post/requestBody/content/application~1json/schema`;
		return this.schemas.validateAt(`webhook ${name}`, pointer, payload);
	}

	private problemsAt(where: string, pointer: string, ex: Exchange): string[] {
		let body: unknown;
		try {
			body = JSON.parse(ex.body);
		} catch {
			return [`${where}: the body is not JSON: ${ex.body.slice(0, 200)}`];
		}
		const problems = this.schemas.validateAt(where, pointer, body);
		// RFC 9457: the body's status is the response's.
		if (mediaType(ex.contentType) === "application/problem+json" && isRecord(body) && body.status !== ex.status) {
			problems.push(`${where}: problem body says status ${String(body.status)}`);
		}
		return problems;
	}
}

/** Operators' document is behind ADMIN_TOKEN: the app in this isolate gets this one, and the request carries it. */
const ADMIN_TOKEN = "contract-admin-token-0123456789";

/**
 * A document the worker serves (partners' `/openapi.json` or operators' `/admin/openapi.json`), from the app in this
 * isolate (no bindings needed to serve it).
 */
export async function servedDocument(path = "/openapi.json"): Promise<OpenApiDocument> {
	const res = await createApp().request(
		path,
		{ headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
		{ ENVIRONMENT: "development", DB: {}, ADMIN_TOKEN },
	);
	if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
	return (await res.json()) as OpenApiDocument;
}

/** Both documents as one, so a response of either kind of route is checked against the one that declares it. */
async function bothDocuments(): Promise<OpenApiDocument> {
	const [partner, operator] = await Promise.all([servedDocument(), servedDocument("/admin/openapi.json")]);
	const schemas = (doc: OpenApiDocument) => doc.components?.schemas ?? {};
	return {
		...partner,
		paths: { ...partner.paths, ...operator.paths },
		components: { ...partner.components, schemas: { ...schemas(operator), ...schemas(partner) } },
	};
}

let cached: Promise<Contract> | undefined;

/** The contract of the served documents, built once per test file. */
export function servedContract(): Promise<Contract> {
	cached ??= bothDocuments().then((doc) => new Contract(doc));
	return cached;
}

/** Throws, naming the operation and every mismatch, when a response is not what the document promises. */
export async function expectContract(method: string, path: string, res: Response, requestBody?: string): Promise<void> {
	const exchange = {
		method,
		path,
		status: res.status,
		contentType: res.headers.get("content-type"),
		body: await res.clone().text(),
		requestBody,
	};
	const problems = (await servedContract()).check(exchange);
	if (problems.length > 0) throw new Error(`Response breaks the OpenAPI contract:\n${problems.join("\n")}`);
}
