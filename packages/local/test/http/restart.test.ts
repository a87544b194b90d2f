import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  InvokeCommand,
  PublishVersionCommand,
} from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { startLocalServer } from "../../src/index.js";
import { clientFor, eventually, exampleZip, fixtureZip, tempDataDir } from "./helpers.js";

describe("the local Lambda service across a restart", () => {
  it("finishes an execution that was waiting when the server stopped", async () => {
    const dataDir = tempDataDir();
    const zip = await exampleZip("03-wait");

    const first = await startLocalServer({ port: 0, dataDir });
    const before = clientFor(first);
    let arn: string;
    try {
      await before.send(
        new CreateFunctionCommand({
          FunctionName: "trial",
          Role: "arn:aws:iam::123456789012:role/test",
          Code: { ZipFile: zip },
          DurableConfig: { ExecutionTimeout: 31_622_400 },
        }),
      );
      await before.send(new PublishVersionCommand({ FunctionName: "trial" }));
      await before.send(
        new CreateAliasCommand({ FunctionName: "trial", Name: "live", FunctionVersion: "1" }),
      );
      arn = (
        await before.send(
          new InvokeCommand({
            FunctionName: "trial",
            Qualifier: "live",
            InvocationType: "Event",
            Payload: Buffer.from('{"email":"ada@example.com","plan":"pro"}'),
          }),
        )
      ).DurableExecutionArn!;
      await eventually("the first wait", async () => {
        const { Events = [] } = await before.send(
          new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn }),
        );
        return Events.some((event) => event.EventType === "InvocationCompleted") ? true : undefined;
      });
    } finally {
      before.destroy();
      await first.close();
    }

    const second = await startLocalServer({ port: 0, dataDir, skipIdle: true });
    const after = clientFor(second);
    try {
      const done = await eventually("the execution to finish", async () => {
        const execution = await after.send(
          new GetDurableExecutionCommand({ DurableExecutionArn: arn }),
        );
        return execution.Status === "RUNNING" ? undefined : execution;
      });
      expect(done.Status).toBe("SUCCEEDED");
      expect(done.Version).toBe("1");
      expect(JSON.parse(done.Result!).sent).toEqual([
        "welcome-pro -> ada@example.com",
        "getting-started-tip -> ada@example.com",
        "trial-ends-tomorrow -> ada@example.com",
      ]);
    } finally {
      after.destroy();
      await second.close();
    }
  });

  it("fails an execution whose step was cut off by five restarts, saying what happened", async () => {
    const dataDir = tempDataDir();
    const zip = await fixtureZip("stuck-step");
    let arn = "";
    // Each start re-invokes the execution, which stops again in the step that never ends.
    for (let start = 1; start <= 5; start++) {
      const server = await startLocalServer({ port: 0, dataDir });
      const client = clientFor(server);
      try {
        if (start === 1) {
          await client.send(
            new CreateFunctionCommand({
              FunctionName: "stuck",
              Role: "arn:aws:iam::123456789012:role/test",
              Handler: "index.handler",
              Timeout: 900,
              Code: { ZipFile: zip },
              DurableConfig: { ExecutionTimeout: 3600 },
            }),
          );
          await client.send(new PublishVersionCommand({ FunctionName: "stuck" }));
          arn = (
            await client.send(
              new InvokeCommand({ FunctionName: "stuck:1", InvocationType: "Event" }),
            )
          ).DurableExecutionArn!;
        }
        await eventually(`invocation ${start} to be in the step`, async () => {
          const { Events = [] } = await client.send(
            new GetDurableExecutionHistoryCommand({ DurableExecutionArn: arn }),
          );
          const running = !server.lambda.service.runnableExecutions().includes(arn);
          return running && Events.some((event) => event.Name === "never-ends") ? true : undefined;
        });
      } finally {
        client.destroy();
        await server.close();
      }
    }

    const last = await startLocalServer({ port: 0, dataDir });
    const client = clientFor(last);
    try {
      const execution = await client.send(
        new GetDurableExecutionCommand({ DurableExecutionArn: arn }),
      );
      expect(execution.Status).toBe("FAILED");
      expect(execution.Error).toEqual({
        ErrorType: "Runtime.ExitError",
        ErrorMessage:
          "The service stopped while this invocation was running, and its function process ended with it. That was 5 failed invocations in a row, the most allowed, so the execution fails.",
      });
    } finally {
      client.destroy();
      await last.close();
    }
  });
});
