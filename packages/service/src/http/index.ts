export type { LocalLambdaOptions } from "../local/local-lambda.js";
export { LocalLambda } from "../local/local-lambda.js";
export type { LocalServer, LocalServerOptions } from "./server.js";
export { startLocalServer } from "./server.js";
