// The only platform APIs the client may use, declared by hand so that `tsc` refuses anything else (no Node
// built-ins, no DOM, no Workers-only extras). Every one exists on Workers, Node >= 20, Deno, Bun and browsers.
// Build-time only: the public types are the package's own (FetchLike, ResponseLike, AbortSignalLike in http.ts),
// except FetchInit.signal, which names the consumer's global AbortSignal so that their fetch accepts it.

interface AbortSignal {
	readonly aborted: boolean;
	readonly reason: unknown;
	addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
	removeEventListener(type: "abort", listener: () => void): void;
}

declare class AbortController {
	readonly signal: AbortSignal;
	abort(reason?: unknown): void;
}

interface HeadersInitLike {
	[name: string]: string;
}

interface RequestInit {
	method?: string;
	headers?: HeadersInitLike;
	body?: string;
	signal?: AbortSignal;
}

interface Headers {
	get(name: string): string | null;
	forEach(callback: (value: string, name: string) => void): void;
}

interface Response {
	readonly status: number;
	readonly headers: Headers;
	text(): Promise<string>;
}

declare function fetch(input: string, init?: RequestInit): Promise<Response>;

declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(id: unknown): void;

declare class TextEncoder {
	encode(input?: string): Uint8Array<ArrayBuffer>;
}

declare function atob(data: string): string;
declare function btoa(data: string): string;

declare class URLSearchParams {
	constructor(init?: string);
	append(name: string, value: string): void;
	toString(): string;
}

declare class DOMException extends Error {
	constructor(message?: string, name?: string);
}

interface CryptoKey {
	readonly type: string;
}

interface SubtleCrypto {
	importKey(
		format: "raw",
		keyData: Uint8Array<ArrayBuffer>,
		algorithm: { name: "HMAC"; hash: "SHA-256" },
		extractable: boolean,
		keyUsages: "sign"[],
	): Promise<CryptoKey>;
	sign(algorithm: "HMAC", key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

declare const crypto: {
	readonly subtle: SubtleCrypto;
	getRandomValues<T extends Uint8Array<ArrayBuffer>>(array: T): T;
	randomUUID?(): string;
};
