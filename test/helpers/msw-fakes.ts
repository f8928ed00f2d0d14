import { delay, HttpResponse } from "msw";

/** What a loopback fake (scripts/fake-*.mjs) answers, as the result of an MSW handler. */
export type FakeResult = { kind: "respond"; response: Response } | { kind: "reset" } | { kind: "hang" };

/** A fake's answer through MSW: its response, a dropped connection, or one that never answers. */
export async function served(result: FakeResult): Promise<Response> {
	if (result.kind === "reset") return HttpResponse.error();
	if (result.kind === "hang") await delay("infinite");
	return result.kind === "respond" ? result.response : HttpResponse.error();
}
