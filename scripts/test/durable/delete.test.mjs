import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../durable.mjs";
import { FUNCTION_ARN, lambdaRoutes } from "./helpers/fake-functions.mjs";
import { runDurable, startFakeLambda } from "./helpers/fake-lambda.mjs";

describe("durable delete", () => {
  let fake;
  const run = (argv, io) => runDurable(main, [...argv, "--endpoint", fake.url], io);
  afterEach(async () => {
    expect(fake.unhandled).toEqual([]);
    await fake.close();
  });

  it("deletes the function after --yes, saying first what it deletes", async () => {
    fake = await startFakeLambda(lambdaRoutes({ exists: true }));

    const { code, stderr } = await run(["delete", "greeter", "--yes"]);

    expect(code).toBe(0);
    expect(fake.calls()).toEqual(["DELETE /2015-03-31/functions/greeter"]);
    expect(stderr).toBe(
      [
        "[durable] delete will change:",
        "[durable]   region    us-east-1",
        `[durable]   endpoint  ${fake.url} (local)`,
        "[durable]   function  greeter (delete, with all its versions and aliases)",
        "[durable] deleted function greeter",
        "",
      ].join("\n"),
    );
  });

  it("deletes nothing without --yes", async () => {
    fake = await startFakeLambda(lambdaRoutes({ exists: true }));

    const { code } = await run(["delete", "greeter"]);

    expect(code).toBe(2);
    expect(fake.requests).toEqual([]);
  });

  it("names the function when there is no such function", async () => {
    fake = await startFakeLambda(lambdaRoutes());

    const { code, stderr } = await run(["delete", "greeter", "--yes"]);

    expect(code).toBe(1);
    expect(stderr).toContain(
      `[durable] Failed to delete function greeter: no function named "greeter" in us-east-1 at ${fake.url} (ResourceNotFoundException: Function not found: ${FUNCTION_ARN}).`,
    );
  });
});
