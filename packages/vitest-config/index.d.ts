import type { ViteUserConfig } from "vitest/config";

/** The vitest settings every package and example shares. */
export declare const baseConfig: ViteUserConfig;
