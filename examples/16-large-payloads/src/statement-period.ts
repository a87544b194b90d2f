import { createClassSerdesWithDates } from "@durable-examples/runtime";

/** The month a statement covers: a class, with `Date` fields and a method. */
export class StatementPeriod {
  start = new Date(0);
  end = new Date(0);

  static forMonth(month: string): StatementPeriod {
    const period = new StatementPeriod();
    period.start = new Date(`${month}-01T00:00:00Z`);
    period.end = new Date(period.start);
    period.end.setUTCMonth(period.end.getUTCMonth() + 1);
    return period;
  }

  label(): string {
    return this.start.toLocaleDateString("en-GB", {
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
  }
}

/** Reads a checkpointed period back as a `StatementPeriod`, its dates as `Date`s. */
export const periodSerdes = createClassSerdesWithDates(StatementPeriod, ["start", "end"]);
