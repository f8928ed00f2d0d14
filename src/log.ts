/**
 * Structured log lines. Callers pass ids, codes and counts only: never personal data, keys or secrets
 * (a test runs every sandbox outcome and scans the captured output for submitted values).
 */
export function log(level: "info" | "warn" | "error", event: string, fields: Record<string, unknown> = {}): void {
	const line = JSON.stringify({ level, event, ...fields });
	if (level === "error") console.error(line);
	else if (level === "warn") console.warn(line);
	else console.log(line);
}

/** The class and message of an unknown thrown value, for logs (our own errors carry no personal data). */
export const describeError = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
