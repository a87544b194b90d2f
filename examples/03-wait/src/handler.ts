import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export interface TrialSignup {
  email: string;
  plan: string;
}

export interface TrialSummary {
  email: string;
  sent: string[];
}

/** Stands in for an email service; a real one would be called inside the same steps. */
function sendEmail(email: string, template: string): string {
  return `${template} -> ${email}`;
}

/**
 * A 14-day trial: a welcome email now, a tip after 3 days, and a reminder a day before the trial
 * ends. Each wait ends the invocation; the service invokes the function again when the time is
 * up, and nothing is billed in between.
 */
export const handler = withDurableExecution(
  async (event: TrialSignup, context: DurableContext): Promise<TrialSummary> => {
    const sent: string[] = [];
    sent.push(
      await context.step("send-welcome", () => sendEmail(event.email, `welcome-${event.plan}`)),
    );

    await context.wait("until-day-3", { days: 3 });
    sent.push(await context.step("send-tip", () => sendEmail(event.email, "getting-started-tip")));

    await context.wait("until-day-13", { days: 10 });
    sent.push(
      await context.step("send-reminder", () => sendEmail(event.email, "trial-ends-tomorrow")),
    );

    return { email: event.email, sent };
  },
);
