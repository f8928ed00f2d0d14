import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const SRC = join(import.meta.dirname, "../../src");

/** Every .ts file under `dir` as [path relative to src/, text]. */
export function sources(dir = SRC): [string, string][] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e): [string, string][] =>
		e.isDirectory()
			? sources(join(dir, e.name))
			: e.name.endsWith(".ts")
				? [[join(dir, e.name).slice(SRC.length + 1), readFileSync(join(dir, e.name), "utf8")]]
				: [],
	);
}

/** The first capture group of every match of each pattern in `text`. */
export const captured = (text: string, patterns: RegExp[]): string[] =>
	patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1] as string));
