import { createMiddleware } from "hono/factory";
import { DomainError } from "../../../errors";
import { type AppEnv, router } from "../../context";
import { advanceClockRoute } from "./advance";
import { triggerEventRoute } from "./trigger";

/** The helpers do not exist for a live key: the same 404 as any unknown route. */
const testModeOnly = createMiddleware<AppEnv>(async (c, next) => {
	if (c.var.account.livemode)
		throw new DomainError("not_found", "Test helpers exist only in test mode; use a kyc_test_ key.");
	await next();
});

/** `/api/test`: test-mode helpers (test clock, triggered events). */
export const testRouter = router();
testRouter.use("*", testModeOnly);
testRouter.route("/", advanceClockRoute).route("/", triggerEventRoute);
