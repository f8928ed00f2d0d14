import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runUntil } from "../helpers/alarms";
import { call, passport, submit } from "../helpers/api";
import { d1Dump, verificationStorageDump } from "../helpers/inspect";
import { passDeadline } from "../helpers/scenarios";

const FINAL: Record<number, string[]> = {
	0: ["verified"],
	1: ["failed"],
	2: ["requires_action"],
	3: ["verified"],
	4: ["failed"],
	5: ["processing"],
	6: ["verified"],
	7: ["verified"],
	8: ["verified"],
	9: ["verified"],
};

let captured: string[] = [];

beforeEach(() => {
	captured = [];
	for (const method of ["log", "info", "warn", "error", "debug"] as const) {
		vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			captured.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
		});
	}
});

afterEach(() => {
	vi.restoreAllMocks();
});

/** Every string a partner submitted that counts as personal data, in the forms it could leak in. */
function secretsOf(body: ReturnType<typeof passport> & { first_name: string }): string[] {
	return [
		body.passport_number,
		body.last_name,
		body.first_name,
		body.date_of_birth,
		body.date_of_birth.replaceAll("-", ""),
	];
}

describe("no personal data in logs or at rest", () => {
	it("a full run of every sandbox outcome leaves no submitted value in logs, D1 or Durable Object storage", async () => {
		const secrets: string[] = [];
		const ids: string[] = [];
		for (const digit of Object.keys(FINAL).map(Number)) {
			const body = {
				...passport(digit, {
					last_name: `Zyxwarbl${"abcdefghij"[digit]}`,
					date_of_birth: `1971-0${(digit % 9) + 1}-2${digit}`,
				}),
				first_name: `Quorvi${"abcdefghij"[digit]}`,
			};
			secrets.push(...secretsOf(body));
			const v = await submit({ ...body, reference: `ref-${digit}` });
			ids.push(v.id);
			await runUntil(v.id, FINAL[digit] ?? []);
			if (digit === 2) {
				await call(`/api/verifications/${v.id}/retry/`, { body: { date_of_birth: "1971-12-31" } });
				await runUntil(v.id, ["verified"]);
			}
			if (digit === 4) {
				await call(`/api/verifications/${v.id}/retry/`, { method: "POST" });
				await runUntil(v.id, ["verified"]);
			}
			if (digit === 5) {
				await passDeadline(v.id);
				await runUntil(v.id, ["expired"]);
			}
		}
		// A validation failure must not echo the value either.
		await call("/api/verifications/", { body: { ...passport(0), last_name: "Bad9Name", date_of_birth: "2999-01-01" } });
		secrets.push("Bad9Name", "2999-01-01");

		expect(captured.length).toBeGreaterThan(10);
		const logs = captured.join("\n");
		for (const s of secrets) expect(logs, `log leaks ${s}`).not.toContain(s);

		const d1 = await d1Dump();
		expect(d1).toContain(ids[0]);
		for (const s of secrets.slice(0, -2)) expect(d1, `D1 holds ${s}`).not.toContain(s);

		for (const id of ids) {
			const doDump = await verificationStorageDump(id);
			expect(doDump).toContain(id);
			for (const s of secrets) expect(doDump, `Durable Object ${id} holds ${s}`).not.toContain(s);
		}
	});
});
