import { OpenAPIHono } from "@hono/zod-openapi";
import { type Config } from "../config";
import { type Db } from "../db/client";
import { type Account } from "../tenancy";
import { validationHook } from "./validation";

export interface AppEnv {
	Bindings: Env;
	Variables: {
		requestId: string;
		config: Config;
		db: Db;
		/** Set by the API-key middleware on `/api` routes. */
		clientId: string;
		/** The API key used, for per-key rate limiting. */
		apiKeyId: string;
		/** The key's mode: test (false) or live (true). Every read and write is scoped to it. */
		livemode: boolean;
	};
}

/** Every router is built the same way: our env, our zod failure hook, trailing slash optional. */
/** The account (client and mode) a `/api` request acts for. */
export const accountOf = (c: { get(key: "clientId"): string; get(key: "livemode"): boolean }): Account => ({
	clientId: c.get("clientId"),
	livemode: c.get("livemode"),
});

export const router = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook, strict: false });
