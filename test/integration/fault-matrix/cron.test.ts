// Fault matrix (test/helpers/fault-matrix.ts): each cron job, after its scan, while the loss it exists for is pending.
import { faultMatrix } from "../../helpers/fault-matrix";

faultMatrix("cron");
