// Fault matrix (test/helpers/fault-matrix.ts): the Durable Object dies (or throws) right after committing a change, or a cancel.
import { faultMatrix } from "../../helpers/fault-matrix";

faultMatrix("commit");
