import { router } from "../../context";
import { createVerification } from "./create";
import { verificationEventsRoute } from "./events";
import { getVerification } from "./get";
import { listVerificationsRoute } from "./list";
import { redactVerification } from "./redact";
import { retryVerification } from "./retry";

export const verificationsRouter = router()
	.route("/", createVerification)
	.route("/", listVerificationsRoute)
	.route("/", getVerification)
	.route("/", retryVerification)
	.route("/", verificationEventsRoute)
	.route("/", redactVerification);
