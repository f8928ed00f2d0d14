import { beforeAll } from "vitest";
import { newClient, useDefaultKey } from "../helpers/api";

// Every file in this project calls the API as a live-mode client, so verifications go to Interswitch.
beforeAll(async () => {
	useDefaultKey((await newClient("Interswitch live client", "live")).key);
});
