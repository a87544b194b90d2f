export type { DurableExampleFunctionProps } from "./durable-example-function.js";
export { DURABLE_EXECUTION_POLICY, DurableExampleFunction } from "./durable-example-function.js";
export { DurableExampleDeployError } from "./errors.js";
export type { BundleOptions } from "./example-app.js";
export { addExampleStack, listExamples } from "./example-app.js";
export type { DurableExampleStackProps } from "./example-stack.js";
export { DurableExampleStack } from "./example-stack.js";
