/**
 * The delivery retry ladder. Attempt 1 goes out at once; after failed attempt n the next one waits
 * `RETRY_LADDER_SECONDS[n - 1]` (minus up to 10 % jitter so a burst of failures does not return as a burst):
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then five 12 h steps (Queues' longest delay) ≈ 3.2 days in all.
 * The last attempt's failure marks the delivery `failed` (attempt-log.ts), whichever lane it ran on; `max_retries`
 * of both delivery queues in wrangler.toml is `MAX_DELIVERY_ATTEMPTS - 1`, so a message whose handler keeps
 * throwing reaches the dead-letter queue after as many tries.
 */

export const MAX_QUEUE_DELAY_SECONDS = 43_200;

export const RETRY_LADDER_SECONDS: readonly number[] = [
	5, 300, 1_800, 7_200, 18_000, 36_000, 43_200, 43_200, 43_200, 43_200, 43_200,
];

export const MAX_DELIVERY_ATTEMPTS = RETRY_LADDER_SECONDS.length + 1;

/** An endpoint whose attempts have all failed for this long is disabled with a reason. */
export const DISABLE_AFTER_FAILING_MS = 5 * 86_400_000;

const JITTER = 0.1;

/**
 * Seconds to wait after failed attempt `failedAttempt` (1-based). A receiver's `Retry-After` is honoured by
 * never retrying sooner than it asked, within Queues' 12 h limit.
 */
export function retryDelaySeconds(
	failedAttempt: number,
	opts: { retryAfterSeconds?: number | null; random?: () => number } = {},
): number {
	const index = Math.min(Math.max(failedAttempt, 1), RETRY_LADDER_SECONDS.length) - 1;
	const step = RETRY_LADDER_SECONDS[index] ?? MAX_QUEUE_DELAY_SECONDS;
	const jittered = step - Math.floor(step * JITTER * (opts.random ?? Math.random)());
	return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(jittered, Math.ceil(opts.retryAfterSeconds ?? 0)));
}

/** Whether attempt `attempt` (1-based) was the last one the ladder allows. */
export const isLastAttempt = (attempt: number) => attempt >= MAX_DELIVERY_ATTEMPTS;
