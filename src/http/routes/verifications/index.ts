import { router } from "../../context";
import { cancelVerification } from "./cancel";
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
	.route("/", cancelVerification)
	.route("/", verificationEventsRoute)
	.route("/", redactVerification);
