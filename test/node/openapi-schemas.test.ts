import { encodePointer } from "@cfworker/json-schema";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type z } from "zod";
import { SubmitSchema } from "../../src/http/routes/verifications/schema";
import { type OpenApiDocument, servedDocument } from "../helpers/contract";
import { SchemaIndex } from "../helpers/contract-schemas";

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

let doc: OpenApiDocument;
beforeAll(async () => {
	doc = await servedDocument();
});

/** Every object of the document with its JSON pointer and the key it sits under. */
function* nodes(
	value: unknown,
	pointer = "",
	parentKey = "",
): Generator<{ node: Node; pointer: string; parentKey: string }> {
	if (Array.isArray(value)) {
		for (const [i, v] of value.entries()) yield* nodes(v, `${pointer}/${i}`, parentKey);
		return;
	}
	if (!isNode(value)) return;
	yield { node: value, pointer, parentKey };
	for (const [k, v] of Object.entries(value)) yield* nodes(v, `${pointer}/${encodePointer(k)}`, k);
}

/** Each example with the pointer of the schema it illustrates: schema `example`s, media-type `example(s)`. */
function examples(): { at: string; schema: string; value: unknown }[] {
	const found: { at: string; schema: string; value: unknown }[] = [];
	for (const { node, pointer, parentKey } of nodes(doc)) {
		if (parentKey === "properties" || parentKey === "examples") continue;
		const schema = isNode(node.schema) ? `${pointer}/schema` : pointer;
		if ("example" in node) found.push({ at: `${pointer}/example`, schema, value: node.example });
		if (isNode(node.schema) && isNode(node.examples)) {
			for (const [name, ex] of Object.entries(node.examples)) {
				found.push({ at: `${pointer}/examples/${name}`, schema, value: isNode(ex) ? ex.value : undefined });
			}
		}
	}
	return found;
}

describe("OpenAPI schemas", () => {
	it("every example validates against its schema (and declares no field the schema does not)", () => {
		const schemas = new SchemaIndex(doc);
		const all = examples();
		expect(all.length).toBeGreaterThan(40);
		expect(all.flatMap((e) => schemas.validateAt(e.at, e.schema, e.value))).toEqual([]);
	});

	it("every pattern is a plain ECMA-262 regex: it compiles in Unicode mode and carries no /flags", () => {
		const patterns = [...nodes(doc)].filter((n) => n.parentKey !== "properties" && typeof n.node.pattern === "string");
		expect(patterns.length).toBeGreaterThan(5);
		for (const { node, pointer } of patterns) {
			const pattern = String(node.pattern);
			expect(() => new RegExp(pattern, "u"), pointer).not.toThrow();
			expect(pattern, pointer).not.toMatch(/\/[dgimsuvy]*$/);
		}
	});
});

/** A request property's documented constraints as a predicate (lengths in code points, as JSON Schema counts). */
function documented(property: string): (s: string) => boolean {
	const schemas = (doc as unknown as { components: { schemas: Record<string, { properties: Record<string, Node> }> } })
		.components.schemas;
	const p = schemas.VerificationRequest?.properties[property] ?? {};
	const re = new RegExp(String(p.pattern), "u");
	const min = typeof p.minLength === "number" ? p.minLength : 0;
	const max = typeof p.maxLength === "number" ? p.maxLength : Number.POSITIVE_INFINITY;
	return (s) => re.test(s) && [...s].length >= min && [...s].length <= max;
}

const shape = SubmitSchema.shape as Record<string, z.ZodType>;
const server = (property: string) => (s: string) => shape[property]?.safeParse(s).success === true;

// Letters of several scripts, a combining mark, digits, punctuation, and whitespace the server trims (tab, NBSP, BOM…).
const ALPHABET = [
	"a",
	"Z",
	"ñ",
	"Ж",
	"ß",
	"ı",
	"あ",
	"\u0301",
	"0",
	"7",
	"'",
	".",
	"-",
	"_",
	"<",
	"~",
	" ",
	"\t",
	"\n",
	"\u00a0",
	"\u2028",
	"\ufeff",
];

describe.each(["last_name", "first_name", "passport_number", "reference"])("the documented %s", (property) => {
	it("accepts exactly what the server accepts", () => {
		const [doc, srv] = [documented(property), server(property)];
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 40 }), (s) => doc(s) === srv(s)),
			{ numRuns: 3000 },
		);
	});
});

describe("the documented name pattern", () => {
	it.each(["Okafor", "Nuñez-Okafor", "O'Brien", "Ade. Jr", " Ada ", "Zoë"])(
		"accepts %j, as the server does",
		(name) => {
			expect(documented("last_name")(name)).toBe(true);
			expect(server("last_name")(name)).toBe(true);
		},
	);

	it.each(["R2D2", "<script>", "", "   ", "Ok4for", "a_b"])("rejects %j, as the server does", (name) => {
		expect(documented("last_name")(name)).toBe(false);
		expect(server("last_name")(name)).toBe(false);
	});
});
