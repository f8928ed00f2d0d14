// Fault matrix (test/helpers/fault-matrix.ts): the projection landed in D1, its outbox row not yet marked.
import { faultMatrix } from "../../helpers/fault-matrix";

faultMatrix("projection");
