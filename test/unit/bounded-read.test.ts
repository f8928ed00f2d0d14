import { describe, expect, it } from "vitest";
import { MAX_RESPONSE_BYTES, post, readBounded } from "../../src/providers/http";
import { countedStream } from "../helpers/streams";

describe("provider responses are read with a size bound", () => {
	it("a body under the bound is read whole", async () => {
		expect(await readBounded(new Response('{"ok":true}'), 1024)).toBe('{"ok":true}');
	});

	it("a streamed body past the bound stops being read (no Content-Length to trust)", async () => {
		const { body, pulled } = countedStream(50 * 1024 * 1024);
		expect(await readBounded(new Response(body), MAX_RESPONSE_BYTES)).toBeNull();
		expect(pulled.bytes).toBeLessThan(MAX_RESPONSE_BYTES + 64 * 1024);
	});

	it("a declared Content-Length past the bound is refused without reading", async () => {
		const res = new Response("x", { headers: { "content-length": String(MAX_RESPONSE_BYTES + 1) } });
		expect(await readBounded(res, MAX_RESPONSE_BYTES)).toBeNull();
	});

	it("post() reports an oversized answer as such (the adapter maps it to a bad response)", async () => {
		const { body } = countedStream(10 * 1024 * 1024);
		const exchange = await post(
			async () => new Response(body, { status: 200 }),
			"https://isw.test/x",
			{},
			"{}",
			new AbortController().signal,
		);
		expect(exchange).toMatchObject({ kind: "response", status: 200, text: "", oversized: true });
	});
});
