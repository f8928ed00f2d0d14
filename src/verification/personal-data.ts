import { PiiDecryptError, piiCipher } from "../crypto/pii";
import { log } from "../log";
import { type PassportData } from "./types";

/** What the duplicate guard's blind index is a keyed hash of: the client and the person the provider looks up. */
export const personFingerprint = (clientId: string, data: PassportData) =>
	["person", clientId, data.passport_number, data.date_of_birth, data.last_name.toUpperCase()].join("|");

/**
 * The verification's personal data at rest: sealed with the current key (the verification id as associated data),
 * opened with any configured key. A value that cannot be opened is logged and read as absent, never thrown.
 */
export class PersonalData {
	constructor(private readonly keys: string[]) {}

	get configured(): boolean {
		return this.keys.length > 0;
	}

	seal(data: PassportData, verificationId: string): Promise<string> {
		return piiCipher(this.keys).encrypt(JSON.stringify(data), verificationId);
	}

	/** The id of the key `seal` uses now. */
	currentKeyId(): Promise<string> {
		return piiCipher(this.keys).currentKeyId();
	}

	/** The duplicate guard's blind index of this person, under the current key. */
	blindIndex(clientId: string, data: PassportData): Promise<string> {
		return piiCipher(this.keys).blindIndex(personFingerprint(clientId, data));
	}

	/** The same under every configured key, current first (what a claim made before a key rotation was made under). */
	blindIndexes(clientId: string, data: PassportData): Promise<string[]> {
		return piiCipher(this.keys).blindIndexes(personFingerprint(clientId, data));
	}

	async open(envelope: string, verificationId: string): Promise<PassportData | null> {
		try {
			return JSON.parse(await piiCipher(this.keys).decrypt(envelope, verificationId)) as PassportData;
		} catch (e) {
			if (!(e instanceof PiiDecryptError)) throw e;
			log("error", "pii.decrypt_failed", { verification_id: verificationId, reason: e.message });
			return null;
		}
	}
}
