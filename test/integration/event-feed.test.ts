import { describe, expect, it } from "vitest";
import { call, json, newClient } from "../helpers/api";
import { projectedEvent } from "../helpers/scenarios";

type Feed = { data: { id: string; type: string; created_at: string }[]; has_more: boolean; next_cursor: string | null };

const feed = async (key: string, query = "") => json<Feed>(await call(`/api/events/${query}`, { key }));

describe("GET /api/events/: a gap-free feed", () => {
	it("a poller that has seen a newer event still gets an older one that lands afterwards, exactly once", async () => {
		const client = await newClient("feed");
		const newer = await projectedEvent(client.id, 0);
		const first = await feed(client.key);
		expect(first.data.map((e) => e.id)).toEqual([newer]);

		// Stamped ten minutes earlier by its own object's clock, but recorded now.
		const late = await projectedEvent(client.id, 10 * 60_000);
		expect(late < newer).toBe(true);
		const next = await feed(client.key, `?starting_after=${newer}`);
		expect(next.data.map((e) => e.id)).toEqual([late]);
		expect((await feed(client.key, `?starting_after=${late}`)).data).toEqual([]);
	});

	it("pages in landing order with limit and next_cursor", async () => {
		const client = await newClient("feed-pages");
		const ids = [];
		for (let i = 0; i < 5; i++) ids.push(await projectedEvent(client.id, (5 - i) * 1_000));
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const page: Feed = await feed(client.key, `?limit=2${cursor ? `&starting_after=${cursor}` : ""}`);
			seen.push(...page.data.map((e) => e.id));
			cursor = page.next_cursor;
		} while (cursor);
		expect(seen).toEqual(ids);
	});

	it("filters by type and created time", async () => {
		const client = await newClient("feed-filters");
		const old = await projectedEvent(client.id, 3 * 3_600_000);
		const recent = await projectedEvent(client.id, 60_000);
		const since = new Date(Date.now() - 3_600_000).toISOString();
		expect((await feed(client.key, `?created[gte]=${since}`)).data.map((e) => e.id)).toEqual([recent]);
		expect((await feed(client.key, `?created[lt]=${since}`)).data.map((e) => e.id)).toEqual([old]);
		expect((await feed(client.key, "?type=verification.processing")).data).toHaveLength(2);
		expect((await feed(client.key, "?type=verification.verified")).data).toHaveLength(0);
		expect((await call("/api/events/?type=nope", { key: client.key })).status).toBe(422);
	});
});
