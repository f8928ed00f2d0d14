import { and, count, eq, isNull, sql } from "drizzle-orm";
import { type Config } from "../config";
import { type Db } from "../db/client";
import { keyset, type Page, type PageQuery, toPage } from "../db/paging";
import { webhookEndpoints } from "../db/schema";
import { DomainError } from "../errors";
import { isId, newId } from "../ids";
import { type Account } from "../tenancy";
import { disabledEvent, enabledEvent, type Notify, withEvents } from "./endpoint-events";
import { type EndpointRow } from "./objects";
import { type EventType } from "./payload";
import { ROTATION_OVERLAP_MS, sealSecret } from "./secrets";
import { generateSecret } from "./signing";
import { checkWebhookUrl } from "./url-guard";

/** Stripe allows 16; a partner needing more is doing fan-out that belongs on their side. */
export const MAX_ENDPOINTS_PER_CLIENT = 20;

export interface EndpointInput {
	url: string;
	description?: string | null | undefined;
	event_types?: EventType[] | null | undefined;
	/** Deliveries per second at most (src/webhooks/throttle.ts); null: no throttle. */
	rate_limit?: number | null | undefined;
}

/** The URL as stored, or a 422 naming the rule it breaks. */
export function allowedUrl(config: Config, url: string): string {
	const check = checkWebhookUrl(url, { development: config.isDevelopment });
	if (check.ok) return check.url;
	throw new DomainError("url_not_allowed", check.reason, {
		errors: [{ field: "url", code: "url_not_allowed", message: check.reason }],
	});
}

const eventTypesColumn = (types: EventType[] | null | undefined) =>
	types && types.length > 0 ? JSON.stringify([...new Set(types)].sort()) : null;

function requireCipher(config: Config): void {
	if (config.piiKeys.length === 0) throw new DomainError("service_unavailable", "Secret encryption is not configured.");
}

/** Registers an endpoint; returns it with its new secret, which is never shown again (except by rotation). */
export async function createEndpoint(db: Db, config: Config, account: Account, input: EndpointInput, now = Date.now()) {
	requireCipher(config);
	const url = allowedUrl(config, input.url);
	const existing = await db.select({ n: count() }).from(webhookEndpoints).where(ofAccount(account)).get();
	if ((existing?.n ?? 0) >= MAX_ENDPOINTS_PER_CLIENT) {
		throw new DomainError("limit_exceeded", `At most ${MAX_ENDPOINTS_PER_CLIENT} webhook endpoints per account.`);
	}
	const id = newId("we", now);
	const secret = generateSecret();
	const row: EndpointRow = {
		id,
		clientId: account.clientId,
		livemode: account.livemode,
		url,
		description: input.description ?? null,
		eventTypes: eventTypesColumn(input.event_types),
		secret: await sealSecret(config, id, secret),
		previousSecret: null,
		previousSecretExpiresAt: null,
		disabledAt: null,
		disabledReason: null,
		failingSince: null,
		slowUntil: null,
		rateLimit: input.rate_limit ?? null,
		throttleAt: null,
		probeAt: null,
		probeOwner: null,
		probes: 0,
		probeCredits: 0,
		parkedUntil: null,
		failures: 0,
		failingEventAt: null,
		createdAt: now,
		updatedAt: now,
		deletedAt: null,
	};
	await db.insert(webhookEndpoints).values(row);
	return { endpoint: row, secret };
}

/** The endpoints of one account (client and mode); a deleted one is gone for the API at once. */
const ofAccount = (account: Account) =>
	and(
		eq(webhookEndpoints.clientId, account.clientId),
		eq(webhookEndpoints.livemode, account.livemode),
		isNull(webhookEndpoints.deletedAt),
	);

/** The caller's endpoint, or a 404 (another client's or the other mode's endpoint is indistinguishable from none). */
export async function loadEndpoint(db: Db, account: Account, id: string): Promise<EndpointRow> {
	const row = isId("we", id)
		? await db
				.select()
				.from(webhookEndpoints)
				.where(and(eq(webhookEndpoints.id, id), ofAccount(account)))
				.get()
		: undefined;
	if (!row) throw new DomainError("not_found", "No such webhook endpoint.");
	return row;
}

