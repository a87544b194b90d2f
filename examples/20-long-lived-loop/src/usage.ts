/**
 * Stands in for a metering service: the units a subscription used on a day of the year. The
 * numbers are made up but fixed, so a test knows the year's total.
 */
export class UsageService {
  /** Every (subscription, day) read, in order: how a test sees a day metered twice. */
  readonly reads: string[] = [];

  async unitsOn(subscriptionId: string, day: number): Promise<number> {
    this.reads.push(`${subscriptionId}/${day}`);
    return 100 + ((day * 37) % 50);
  }
}

/** The service the handlers call; a test replaces it with a fresh one. */
export let usage = new UsageService();

export function useUsage(service: UsageService): void {
  usage = service;
}
