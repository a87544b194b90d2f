// durable delete: takes a function away, with its versions and aliases. It prints what it will
// touch and changes nothing without --yes (or a "y" typed at a terminal).
import { DeleteFunctionCommand } from "@aws-sdk/client-lambda";
import { attempt } from "./aws-errors.mjs";
import { targetRows } from "./client.mjs";

/** @type {import("./args.mjs").CommandSpec} */
export const deleteCommand = {
  name: "delete",
  synopsis: "delete <function> --yes",
  summary: "delete a function with its versions and aliases",
  help: `Deletes a Lambda function with DeleteFunction, with all its versions and aliases.

  --yes  do it without asking (needed when not at a terminal)`,
  options: { yes: { type: "boolean", short: "y" } },
  args: ["function"],
  run: async ({ values, args, connect, log, plan, confirm }) => {
    const functionName = args.function;
    const { client, target } = await connect();
    plan("delete will change:", [
      ...targetRows(target),
      ["function", `${functionName} (delete, with all its versions and aliases)`],
    ]);
    await confirm(values.yes === true, `Delete function ${functionName}`);
    await attempt(
      target,
      `delete function ${functionName}`,
      { kind: "function", id: functionName },
      () => client.send(new DeleteFunctionCommand({ FunctionName: functionName })),
    );
    log(`deleted function ${functionName}`);
  },
};