/** Newest first, keyset-paginated like every list. */
export async function listEndpoints(db: Db, account: Account, q: PageQuery): Promise<Page<EndpointRow>> {
	const k = keyset(webhookEndpoints.id, "desc", q);
	const rows = await db
		.select()
		.from(webhookEndpoints)
		.where(and(ofAccount(account), k.after))
		.orderBy(k.orderBy)
		.limit(k.limit);
	return toPage(rows, q.limit);
}

async function save(db: Db, row: EndpointRow, patch: Partial<EndpointRow>, now: number): Promise<EndpointRow> {
	const next = { ...row, ...patch, updatedAt: now };
	await db
		.update(webhookEndpoints)
		.set({ ...patch, updatedAt: now })
		.where(eq(webhookEndpoints.id, row.id));
	return next;
}

/** Changes url, description or filter; a new URL passes the guard again. `null` clears a field. */
export async function updateEndpoint(
	db: Db,
	config: Config,
	row: EndpointRow,
	input: Partial<EndpointInput>,
	now = Date.now(),
) {
	const patch: Partial<EndpointRow> = {};
	if (input.url !== undefined) patch.url = allowedUrl(config, input.url);
	if (input.description !== undefined) patch.description = input.description;
	if (input.event_types !== undefined) patch.eventTypes = eventTypesColumn(input.event_types);
	if (input.rate_limit !== undefined) patch.rateLimit = input.rate_limit;
	return save(db, row, patch, now);
}

/**
 * Enables (also forgetting the failure streak) or disables an endpoint, idempotently. A change is told to the
 * account's other endpoints (`webhook_endpoint.enabled` / `.disabled`, reason `partner`) in the same D1 batch, their
 * deliveries sent as `notify` says.
 */
export async function setEnabled(db: Db, notify: Notify, row: EndpointRow, enabled: boolean, now = Date.now()) {
	if (enabled === (row.disabledAt === null)) return enabled ? save(db, row, {}, now) : row;
	const patch: Partial<EndpointRow> = enabled
		? { disabledAt: null, disabledReason: null, failingSince: null, slowUntil: null, failures: 0, failingEventAt: null }
		: { disabledAt: now, disabledReason: PARTNER_DISABLED };
	const event = enabled ? await enabledEvent(row, now) : await disabledEvent(row, "partner", PARTNER_DISABLED, now);
	const update = db
		.update(webhookEndpoints)
		.set({ ...patch, updatedAt: now })
		.where(eq(webhookEndpoints.id, row.id));
	await withEvents(db, notify, [update], [event], row);
	return { ...row, ...patch, updatedAt: now };
}

const PARTNER_DISABLED = "Disabled through the API.";

/**
 * A new secret. Without `force` the current one keeps signing beside it for 24 h (a rotation still open is
 * closed first: at most two secrets sign); with `force` the old one stops at once, for a leaked secret.
 */
export async function rotateSecret(db: Db, config: Config, row: EndpointRow, force: boolean, now = Date.now()) {
	requireCipher(config);
	const secret = generateSecret();
	const endpoint = await save(
		db,
		row,
		{
			secret: await sealSecret(config, row.id, secret),
			previousSecret: force ? null : row.secret,
			previousSecretExpiresAt: force ? null : now + ROTATION_OVERLAP_MS,
		},
		now,
	);
	return { endpoint, secret };
}

/**
 * Deletes the endpoint: one row written, whatever its log holds. From now on the API answers 404 for it, no event
 * is owed to it, and it counts as disabled, so deliveries still queued for it are closed unsent; the retention
 * prune removes its delivery log in bounded batches, then the row (deleting up to 30 days of deliveries here would
 * be one unbounded statement).
 */
export async function deleteEndpoint(db: Db, row: EndpointRow, now = Date.now()): Promise<void> {
	await db
		.update(webhookEndpoints)
		.set({
			deletedAt: now,
			disabledAt: sql`coalesce(${webhookEndpoints.disabledAt}, ${now})`,
			disabledReason: "Deleted through the API.",
			updatedAt: now,
		})
		.where(eq(webhookEndpoints.id, row.id));
}
