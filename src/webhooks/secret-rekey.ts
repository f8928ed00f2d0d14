import { and, count, eq, isNotNull, isNull, notLike, or } from "drizzle-orm";
import { type Config } from "../config";
import { envelopePrefix, keyIdOf, type PiiCipher, PiiDecryptError, piiCipher } from "../crypto/pii";
import { type Db } from "../db/client";
import { keyset, type PageQuery, toPage } from "../db/paging";
import { webhookEndpoints } from "../db/schema";
import { log } from "../log";
import { type EndpointRow } from "./objects";

/**
 * Endpoints whose current or previous secret is sealed under another key than `kid` (a scan: endpoints are few). A
 * deleted endpoint signs nothing again and is left out.
 */
const notUnder = (kid: string) => {
	const prefix = `${envelopePrefix(kid)}%`;
	return and(
		isNull(webhookEndpoints.deletedAt),
		or(
			notLike(webhookEndpoints.secret, prefix),
			and(isNotNull(webhookEndpoints.previousSecret), notLike(webhookEndpoints.previousSecret, prefix)),
		),
	);
};

/** How many endpoints still hold a secret sealed under a key other than the current one. */
export async function countStaleSecrets(db: Db, config: Config): Promise<number> {
	const kid = await piiCipher(config.piiKeys).currentKeyId();
	return (await db.select({ n: count() }).from(webhookEndpoints).where(notUnder(kid)).get())?.n ?? 0;
}

async function reseal(cipher: PiiCipher, kid: string, envelope: string, endpointId: string): Promise<string> {
	if (keyIdOf(envelope) === kid) return envelope;
	return cipher.encrypt(await cipher.decrypt(envelope, endpointId), endpointId);
}

/**
 * After a key rotation: re-seals the signing secrets (current and previous) of one page of endpoints, in id order,
 * under the current key. A rotation of the endpoint's secret meanwhile wins (compare-and-swap on both). A secret
 * whose key is gone is counted and logged, and left as it is: its deliveries fail visibly until the secret is rotated.
 */
export async function reencryptEndpointSecrets(db: Db, config: Config, q: PageQuery) {
	const cipher = piiCipher(config.piiKeys);
	const kid = await cipher.currentKeyId();
	const k = keyset(webhookEndpoints.id, "asc", q);
	const rows = await db
		.select()
		.from(webhookEndpoints)
		.where(and(notUnder(kid), k.after))
		.orderBy(k.orderBy)
		.limit(k.limit);
	const page = toPage(rows, q.limit);
	let unreadable = 0;
	const updates = [];
	for (const row of page.items) {
		let next: Pick<EndpointRow, "secret" | "previousSecret">;
		try {
			next = {
				secret: await reseal(cipher, kid, row.secret, row.id),
				previousSecret: row.previousSecret === null ? null : await reseal(cipher, kid, row.previousSecret, row.id),
			};
		} catch (e) {
			if (!(e instanceof PiiDecryptError)) throw e;
			unreadable++;
			log("error", "webhook.secret_unreadable", { endpoint_id: row.id, reason: e.message });
			continue;
		}
		const unchanged = and(
			eq(webhookEndpoints.id, row.id),
			eq(webhookEndpoints.secret, row.secret),
			row.previousSecret === null
				? isNull(webhookEndpoints.previousSecret)
				: eq(webhookEndpoints.previousSecret, row.previousSecret),
		);
		updates.push(db.update(webhookEndpoints).set(next).where(unchanged).returning({ id: webhookEndpoints.id }));
	}
	const [first, ...rest] = updates;
	const results = first ? await db.batch([first, ...rest]) : [];
	return { reencrypted: results.reduce((n, r) => n + r.length, 0), unreadable, nextCursor: page.nextCursor };
}
