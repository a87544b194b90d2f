#!/usr/bin/env node
// durable: manages Lambda durable functions on AWS or on a Lambda-compatible endpoint: invoke,
// list, get, history, stop, callback succeed|fail|heartbeat, deploy and delete. The commands
// live in lib/durable/, one module per group; `durable --help` lists them.
import { isMain } from "./lib/cli.mjs";
import { main } from "./lib/durable/main.mjs";

export { main };

if (isMain(import.meta.url)) {
  // The SDK warns on every run under Node 20 that its releases after January 2027 will need
  // Node 22; the version pinned here supports Node 20, so the notice is noise. Setting the
  // variable yourself (to anything else) brings it back.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    stdin: process.stdin,
  });
}
