/**
 * `Retry-After` (delta-seconds or an HTTP date) as milliseconds from `now`, never negative; null when the header is
 * absent or unreadable. The one reading of the header: callers cap it and convert it to their own unit.
 */
export function retryAfterMs(header: string | null, now: number): number | null {
	if (header === null || header.trim() === "") return null;
	const value = header.trim();
	const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
	return Number.isNaN(ms) ? null : Math.max(0, ms);
}
