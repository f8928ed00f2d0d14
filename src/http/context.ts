import { OpenAPIHono } from "@hono/zod-openapi";
import { type Config } from "../config";
import { type Db, type DbSession } from "../db/client";
import { type Account } from "../tenancy";
import { validationHook } from "./validation";

export interface AppEnv {
	Bindings: Env;
	Variables: {
		requestId: string;
		config: Config;
		/** The request's D1 client, reading through `dbSession`. */
		db: Db;
		dbSession: DbSession;
		/**
		 * The database `db` reads: the directory (`DB`) for operator and public routes, the client's shard for `/api`
		 * (src/db/shards.ts).
		 */
		dbName: string;
		/**
		 * Who a `/api` request acts for (client and mode), set once by the API-key middleware. Every read and write is
		 * scoped to it.
		 */
		account: Account;
		/** The API key used, for per-key rate limiting. */
		apiKeyId: string;
	};
}

/** Every router is built the same way: our env, our zod failure hook, trailing slash optional. */
export const router = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook, strict: false });
