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

export const keyView = (k: { id: string; prefix: string; livemode: boolean; createdAt: number; revokedAt?: number | null }) => ({
	id: k.id,
	object: "api_key" as const,
	prefix: k.prefix,
	livemode: k.livemode,
	created_at: new Date(k.createdAt).toISOString(),
	revoked_at: k.revokedAt ? new Date(k.revokedAt).toISOString() : null,
});
