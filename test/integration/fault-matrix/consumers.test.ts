// Fault matrix (test/helpers/fault-matrix.ts): the provider call, a delivery after its POST, a catch-up release after its sends.
import { faultMatrix } from "../../helpers/fault-matrix";

faultMatrix("consumers");
