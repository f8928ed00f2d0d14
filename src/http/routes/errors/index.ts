import { router } from "../../context";
import { getErrorRoute } from "./get";
import { listErrorsRoute } from "./list";

/** The error catalogue (src/http/error-catalogue): public, the target of every problem's `type`. */
export const errorsRouter = router().route("/", listErrorsRoute).route("/", getErrorRoute);
