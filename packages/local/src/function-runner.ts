import { existsSync, realpathSync } from "node:fs";
import { join, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { ErrorObject } from "@aws-sdk/client-lambda";
import { checkHandler } from "./function-settings.js";
import type { ResolvedFunction } from "./function-store.js";

type Handler = (event: unknown, context: unknown) => unknown;

/** What a handler call ended with. */
export type HandlerOutcome =
  | { kind: "returned"; value: unknown }
  | { kind: "threw"; error: ErrorObject };

/**
 * Runs deployed handlers in this process, as the Lambda Node.js runtime would: it imports the
 * version's module once (`<file>.<export>` of the Handler setting, `.mjs`, `.js` or `.cjs`) and
 * calls the export with the event and a Lambda context.
 *
 * Decision: handlers run in the server's process, not in a worker or child process. Their
 * checkpoints go through `@aws-sdk/client-lambda` over HTTP to this server, which learns where
 * to send them from `AWS_ENDPOINT_URL_LAMBDA`; the server sets that (and dummy credentials and
 * region) in `process.env` while it runs. Modules are cached per server instance (`instance` in
 * the import URL), so a server restarted in the same process loads fresh copies whose clients
 * read the new endpoint.
 *
 * A call that runs past the version's `Timeout` ends as Lambda ends it, with a
 * `Sandbox.Timedout` error; the handler's promise is abandoned (its later checkpoints find their
 * token spent), as the server cannot stop code running in its own process.
 */
export class FunctionRunner {
  private readonly modules = new Map<string, Promise<Handler>>();

  constructor(
    private readonly codeDirOf: (fn: ResolvedFunction) => string,
    private readonly instance: string,
  ) {}

  /** Calls the handler of the function's version; never throws (a failure is an outcome). */
  async run(fn: ResolvedFunction, event: unknown, requestId: string): Promise<HandlerOutcome> {
    let handler: Handler;
    try {
      handler = await this.load(fn);
    } catch (error) {
      return { kind: "threw", error: errorObject(error, "Runtime.ImportModuleError") };
    }
    const deadline = Date.now() + fn.settings.timeout * 1000;
    const context = {
      awsRequestId: requestId,
      functionName: fn.record.name,
      functionVersion: fn.version,
      invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${fn.record.name}:${fn.version}`,
      memoryLimitInMB: String(fn.settings.memorySize),
      logGroupName: `/aws/lambda/${fn.record.name}`,
      logStreamName: `local/${fn.version}`,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<HandlerOutcome>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            kind: "threw",
            error: {
              ErrorType: "Sandbox.Timedout",
              ErrorMessage: `RequestId: ${requestId} Error: Task timed out after ${fn.settings.timeout.toFixed(2)} seconds`,
            },
          }),
        fn.settings.timeout * 1000,
      );
    });
    const ran = (async (): Promise<HandlerOutcome> => {
      try {
        return { kind: "returned", value: await handler(event, context) };
      } catch (error) {
        return { kind: "threw", error: errorObject(error, "Error") };
      }
    })();
    try {
      return await Promise.race([ran, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private load(fn: ResolvedFunction): Promise<Handler> {
    const key = `${fn.settings.code.id}/${fn.settings.handler}`;
    let loaded = this.modules.get(key);
    if (loaded === undefined) {
      loaded = this.importHandler(fn);
      this.modules.set(key, loaded);
      // A failed import is retried on the next invocation rather than cached.
      loaded.catch(() => this.modules.delete(key));
    }
    return loaded;
  }

  private async importHandler(fn: ResolvedFunction): Promise<Handler> {
    const handlerSetting = fn.settings.handler;
    const dot = handlerSetting.lastIndexOf(".");
    const file = handlerSetting.slice(0, dot);
    const exportName = handlerSetting.slice(dot + 1);
    // Checked again here: a state file written by an older server may hold any Handler. As an
    // import error, as Lambda reports a handler it cannot load.
    try {
      checkHandler(handlerSetting);
    } catch (error) {
      throw new Error((error as Error).message, { cause: error });
    }
    const dir = this.codeDirOf(fn);
    const path = [".mjs", ".js", ".cjs"]
      .map((extension) => join(dir, `${file}${extension}`))
      .find((candidate) => existsSync(candidate));
    if (path !== undefined && !realpathSync(path).startsWith(realpathSync(dir) + sep)) {
      throw new Error(
        `Handler "${handlerSetting}" of ${fn.record.name}:${fn.version} resolves outside its package; it is not run.`,
      );
    }
    if (path === undefined) {
      throw new Error(
        `Cannot find module '${file}' for handler "${handlerSetting}" of ${fn.record.name}:${fn.version}: the package has no ${file}.mjs, ${file}.js or ${file}.cjs at its root.`,
      );
    }
    const url = `${pathToFileURL(path).href}?instance=${this.instance}`;
    const module = (await import(url)) as Record<string, unknown>;
    const handler = module[exportName] ?? (module.default as Record<string, unknown>)?.[exportName];
    if (typeof handler !== "function") {
      throw new Error(
        `${file}.${exportName} is undefined or not exported: ${path} exports ${Object.keys(module).join(", ") || "nothing"}.`,
      );
    }
    return handler as Handler;
  }
}

/** Lambda's view of a thrown value: `errorType` from the name, `errorMessage` from the message. */
export function errorObject(error: unknown, fallbackType: string): ErrorObject {
  if (error instanceof Error) {
    return {
      ErrorType: error.name === "Error" && fallbackType !== "Error" ? fallbackType : error.name,
      ErrorMessage: error.message,
    };
  }
  return { ErrorType: fallbackType, ErrorMessage: String(error) };
}
