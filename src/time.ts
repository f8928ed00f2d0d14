/** An epoch-milliseconds instant as the API shows it (ISO 8601, UTC), null kept as null. */
export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
