import { expect } from "vitest";

/**
 * Yields to the event loop until `condition` holds, for things that happen concurrently with the test (a
 * probe in flight, lookups queueing for a token). Bounded: fails instead of hanging. Not a timing test:
 * it returns as soon as the condition is true.
 */
export async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
	for (let i = 0; i < 1_000; i++) {
		if (await condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
	expect(await condition(), what).toBe(true);
}
