import { type z } from "@hono/zod-openapi";
import { DomainError, type FieldError } from "../errors";

type Issue = z.core.$ZodIssue;

/** zod issues → our per-field errors, with stable codes (a refinement may name its own in `params.code`). */
export function fieldErrors(issues: readonly Issue[], target?: string): FieldError[] {
	return issues.flatMap((issue) => {
		const base = [target === "query" || target === "header" ? target : null, ...issue.path.map(String)]
			.filter((p): p is string => p !== null)
			.join(".");
		if (issue.code === "unrecognized_keys") {
			return issue.keys.map((k) => ({
				field: base ? `${base}.${k}` : k,
				code: "unknown_field",
				message: "This field is not part of the schema.",
			}));
		}
		const custom = issue.code === "custom" ? (issue.params?.code as string | undefined) : undefined;
		return [{ field: base || "body", code: custom ?? issue.code, message: issue.message }];
	});
}

/** The `defaultHook` of every router: a failed zod parse becomes a 422 problem with `errors[]`. */
export function validationHook(result: { success: boolean; error?: unknown; target?: string }): void {
	if (result.success) return;
	const issues = (result.error as { issues?: Issue[] } | undefined)?.issues ?? [];
	const errors = fieldErrors(issues, result.target);
	const detail = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
	throw new DomainError("validation_failed", detail || "The request is invalid.", { errors });
}
