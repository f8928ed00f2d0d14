import { router } from "../../context";
import { createClientRoute } from "./create-client";
import { issueKeyRoute } from "./issue-key";
import { listKeysRoute } from "./list-keys";
import { moveClientRoute } from "./move-client";
import { revokeKeyRoute } from "./revoke-key";

export const clientsRouter = router()
	.route("/", createClientRoute)
	.route("/", issueKeyRoute)
	.route("/", listKeysRoute)
	.route("/", revokeKeyRoute)
	.route("/", moveClientRoute);
