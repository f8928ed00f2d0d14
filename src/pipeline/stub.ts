import { DomainError } from "../errors";
import { isId } from "../ids";

/** The Durable Object of a verification id, or a 404 for anything that cannot be one of our ids. */
export function verificationStub(env: Env, id: string) {
	if (!isId("ver", id)) throw new DomainError("not_found", "No such verification.");
	return env.VERIFICATION.getByName(id);
}
