export type { LocalServer, LocalServerOptions } from "./http/server.js";
export { startLocalServer } from "./http/server.js";
export { LocalClock, SystemClock } from "./local-clock.js";
export type { LocalLambdaOptions } from "./local-lambda.js";
export { LocalLambda } from "./local-lambda.js";
