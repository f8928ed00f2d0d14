import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { isUnauthorized } from "./api";
import { useSession } from "./session-context";

export interface Resource<T> {
	data: T | undefined;
	error: unknown;
	loading: boolean;
	/** When `data` was last loaded. */
	updatedAt: Date | null;
	reload: () => void;
}

/**
 * Loads `load()` whenever `key` changes and, with `pollMs`, again every `pollMs` while the tab is visible (one
 * request at a time). Earlier data stays on screen while the next load runs; a 401 ends the session.
 */
export function useResource<T>(load: () => Promise<T>, key: string, pollMs = 0): Resource<T> {
	const { signOut } = useSession();
	const [state, setState] = useState<Omit<Resource<T>, "reload"> & { key: string }>({
		key,
		data: undefined,
		error: undefined,
		loading: true,
		updatedAt: null,
	});
	const [generation, setGeneration] = useState(0);
	const latest = useRef(load);
	latest.current = load;

	useEffect(() => {
		let alive = true;
		let first = true;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const run = async () => {
			if (first || document.visibilityState !== "hidden") {
				first = false;
				setState((s) => ({ ...s, loading: true }));
				try {
					const data = await latest.current();
					if (alive) setState({ key, data, error: undefined, loading: false, updatedAt: new Date() });
				} catch (error) {
					if (!alive) return;
					if (isUnauthorized(error)) return signOut("The API no longer accepts this key (401). Sign in again.");
					setState((s) => ({ ...s, key, error, loading: false }));
				}
			}
			if (alive && pollMs > 0) timer = setTimeout(run, pollMs);
		};
		void run();
		return () => {
			alive = false;
			clearTimeout(timer);
		};
	}, [key, pollMs, generation, signOut]);

	const reload = useCallback(() => setGeneration((g) => g + 1), []);
	// Data loaded for another key (the previous filter or id) is never shown as this one's.
	const current = state.key === key;
	return {
		data: current ? state.data : undefined,
		error: current ? state.error : undefined,
		loading: state.loading || !current,
		updatedAt: current ? state.updatedAt : null,
		reload,
	};
}

export interface Action<A extends unknown[], T> {
	run: (...args: A) => Promise<T | undefined>;
	busy: boolean;
	error: unknown;
	result: T | undefined;
	reset: () => void;
}

/** A user-triggered call (a button, a form): busy while running, its result or error kept for display. */
export function useAction<A extends unknown[], T>(call: (...args: A) => Promise<T>): Action<A, T> {
	const { signOut } = useSession();
	const [state, setState] = useState<{ busy: boolean; error: unknown; result: T | undefined }>({
		busy: false,
		error: undefined,
		result: undefined,
	});
	const latest = useRef(call);
	latest.current = call;
	const run = useCallback(
		async (...args: A) => {
			setState({ busy: true, error: undefined, result: undefined });
			try {
				const result = await latest.current(...args);
				setState({ busy: false, error: undefined, result });
				return result;
			} catch (error) {
				if (isUnauthorized(error)) signOut("The API no longer accepts this key (401). Sign in again.");
				else setState({ busy: false, error, result: undefined });
				return undefined;
			}
		},
		[signOut],
	);
	const reset = useCallback(() => setState({ busy: false, error: undefined, result: undefined }), []);
	return { ...state, run, reset };
}
