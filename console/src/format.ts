/** Display helpers: dates in the viewer's locale, relative times, status labels. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const relativeTime = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });

export function formatDateTime(iso: string): string {
	return dateTime.format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	["day", 86_400_000],
	["hour", 3_600_000],
	["minute", 60_000],
	["second", 1000],
];

/** "in 23 hr", "5 min ago", "now". */
export function formatRelative(iso: string, now = Date.now()): string {
	const delta = new Date(iso).getTime() - now;
	if (Math.abs(delta) < 1000) return "now";
	for (const [unit, ms] of UNITS) {
		if (Math.abs(delta) >= ms || unit === "second") return relativeTime.format(Math.round(delta / ms), unit);
	}
	return "now";
}

/** `requires_action` → "requires action". */
export function label(code: string): string {
	return code.replaceAll("_", " ");
}

export function formatPercent(ratio: number): string {
	return `${(ratio * 100).toFixed(ratio === 1 || ratio === 0 ? 0 : 1)} %`;
}
