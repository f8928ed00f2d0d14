import { describe, expect, it } from "vitest";
import { call, json, newClient } from "../helpers/api";
import { laggingReplica } from "../helpers/replica";
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

	it("an unknown cursor is a 400 `cursor_not_found`, not a scan answering an empty page", async () => {
		const client = await newClient("feed-unknown-cursor");
		const other = await newClient("feed-other-account");
		await projectedEvent(client.id, 0);
		const elsewhere = await projectedEvent(other.id, 0);
		for (const cursor of ["evt_ZZZZZZZZZZZZZZZZZZZZZZZZZZ", "evt_00000000000000000000000000", elsewhere]) {
			const res = await call(`/api/events/?starting_after=${cursor}`, { key: client.key });
			expect(res.status, cursor).toBe(400);
			expect(await json(res)).toMatchObject({
				code: "cursor_not_found",
				errors: [{ field: "starting_after", code: "cursor_not_found" }],
			});
		}
	});

	it("a created window pages in event-time order, and starting_after continues in it", async () => {
		const client = await newClient("feed-window");
		// Landing order: a, b, c; event-time order: b, c, a.
		const a = await projectedEvent(client.id, 60_000);
		const b = await projectedEvent(client.id, 3 * 60_000);
		const c = await projectedEvent(client.id, 2 * 60_000);
		const since = `created[gte]=${new Date(Date.now() - 3_600_000).toISOString()}`;
		const first = await feed(client.key, `?${since}&limit=2`);
		expect(first.data.map((e) => e.id)).toEqual([b, c]);
		const rest = await feed(client.key, `?${since}&limit=2&starting_after=${first.next_cursor}`);
		expect(rest.data.map((e) => e.id)).toEqual([a]);
		expect((await feed(client.key, "")).data.map((e) => e.id)).toEqual([a, b, c]);
	});

	it("a poller whose replica lags behind its cursor gets its page from the primary: no 4xx, nothing skipped", async () => {
		const client = await newClient("feed-replica");
		const ids = [];
		for (let i = 0; i < 3; i++) ids.push(await projectedEvent(client.id, (3 - i) * 1_000));
		const replica = laggingReplica();
		try {
			const res = await call(`/api/events/?starting_after=${ids[0]}`, { key: client.key });
			expect(res.status).toBe(200);
			expect((await json<Feed>(res)).data.map((e) => e.id)).toEqual(ids.slice(1));
			expect(replica.answered()).toBeGreaterThan(0);
			expect(replica.starts).toEqual(["first-unconstrained", "first-primary"]);
			expect(res.headers.get("consistency-bookmark")).not.toBeNull();
			// A cursor the primary does not have either is still a 400.
			const unknown = await call("/api/events/?starting_after=evt_ZZZZZZZZZZZZZZZZZZZZZZZZZZ", { key: client.key });
			expect(unknown.status).toBe(400);
		} finally {
			replica.restore();
		}
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
