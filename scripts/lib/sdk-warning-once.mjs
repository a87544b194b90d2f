// Preloaded (node --import) by pnpm start, pnpm example and pnpm bench. Under Node 20 the AWS SDK
// warns that its releases after January 2027 need Node 22 (NodeVersionSupportWarning). Each copy
// of the SDK warns once, but every example bundle carries its own copy, so the local service
// printed the same warning again for every function it loaded. This lets the first one through,
// then sets the SDK's own switch for the rest of the process and the processes it starts. Other
// warnings are untouched, and a value you give AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED
// yourself is kept.
process.on("warning", (warning) => {
  if (warning.message.startsWith("NodeVersionSupportWarning:")) {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  }
});
