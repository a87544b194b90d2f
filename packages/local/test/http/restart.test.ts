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
import { clientFor, eventually, exampleZip, tempDataDir } from "./helpers.js";

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
});
