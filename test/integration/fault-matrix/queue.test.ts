// Fault matrix (test/helpers/fault-matrix.ts): the events are on the queue, the outbox row not yet marked.
import { faultMatrix } from "../../helpers/fault-matrix";

faultMatrix("queue");
