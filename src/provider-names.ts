import { z } from "zod";

/** Every provider adapter there is. `sandbox_backup` is the sandbox's twin, so test mode has a failover pair. */
export const PROVIDER_NAMES = ["sandbox", "sandbox_backup", "interswitch", "prembly"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** Test mode's providers, in order: two sandboxes applying the same digit table (docs/partners.md, "Sandbox outcomes"). */
export const SANDBOX_PROVIDERS: readonly ProviderName[] = ["sandbox", "sandbox_backup"];

export const isSandbox = (name: string): boolean => name === "sandbox" || name === "sandbox_backup";

/** `PROVIDERS`: names in order of preference, comma-separated; each known, none twice. */
export const providerList = z
	.string()
	.transform((value) =>
		value
			.split(",")
			.map((name) => name.trim())
			.filter(Boolean),
	)
	.pipe(
		z
			.array(z.enum(PROVIDER_NAMES))
			.min(1, "list at least one provider")
			.refine((names) => new Set(names).size === names.length, "lists a provider twice"),
	);
