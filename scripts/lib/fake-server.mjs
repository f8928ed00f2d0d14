// @ts-check
// The node:http side of the loopback fake providers (scripts/fake-interswitch.mjs, scripts/fake-prembly.mjs): one
// adapter from a request to the fake's web-standard `handle`, shared by `npm run fake:*`, the bench and the browser
// tests. It can be taken down (connections refused, open ones dropped, hanging ones included) and brought back on
// the same port, as a provider's gateway going away and coming back.
import { createServer } from "node:http";

/**
 * @import { IncomingMessage, Server, ServerResponse } from "node:http"
 * @import { AddressInfo } from "node:net"
 */

/**
 * What a fake answers: a response, a dropped connection, or nothing at all (until the client gives up).
 * @typedef {{ kind: "respond", response: Response } | { kind: "reset" } | { kind: "hang" }} FakeResult
 *
 * The part of a fake the server drives: both fakes' `handle` take a Request.
 * @typedef {{ handle(request: Request): Promise<FakeResult>, snapshot(): { mode: string } }} Fake
 *
 * @typedef {object} FakeServerOptions
 * @property {string} name in log lines, e.g. "fake-prembly"
 * @property {number} [port] 0 (the default) lets the kernel pick a free one
 * @property {boolean} [log] one line per request on stdout (`npm run fake:*`); off for the bench and tests
 */

export class FakeServer {
	/**
	 * @param {Fake} fake
	 * @param {FakeServerOptions} options
	 */
	constructor(fake, { name, port = 0, log = false }) {
		this.fake = fake;
		this.name = name;
		this.port = port;
		this.log = log;
		/** @type {Server | undefined} */
		this.server = undefined;
	}

	/** `http://127.0.0.1:<port>`, once started. */
	get url() {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Whether it is accepting connections. */
	get up() {
		return this.server !== undefined;
	}

	/**
	 * Listens on 127.0.0.1: the first start picks the port (when 0), later ones reuse it.
	 * @returns {Promise<string>} the base URL
	 */
	start() {
		if (this.server) return Promise.resolve(this.url);
		const server = createServer((req, res) => void this.answer(req, res));
		this.server = server;
		return new Promise((resolve, reject) => {
			server.once("error", reject);
			server.listen(this.port, "127.0.0.1", () => {
				this.port = /** @type {AddressInfo} */ (server.address()).port; // a TCP listener: always an AddressInfo
				resolve(this.url);
			});
		});
	}

	/**
	 * Down hard: stops accepting and drops every open connection, hanging requests included, so callers see a
	 * refused or reset connection rather than a timeout.
	 * @returns {Promise<void>}
	 */
	stop() {
		const server = this.server;
		if (!server) return Promise.resolve();
		this.server = undefined;
		const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
		server.closeAllConnections();
		return closed.then(() => {});
	}

	/**
	 * @param {IncomingMessage} req
	 * @param {ServerResponse} res
	 */
	async answer(req, res) {
		/** @type {Buffer[]} */
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
		const headers = Object.entries(req.headers).flatMap(([name, value]) =>
			[value ?? []].flat().map((v) => /** @satisfies {[string, string]} */ ([name, v])),
		);
		const result = await this.fake.handle(new Request(`${this.url}${req.url}`, { method: req.method, headers, body }));
		if (this.log) {
			const outcome = result.kind === "respond" ? result.response.status : result.kind;
			console.log(`[${this.name}] ${req.method} ${req.url} -> ${outcome} (mode ${this.fake.snapshot().mode})`);
		}
		if (result.kind === "reset") return void req.socket.destroy();
		if (result.kind === "hang") return; // the socket stays open until the client gives up (or stop())
		res.writeHead(result.response.status, Object.fromEntries(result.response.headers));
		res.end(Buffer.from(await result.response.arrayBuffer()));
	}
}
