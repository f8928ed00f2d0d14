import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BOOKMARK_PATTERN } from "../../src/db/client";
import { dataShards } from "../../src/db/shards";
import { runUntil } from "../helpers/alarms";
import { call, json, newClient, passport, submit } from "../helpers/api";
import { shardFor } from "../helpers/shards";

afterEach(() => vi.restoreAllMocks());

const WEAK_TAG = /^W\/"[0-9a-f]{40}"$/;

describe("conditional GET", () => {
	it("a verification: 304 with no body while unchanged, 200 with a new ETag after a change", async () => {
		const v = await runUntil((await submit(passport(0))).id, ["verified"]);
		const path = `/api/verifications/${v.id}/`;
		const first = await call(path);
		expect(first.status).toBe(200);
		const tag = first.headers.get("etag") ?? "";
		expect(tag).toMatch(WEAK_TAG);

		const same = await call(path, { headers: { "if-none-match": tag } });
		expect(same.status).toBe(304);
		expect(await same.text()).toBe("");
		expect(same.headers.get("etag")).toBe(tag);
		// The strong form of the same tag matches too (If-None-Match compares weakly).
		expect((await call(path, { headers: { "if-none-match": tag.slice(2) } })).status).toBe(304);
		expect((await call(path, { headers: { "if-none-match": 'W/"0000"' } })).status).toBe(200);

		expect((await call(path, { method: "DELETE" })).status).toBe(200);
		const changed = await call(path, { headers: { "if-none-match": tag } });
		expect(changed.status).toBe(200);
		expect(await json(changed)).toMatchObject({ id: v.id, redacted_at: expect.any(String) });
		expect(changed.headers.get("etag")).toMatch(WEAK_TAG);
		expect(changed.headers.get("etag")).not.toBe(tag);
	});

	it("a list: 304 while unchanged, 200 once it has a new item", async () => {
		const { key } = await newClient("conditional list");
		const create = () => call("/api/webhook-endpoints/", { key, body: { url: "https://hooks.partner.example.com/c" } });
		expect((await create()).status).toBe(201);
		const list = await call("/api/webhook-endpoints/", { key });
		const tag = list.headers.get("etag") ?? "";
		expect(tag).toMatch(WEAK_TAG);
		expect((await call("/api/webhook-endpoints/", { key, headers: { "if-none-match": tag } })).status).toBe(304);
		expect((await create()).status).toBe(201);
		const grown = await call("/api/webhook-endpoints/", { key, headers: { "if-none-match": tag } });
		expect(grown.status).toBe(200);
		expect((await json<{ data: unknown[] }>(grown)).data).toHaveLength(2);
	});

	it("errors and writes carry no ETag", async () => {
		expect((await call("/api/verifications/ver_01JD2X4R8B7Q0V3C5N6M9K1H2G/")).headers.get("etag")).toBeNull();
		expect((await call("/api/verifications/", { body: passport(0) })).headers.get("etag")).toBeNull();
	});
});

/** Spies on the sessions of every D1 database (the directory and each shard). */
const everySession = () => dataShards(env).map((s) => vi.spyOn(s.d1, "withSession"));

describe("reads through D1 sessions", () => {
	it("an answer that used D1 carries a bookmark; a read sent with it starts its session there", async () => {
		const { id, key } = await newClient("bookmarks");
		const created = await call("/api/webhook-endpoints/", {
			key,
			body: { url: "https://hooks.partner.example.com/b" },
		});
		expect(created.status).toBe(201);
		const bookmark = created.headers.get("consistency-bookmark") ?? "";
		expect(bookmark).toMatch(BOOKMARK_PATTERN);

		const sessions = vi.spyOn((await shardFor(id)).d1, "withSession");
		const read = await call("/api/webhook-endpoints/", { key, headers: { "consistency-bookmark": bookmark } });
		expect(read.status).toBe(200);
		// D1 gets its own bookmark, without our MAC.
		expect(sessions).toHaveBeenCalledExactlyOnceWith(bookmark.slice(0, bookmark.lastIndexOf(".")));
		expect((await json<{ data: unknown[] }>(read)).data).toHaveLength(1);
		expect(read.headers.get("consistency-bookmark")).toMatch(BOOKMARK_PATTERN);
	});

	it("a write starts at the primary; a read without a bookmark may start anywhere", async () => {
		const { id, key } = await newClient("session starts");
		const sessions = vi.spyOn((await shardFor(id)).d1, "withSession");
		await call("/api/webhook-endpoints/", { key, body: { url: "https://hooks.partner.example.com/p" } });
		expect(sessions).toHaveBeenLastCalledWith("first-primary");
		await call("/api/webhook-endpoints/", { key });
		expect(sessions).toHaveBeenLastCalledWith("first-unconstrained");
	});

	it("a read of one verification touches no D1 session (it reads the object) and carries no bookmark", async () => {
		const v = await runUntil((await submit(passport(0))).id, ["verified"]);
		const sessions = everySession();
		const res = await call(`/api/verifications/${v.id}/`);
		expect(res.status).toBe(200);
		for (const s of sessions) expect(s).not.toHaveBeenCalled();
		expect(res.headers.get("consistency-bookmark")).toBeNull();
	});

	it("a bookmark we never gave is a 400, before it reaches D1", async () => {
		const sessions = everySession();
		const res = await call("/api/verifications/", { headers: { "consistency-bookmark": "please-be-fresh" } });
		expect(res.status).toBe(400);
		expect(await json(res)).toMatchObject({ code: "bad_request", status: 400 });
		for (const s of sessions) expect(s).not.toHaveBeenCalled();
	});

	it("a forged bookmark that looks like ours is a 400 too, before it reaches D1", async () => {
		const { key } = await newClient("forged bookmarks");
		const created = await call("/api/webhook-endpoints/", {
			key,
			body: { url: "https://hooks.partner.example.com/f" },
		});
		const genuine = created.headers.get("consistency-bookmark") ?? "";
		const [position = "", mac = ""] = genuine.split(".");
		// A position far ahead of anything D1 reached (a replica would wait for it), with or without a MAC of its own.
		const ahead = position.replace(/^[0-9a-f]+/, (g) => "f".repeat(g.length));
		const forged = [
			ahead,
			`${ahead}.${mac}`,
			`${position}.${mac.slice(1)}A`,
			"00000000-0000000a-00000000-00000000000000000000000000000000",
		];
		const sessions = everySession();
		for (const value of forged) {
			const res = await call("/api/webhook-endpoints/", { key, headers: { "consistency-bookmark": value } });
			expect(res.status, value).toBe(400);
			expect(await json(res)).toMatchObject({ code: "bad_request" });
		}
		for (const s of sessions) expect(s).not.toHaveBeenCalled();
	});
});
