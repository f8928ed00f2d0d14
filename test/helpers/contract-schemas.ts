/**
 * The served OpenAPI document as one JSON Schema resource (draft 2020-12, the dialect of OpenAPI 3.1), for
 * test/helpers/contract.ts. @cfworker/json-schema validates without eval or `new Function`, which workerd forbids;
 * every `$ref` into `components` resolves, and any schema is found by its JSON pointer in the document.
 */
import { dereference, encodePointer, type Schema, validate } from "@cfworker/json-schema";

const DOC_URI = "https://kyc.test/openapi.json";
const SUMMARY_KEYWORDS = new Set(["$ref", "properties", "items", "prefixItems", "allOf", "additionalProperties"]);

export const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A copy of the document without its examples: the indexer walks every object as a schema, and an example's own
 * `id` field (`"evt_…"`) would read as a schema id. Properties *named* example are kept.
 */
function withoutExamples(value: unknown, parentKey = ""): unknown {
	if (Array.isArray(value)) return value.map((v) => withoutExamples(v));
	if (!isRecord(value)) return value;
	const keep = Object.entries(value).filter(
		([k]) => parentKey === "properties" || (k !== "example" && k !== "examples"),
	);
	return Object.fromEntries(keep.map(([k, v]) => [k, withoutExamples(v, k)]));
}

const SCHEMA_LISTS = new Set(["prefixItems", "items", "allOf", "anyOf", "oneOf"]);

/**
 * The indexer skips arrays it does not know as lists of schemas (`parameters`, say); index their objects too, at
 * their pointers, so a parameter's schema can be looked up like any other.
 */
function indexListedObjects(
	value: unknown,
	pointer: string,
	key: string,
	lookup: Record<string, Schema | boolean>,
): void {
	if (Array.isArray(value)) {
		for (const [i, item] of value.entries()) {
			if (!SCHEMA_LISTS.has(key) && isRecord(item))
				dereference(item as Schema, lookup, new URL(DOC_URI), `${pointer}/${i}`);
			indexListedObjects(item, `${pointer}/${i}`, "", lookup);
		}
		return;
	}
	if (!isRecord(value)) return;
	for (const [k, v] of Object.entries(value)) indexListedObjects(v, `${pointer}/${encodePointer(k)}`, k, lookup);
}

export class SchemaIndex {
	private readonly lookup: Record<string, Schema | boolean>;

	constructor(doc: object) {
		const root = { ...(withoutExamples(doc) as object), $id: DOC_URI };
		this.lookup = dereference(root as Schema);
		indexListedObjects(root, "", "", this.lookup);
	}

	/** Schema errors, then properties the schema does not declare (an undocumented field is a mismatch too). */
	validateAt(where: string, pointer: string, instance: unknown): string[] {
		const schema = this.lookup[`${DOC_URI}#${pointer}`];
		if (schema === undefined) return [`${where}: no schema at ${pointer}`];
		const units = typeof schema === "boolean" ? [] : validate(instance, schema, "2020-12", this.lookup, false).errors;
		// The leaves say what is wrong; "a subschema had errors" and the like only point at them.
		const leaves = units.filter((e) => !SUMMARY_KEYWORDS.has(e.keyword));
		const errors = (leaves.length > 0 ? leaves : units).map((e) => `${e.instanceLocation}: ${e.error}`);
		const undeclared = this.undeclared(instance, schema, "#").map((at) => `${at}: not in the document`);
		const all = [...errors, ...undeclared];
		return all.length === 0 ? [] : [`${where} does not match ${pointer}:\n  ${all.slice(0, 12).join("\n  ")}`];
	}

	private resolve(schema: Schema | boolean): Schema | boolean {
		let s = schema;
		for (let hops = 0; typeof s !== "boolean" && s.$ref !== undefined && hops < 16; hops++) {
			s = this.lookup[s.__absolute_ref__ ?? s.$ref] ?? true;
		}
		return s;
	}

	/** Instance properties that no `properties` of the (resolved, allOf-merged) schema declares, where none are open. */
	private undeclared(instance: unknown, schema: Schema | boolean, at: string): string[] {
		const s = this.resolve(schema);
		if (typeof s === "boolean" || s.oneOf || s.anyOf) return [];
		const parts = [s, ...(s.allOf ?? []).map((p) => this.resolve(p))].filter(
			(p): p is Schema => typeof p !== "boolean",
		);
		if (Array.isArray(instance)) {
			const items = parts.map((p) => p.items).find((i) => i !== undefined && !Array.isArray(i));
			return items === undefined || Array.isArray(items)
				? []
				: instance.flatMap((v, i) => this.undeclared(v, items, `${at}/${i}`));
		}
		if (!isRecord(instance)) return [];
		const declared = new Map(parts.flatMap((p) => Object.entries(p.properties ?? {})));
		const open = parts.map((p) => p.additionalProperties).find((a) => a !== undefined && a !== false);
		return Object.entries(instance).flatMap(([key, value]) => {
			const sub = declared.get(key) ?? open;
			if (sub === undefined) return declared.size > 0 ? [`${at}/${key}`] : [];
			return this.undeclared(value, sub, `${at}/${key}`);
		});
	}
}
