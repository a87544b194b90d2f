export { baseConfig as default } from "@durable-examples/vitest-config";
