// Fault matrix (test/helpers/fault-matrix.ts): the provider call, fan-out after its rows, a delivery after its POST.
import { faultMatrix } from "../../helpers/fault-matrix";

faultMatrix("consumers");
