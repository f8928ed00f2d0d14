import { type PassportData } from "../../verification/types";
import { type Verdict } from "../adapter";
import { type Exchange, type FetchLike, post } from "../http";
import { compareRecord } from "../match";
import {
	badResponse,
	credentialsRejected,
	httpFault,
	notFound,
	requestRejected,
	retryLater,
	transportFault,
	walletEmpty,
} from "./verdicts";
import { parseReply, type Reply, requestBody, VERIFY_PATH } from "./wire";

export interface PremblyCredentials {
	apiKey: string;
	appId: string;
}

export interface ClientDeps {
	fetch: FetchLike;
	now: () => number;
}

/** One Prembly lookup: a single POST (no token), its reply mapped to a verdict. Never throws. */
export class PremblyClient {
	constructor(
		private readonly baseUrl: string,
		private readonly credentials: PremblyCredentials,
		private readonly deps: ClientDeps,
	) {}

	/** Looks the passport up and compares the registry record with `data`. */
	async verify(data: PassportData, signal: AbortSignal): Promise<Verdict> {
		const headers = {
			"x-api-key": this.credentials.apiKey,
			"app-id": this.credentials.appId,
			"content-type": "application/json",
			accept: "application/json",
		};
		const url = `${this.baseUrl.replace(/\/+$/, "")}${VERIFY_PATH}`;
		return this.interpret(await post(this.deps.fetch, url, headers, requestBody(data), signal), data);
	}

	/**
	 * Soft failures often come as HTTP 200, so a 2xx is read by its `response_code`. A 4xx carrying a known response
	 * code is read by that code too (it is the more specific); otherwise 401/403 are our credentials, 402 the wallet,
	 * 400/422 our request, and 429, 5xx and anything else the provider struggling.
	 */
	private interpret(answer: Exchange, data: PassportData): Verdict {
		if (answer.kind !== "response") return transportFault(answer.kind);
		const { status, text } = answer;
		if (answer.oversized) return badResponse(status, "oversized", null);
		const reply = parseReply(text, data.passport_number);
		if (status >= 200 && status <= 299) return this.decide(status, reply, data);
		if (status >= 400 && status <= 499 && reply.kind !== "unreadable" && reply.kind !== "found")
			return this.decide(status, reply, data);
		if (status === 401 || status === 403) return credentialsRejected(status);
		if (status === 402) return walletEmpty(status, null);
		if (status === 400 || status === 422)
			return requestRejected(status, reply.kind === "unreadable" ? reply.code : null);
		return httpFault(status, answer.headers, this.deps.now());
	}

	private decide(status: number, reply: Reply, data: PassportData): Verdict {
		switch (reply.kind) {
			case "found": {
				const outcome = compareRecord(reply.record, data);
				if (reply.reference !== null) {
					// Only the reference is kept (for support cases with Prembly); the record itself is dropped here.
					outcome.memo = { prembly_reference: reply.reference };
					if (outcome.kind === "verified") outcome.reference = reply.reference;
				}
				return { outcome, health: "success", detail: { status, response_code: "00", reference: reply.reference } };
			}
			case "not_found":
				return notFound(status, reply.reference);
			case "retry_later":
				return retryLater(status, reply.reference);
			case "wallet_empty":
				return walletEmpty(status, reply.reference);
			case "unreadable":
				return badResponse(status, reply.reason, reply.code);
		}
	}
}
