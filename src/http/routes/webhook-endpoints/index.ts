import { router } from "../../context";
import { createEndpointRoute } from "./create";
import { deleteEndpointRoute } from "./delete";
import { listDeliveriesRoute } from "./deliveries";
import { disableEndpointRoute, enableEndpointRoute } from "./enable";
import { getEndpointRoute } from "./get";
import { listEndpointsRoute } from "./list";
import { recoverRoute } from "./recover";
import { resendDeliveryRoute } from "./resend";
import { rotateSecretRoute } from "./rotate-secret";
import { testEndpointRoute } from "./test";
import { updateEndpointRoute } from "./update";

/** `/api/webhook-endpoints`: manage endpoints, their secrets, and their delivery log. */
export const webhookEndpointsRouter = router()
	.route("/", createEndpointRoute)
	.route("/", listEndpointsRoute)
	.route("/", getEndpointRoute)
	.route("/", updateEndpointRoute)
	.route("/", deleteEndpointRoute)
	.route("/", enableEndpointRoute)
	.route("/", disableEndpointRoute)
	.route("/", rotateSecretRoute)
	.route("/", testEndpointRoute)
	.route("/", listDeliveriesRoute)
	.route("/", recoverRoute)
	.route("/", resendDeliveryRoute);
