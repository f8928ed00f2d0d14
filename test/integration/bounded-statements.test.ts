import { count } from "drizzle-orm";
import { expect, it } from "vitest";
import { verificationEvents, webhookDeliveries } from "../../src/db/schema";
import { clearAlarms } from "../helpers/alarms";
import { recordD1Costs } from "../helpers/d1-cost";
import { type Account, accounts, everyPath } from "../helpers/every-path";
import { historyTemplate, seedHistory } from "../helpers/history";
import { onEveryDb } from "../helpers/shards";
import { QueueSim } from "../helpers/webhooks-harness";
import { useMsw } from "../helpers/webhooks-receiver";
import { normalize, STATEMENTS, type StatementBound } from "./bounded-statements.registry";

useMsw();

const DAY = 86_400_000;
/** 10 clients × 2 modes; 1,700 verifications each (3 status changes, 3 deliveries) over 450 days. */
const CLIENTS = 10;
const PER_ACCOUNT = 1_700;
const SPAN_DAYS = 450;

const registry = new Map<string, StatementBound>(STATEMENTS.map((s) => [normalize(s.sql), s]));

/** Drives every path once, recording the most rows each statement read. */
async function measure(history: Account, live: Account, quiet: Account, sim: QueueSim): Promise<Map<string, number>> {
	const recorded = recordD1Costs();
	try {
		await everyPath(history, live, quiet, sim, (fn) => recorded.aside(fn));
	} finally {
		recorded.restore();
	}
	const most = new Map<string, number>();
	for (const c of recorded.costs) {
		const key = normalize(c.sql);
		most.set(key, Math.max(most.get(key) ?? 0, c.rowsRead));
	}
	return most;
}

/** How many status changes and deliveries D1 holds, across its shards. */
async function size() {
	const sum = (rows: { n: number }[]) => rows.reduce((a, r) => a + r.n, 0);
	const events = await onEveryDb((db) => db.select({ n: count() }).from(verificationEvents));
	const deliveries = await onEveryDb((db) => db.select({ n: count() }).from(webhookDeliveries));
	return { events: sum(events), deliveries: sum(deliveries) };
}

/** Each statement over its bound, as `phase: rows read > bound: what`. */
function overBound(phase: string, most: Map<string, number>): string[] {
	return [...most].flatMap(([sql, rows]) => {
		const entry = registry.get(sql);
		return entry && rows > entry.maxRowsRead ? [`${phase}: ${rows} > ${entry.maxRowsRead}: ${entry.what}`] : [];
	});
}

it("every statement reads rows bounded by its page or batch, at a long history and at twice that", async () => {
	const sim = new QueueSim().install();
	const now = Date.now();
	const from = now - SPAN_DAYS * DAY;
	const all = await accounts(CLIENTS, from - DAY);
	const [history, live, quiet] = all;
	if (!history || !live || !quiet) throw new Error("no accounts");
	const template = await historyTemplate(history.key, history.endpointId);
	const spec = { accounts: all, perAccount: PER_ACCOUNT, from, to: now - 3_600_000 };

	const seeded = await seedHistory(template, spec);
	expect(all.length).toBeGreaterThanOrEqual(20);
	expect(new Set(all.map((a) => a.livemode))).toEqual(new Set([false, true]));
	expect(seeded.events).toBeGreaterThanOrEqual(100_000);
	expect(seeded.deliveries).toBeGreaterThanOrEqual(100_000);
	const first = await measure(history, live, quiet, sim);
	const before = await size();

	await seedHistory(template, { ...spec, generation: 1 });
	const doubled = await size();
	expect(doubled.events - before.events).toBe(seeded.events);
	const second = await measure(history, live, quiet, sim);
	await clearAlarms();

	const seen = new Set([...first.keys(), ...second.keys()]);
	// Printed with what they read at each size, to choose their bound from.
	const unknown = [...seen]
		.filter((sql) => !registry.has(sql))
		.map((sql) => `${sql}  [rows read: ${first.get(sql) ?? "-"}, then ${second.get(sql) ?? "-"}]`);
	expect(unknown, "statements without an entry in bounded-statements.registry.ts (add each, with its bound)").toEqual(
		[],
	);
	const unseen = [...registry].filter(([sql]) => !seen.has(sql)).map(([, entry]) => entry.what);
	expect(unseen, "entries in bounded-statements.registry.ts that no path ran (remove them, or drive them)").toEqual([]);
	expect([...overBound("history", first), ...overBound("twice the history", second)]).toEqual([]);
}, 300_000);
