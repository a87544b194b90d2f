/**
 * How one requirement ended:
 * - `pass`: the run matched everything the requirement expects;
 * - `FAIL`: it did not, or the requirement file is invalid;
 * - `fail (optional)`: it did not, but the requirement is optional, so the run still passes;
 * - `not implemented`: there is no handler for it yet.
 */
export type OutcomeStatus = "pass" | "FAIL" | "fail (optional)" | "not implemented";

export interface RequirementOutcome {
  readonly id: string;
  readonly suite: string;
  readonly status: OutcomeStatus;
  /** The first mismatch, the reason it is not implemented, or empty when it passed. */
  readonly detail: string;
}
