import { describe, expect, it } from "vitest";
import { breakdownBundle, formatBreakdown, formatBytes } from "../lib/bundle-breakdown.mjs";

/** @param {Record<string, number>} inputs bytesInOutput by input path */
function metafileWith(inputs) {
  const entries = Object.entries(inputs).map(([path, bytesInOutput]) => [path, { bytesInOutput }]);
  return {
    inputs: {},
    outputs: {
      "dist/index.mjs": { inputs: Object.fromEntries(entries), imports: [], exports: ["handler"] },
    },
  };
}

describe("breakdownBundle", () => {
  it("groups inputs into handler, runtime, AWS SDK, other packages and esbuild glue", () => {
    const metafile = metafileWith({
      "src/handler.ts": 300,
      "src/helpers/format.ts": 50,
      "../../packages/runtime/dist/index.js": 1000,
      "../../packages/runtime/dist/operations/step.js": 500,
      "../../node_modules/.pnpm/@aws-sdk+client-lambda@3.1162.0/node_modules/@aws-sdk/client-lambda/dist-es/index.js": 4000,
      "../../node_modules/.pnpm/@smithy+core@3.0.0/node_modules/@smithy/core/dist-es/index.js": 2000,
      "../../node_modules/.pnpm/@aws-crypto+crc32@5.2.0/node_modules/@aws-crypto/crc32/build/module/index.js": 100,
      "../../node_modules/.pnpm/tslib@2.8.1/node_modules/tslib/tslib.es6.mjs": 70,
      "../../packages/service/dist/index.js": 30,
    });

    expect(breakdownBundle(metafile, "dist/index.mjs", 8200)).toEqual({
      handler: 350,
      runtime: 1500,
      awsSdk: 6100,
      otherPackages: 100,
      glue: 150,
    });
  });

  it("counts an input under node_modules by its package, even inside packages/runtime", () => {
    const metafile = metafileWith({
      "../../packages/runtime/node_modules/@aws-sdk/client-lambda/dist-es/index.js": 900,
    });

    expect(breakdownBundle(metafile, "dist/index.mjs", 900)).toMatchObject({
      runtime: 0,
      awsSdk: 900,
    });
  });

  it("names the outputs it has when asked for one it does not", () => {
    expect(() => breakdownBundle(metafileWith({}), "out/main.js", 0)).toThrow(
      'esbuild metafile has no output "out/main.js"; it has: dist/index.mjs.',
    );
  });
});

describe("formatBytes", () => {
  it("shows bytes below 1 KB, then KB and MB with one decimal", () => {
    expect(formatBytes(812)).toBe("812 B");
    expect(formatBytes(126_362)).toBe("123.4 KB");
    expect(formatBytes(3 * 1024 * 1024 + 104_858)).toBe("3.1 MB");
  });
});

describe("formatBreakdown", () => {
  it("lists every group in one line", () => {
    const line = formatBreakdown({
      handler: 349,
      runtime: 19_251,
      awsSdk: 414_413,
      otherPackages: 0,
      glue: 331,
    });

    expect(line).toBe(
      "handler 349 B, runtime 18.8 KB, @aws-sdk 404.7 KB, other packages 0 B, esbuild glue 331 B",
    );
  });
});
