import { type Config } from "../../config";
import { type PassportData } from "../../verification/types";
import { type Verdict } from "../adapter";
import { type Exchange, type FetchLike, post } from "../http";
import { compareRecord } from "../match";
import { TokenCache, type TokenFetch, tokenCacheFor } from "./token-cache";
import { badResponse, credentialsRejected, httpFault, notFound, transportFault } from "./verdicts";
import { LOOKUP_PATH, lookupBody, parseLookupSuccess, parseToken, TOKEN_FORM } from "./wire";

export interface ClientDeps {
	fetch: FetchLike;
	now: () => number;
}

type Credentials = { clientId: string; clientSecret: string };

/**
 * The Interswitch conversation for one lookup: token (cached), lookup, and on a 401 one token refresh and
 * one retry. Returns a verdict, never throws.
 */
export class InterswitchClient {
	private readonly tokens: TokenCache;

	constructor(
		private readonly config: Config,
		private readonly credentials: Credentials,
		private readonly deps: ClientDeps,
	) {
		const { authUrl } = config.interswitch;
		const key = `${authUrl}\n${credentials.clientId}\n${credentials.clientSecret}`;
		this.tokens = tokenCacheFor(key, () => new TokenCache((signal) => this.requestToken(signal), deps.now));
	}

	/** Looks the passport up and compares the registry record with `data`. */
	async verify(data: PassportData, signal: AbortSignal): Promise<Verdict> {
		const first = await this.tokens.get(signal);
		if (!first.ok) return first.verdict;
		const answer = await this.lookup(first.token, data, signal);
		if (!isUnauthorized(answer)) return this.interpret(answer, data);
		// The token expired early or was revoked: one fresh token, one more try.
		this.tokens.invalidate(first.token);
		const second = await this.tokens.get(signal);
		if (!second.ok) return second.verdict;
		const retried = await this.lookup(second.token, data, signal);
		if (isUnauthorized(retried))
			return credentialsRejected("lookup", 401, retried.kind === "response" ? retried.text : "");
		return this.interpret(retried, data);
	}

	private lookup(token: string, data: PassportData, signal: AbortSignal): Promise<Exchange> {
		const headers = {
			authorization: `Bearer ${token}`,
			"content-type": "application/json",
			accept: "application/json",
		};
		const url = `${this.config.interswitch.baseUrl.replace(/\/+$/, "")}${LOOKUP_PATH}`;
		return post(this.deps.fetch, url, headers, lookupBody(data, this.config.interswitch.dateFormat), signal);
	}

	private interpret(answer: Exchange, data: PassportData): Verdict {
		if (answer.kind !== "response") return transportFault(answer.kind, "lookup");
		const { status, text } = answer;
		if (status === 404) return notFound(text);
		if (status < 200 || status > 299) return httpFault("lookup", status, answer.headers, text, this.deps.now());
		const body = parseLookupSuccess(text);
		if (!body.ok) return badResponse("lookup", body.reason);
		const outcome = compareRecord(body.record, data);
		if (body.reference !== null) {
			// Only the reference id is kept (for support cases with Interswitch); the record itself is dropped here.
			outcome.memo = { interswitch_reference: body.reference };
			if (outcome.kind === "verified") outcome.reference = body.reference;
		}
		return { outcome, health: "success", detail: { endpoint: "lookup", status, log_id: body.reference } };
	}

	/**
	 * One client-credentials token request. It has its own deadline because callers share it; `cancel` aborts
	 * it when every one of them gave up.
	 */
	private async requestToken(cancel: AbortSignal): Promise<TokenFetch> {
		const { clientId, clientSecret } = this.credentials;
		const headers = {
			authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
			"content-type": "application/x-www-form-urlencoded",
			accept: "application/json",
		};
		const signal = AbortSignal.any([cancel, AbortSignal.timeout(this.config.providerTimeoutMs)]);
		const answer = await post(this.deps.fetch, this.config.interswitch.authUrl, headers, TOKEN_FORM, signal);
		if (answer.kind !== "response") return { ok: false, verdict: transportFault(answer.kind, "token") };
		if (answer.status < 200 || answer.status > 299) {
			return { ok: false, verdict: httpFault("token", answer.status, answer.headers, answer.text, this.deps.now()) };
		}
		const token = parseToken(answer.text);
		return token ? { ok: true, token } : { ok: false, verdict: badResponse("token", "missing_fields") };
	}
}

const isUnauthorized = (answer: Exchange): boolean => answer.kind === "response" && answer.status === 401;
