import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { type Client } from "./api";
import { type Mode } from "./session";

/** The signed-in session every view reads: the client for the pasted key, its mode, and sign-out. */
export interface Session {
	client: Client;
	mode: Mode;
	/** Ends the session; `reason` is shown on the sign-in page. */
	signOut: (reason?: string) => void;
	/** Sandbox verifications created in this tab, newest first (the test-mode page offers them). */
	recent: string[];
	remember: (id: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
	const session = useContext(SessionContext);
	if (!session) throw new Error("useSession outside a signed-in session");
	return session;
}
