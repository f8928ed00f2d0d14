import { z } from "@hono/zod-openapi";

export const ADMIN_TAG = "Admin";
export const ADMIN_SECURITY = [{ adminToken: [] }];

export const ClientIdParam = z.object({
	id: z.string().openapi({ param: { name: "id", in: "path" }, example: "cli_01JD2X4R8B7Q0V3C5N6M9K1H2G" }),
});

export const KeyParams = ClientIdParam.extend({
	key_id: z.string().openapi({ param: { name: "key_id", in: "path" }, example: "key_01JD2X4R8B7Q0V3C5N6M9K1H2G" }),
});

export const ApiKeySchema = z
	.object({
		id: z.string(),
		object: z.literal("api_key"),
		prefix: z.string().openapi({ example: "kyc_live_4f8a1c2" }),
		livemode: z.boolean().openapi({ description: "Live-mode key (`kyc_live_…`) or test-mode key (`kyc_test_…`)." }),
		created_at: z.string().datetime(),
		revoked_at: z.string().datetime().nullable(),
	})
	.openapi("ApiKey");

export const NewApiKeySchema = ApiKeySchema.extend({
	key: z.string().openapi({ description: "The secret key. Shown only once." }),
}).openapi("NewApiKey");

export const ClientSchema = z
	.object({
		id: z.string(),
		object: z.literal("client"),
		name: z.string(),
		created_at: z.string().datetime(),
		api_key: NewApiKeySchema,
	})
	.openapi("Client");

const mode = z.enum(["test", "live"]).openapi({
	description: "`test` keys always use the sandbox; `live` keys use the configured provider.",
	example: "test",
});

export const CreateClientSchema = z
	.strictObject({
		name: z.string().trim().min(1).max(200).openapi({ example: "Acme Fintech" }),
		mode: mode.optional().openapi({ description: "The first key's mode; `test` when omitted." }),
	})
	.openapi("ClientRequest");

export const IssueKeySchema = z
	.strictObject({ mode: mode.optional().openapi({ description: "`test` when omitted." }) })
	.openapi("ApiKeyRequest");

export const keyView = (k: {
	id: string;
	prefix: string;
	livemode: boolean;
	createdAt: number;
	revokedAt?: number | null;
}) => ({
	id: k.id,
	object: "api_key" as const,
	prefix: k.prefix,
	livemode: k.livemode,
	created_at: new Date(k.createdAt).toISOString(),
	revoked_at: k.revokedAt ? new Date(k.revokedAt).toISOString() : null,
});

const counts = (description: string) =>
	z
		.object({
			webhook_endpoints: z.number().int().min(0).openapi({ example: 0 }),
			verifications: z.number().int().min(0).openapi({ example: 0 }),
		})
		.openapi({ description });

export const ReencryptSchema = z
	.strictObject({
		cursor: z
			.string()
			.regex(
				/^[A-Z][A-Z0-9_]*:(?:(?:we|ver)_[0-9A-HJKMNP-TV-Z]{26})?$/,
				"Must be a next_cursor returned by a previous call.",
			)
			.optional()
			.openapi({ description: "`next_cursor` of the previous call; omit to start a pass." }),
		limit: z.number().int().min(1).max(100).default(50).openapi({
			description: "Rows read per batch of each kind (endpoints, verifications holding personal data).",
			example: 50,
		}),
	})
	.openapi("ReencryptRequest");

export const ReencryptionSchema = z
	.object({
		object: z.literal("reencryption"),
		key_id: z.string().openapi({ description: "Id of the current key (`PII_ENCRYPTION_KEY`).", example: "3f9a1c07" }),
		reencrypted: counts("Records this call re-sealed (and, for verifications, re-indexed) under the current key."),
		unreadable: counts(
			"Records this call could not open: their key is no longer configured, or the ciphertext was altered. Left as they are.",
		),
		failed: z
			.number()
			.int()
			.min(0)
			.openapi({ description: "Verifications that failed or changed meanwhile; the next pass retries them." }),
		remaining: counts(
			"Records still not under the current key after this call, across the deployment. Drop no key until both are 0.",
		),
		idempotency_hashes: z
			.object({
				not_current: z.number().int().min(0).openapi({
					description:
						"Idempotency-Key request fingerprints made with another key (or before key ids were recorded). They cannot be re-made: a replay of such a request matches only while its key stays configured.",
				}),
				ages_out_at: z.string().datetime().nullable().openapi({
					description:
						"When the newest of them is deleted with its verification's records (`RECORD_RETENTION_SECONDS`).",
				}),
			})
			.openapi({ description: "Fingerprints under old keys that the re-encryption cannot re-make." }),
		next_cursor: z
			.string()
			.nullable()
			.openapi({ description: "Pass as `cursor` to continue; null when this pass is complete." }),
	})
	.openapi("Reencryption");

export const ClientMoveRequestSchema = z
	.strictObject({
		to: z.string().openapi({ description: "The target shard's binding name.", example: "SHARD_1" }),
	})
	.openapi("ClientMoveRequest");

export const ClientMoveSchema = z
	.object({
		object: z.literal("client_move"),
		client_id: z.string(),
		from: z.string().openapi({ description: "The shard the client's rows are moving out of." }),
		to: z.string(),
		phase: z.enum(["copy", "settle", "final", "drain", "done"]).openapi({
			description:
				"Where the move is after this step: `copy` (copying into the target), `settle` (switched: waiting for every cached placement to expire), `final` (copying what landed on the source meanwhile), `drain` (deleting the client's rows from the source), `done`.",
		}),
		wait_ms: z.number().int().openapi({ description: "While settling: how long until the next step can go on." }),
		copied: z.number().int().openapi({ description: "Rows copied so far." }),
		reprojected: z.number().int().openapi({ description: "Verifications re-projected from their objects so far." }),
		deleted: z.number().int().openapi({ description: "Rows deleted from the source so far." }),
		statements: z.number().int().openapi({ description: "D1 statements the move has run so far." }),
	})
	.openapi("ClientMove");
