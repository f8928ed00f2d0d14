// Types of the bench's @ts-check JavaScript modules that http.node.test.ts uses to run the worker (this project
// does not read JavaScript from TypeScript: no allowJs). The modules themselves are checked by typecheck:tools.

declare module "*/bench/lib/build.mjs" {
	export function bundleWorker(root: string, outDir: string, options?: { plain?: boolean }): Promise<string>;
}

declare module "*/bench/lib/runtime.mjs" {
	export interface RuntimeOptions {
		root: string;
		script: string;
		persistDir: string;
		logFile: string;
		vars?: Record<string, string>;
	}
	export class Runtime {
		constructor(opts: RuntimeOptions);
		start(options: { fresh: boolean }): Promise<string>;
		stop(): Promise<void>;
	}
}
