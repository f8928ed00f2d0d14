import { z } from "@hono/zod-openapi";
import { type CatalogueEntry, CODE_KINDS, errorTypeUrl } from "../../error-catalogue";

export const ERRORS_TAG = "Errors";

export const CatalogueEntrySchema = z
	.object({
		object: z.literal("error_code"),
		code: z.string().openapi({ example: "provider_timeout" }),
		kinds: z.array(z.enum(CODE_KINDS)).openapi({
			description:
				"Where it appears: `problem` (a problem's `code`), `last_error` (`last_error.code`), `required_action` (`required_action.code`), `error_class` (a delivery's `error_class`).",
			example: ["last_error"],
		}),
		title: z.string().openapi({ example: "Provider timeout" }),
		status: z
			.number()
			.int()
			.nullable()
			.openapi({ description: "The HTTP status of its problem answer; null when it is not a problem code." }),
		retryable: z.boolean().openapi({
			description:
				"Whether it can succeed later: the same request, `POST …/retry` for a verification, `recover` for a delivery.",
		}),
		description: z.string().openapi({ description: "What happened." }),
		action: z.string().openapi({ description: "What to do about it." }),
		url: z.string().openapi({ example: "https://kyc.example/errors/provider_timeout" }),
	})
	.openapi("ErrorCode");

export const CatalogueSchema = z
	.object({ object: z.literal("list"), data: z.array(CatalogueEntrySchema) })
	.openapi("ErrorCodeList");

export const CodeParam = z.object({
	code: z.string().openapi({ param: { name: "code", in: "path" }, example: "validation_failed" }),
});

/** An answer in HTML for a person (a browser asks for `text/html` first), JSON for a tool. */
export const wantsHtml = (accept: string | undefined): boolean => {
	const first = (accept ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
	return first.startsWith("text/html");
};

/** The catalogue changes only with a release: caches may keep it a while. */
export const CACHE = { "cache-control": "public, max-age=3600" };

export const htmlSchema = z.string().openapi({ description: "The same, as a page for people (`Accept: text/html`)." });

/** An entry as the API shows it, with its own absolute URL on this origin. */
export const entryView = (e: CatalogueEntry, origin: string) => ({
	object: "error_code" as const,
	...e,
	url: errorTypeUrl(origin, e.code),
});
