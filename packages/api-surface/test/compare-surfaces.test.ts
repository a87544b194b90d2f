import { describe, expect, it } from "vitest";
import { compareSurfaces } from "../src/compare-surfaces.js";
import { writeSurfaces } from "./helpers.js";

const context = `
export interface Config<T> { retries?: number; serdes?: (value: T) => string }
export interface Context { step<T>(name: string, fn: () => Promise<T>, config?: Config<T>): Promise<T>; readonly id: string }
export declare function run(handler: (context: Context) => Promise<void>): () => Promise<void>;
export declare enum Mode { Fast = "FAST", Safe = "SAFE" }
export declare class FailedError extends Error { readonly errorType = "FailedError"; constructor(message?: string, cause?: Error) }
`;

describe("compareSurfaces", () => {
  it("finds nothing when both packages declare the same surface", () => {
    expect(compareSurfaces(writeSurfaces(context, context))).toEqual([]);
  });

  it("reports an export the official SDK has and ours lacks", () => {
    const ours = context.replace(/export declare function run[^\n]*\n/, "");
    expect(compareSurfaces(writeSurfaces(context, ours))).toEqual([
      { name: "run", problem: "missing: the official SDK exports it, ours does not." },
    ]);
  });

  it("names the member of an interface that differs, and each export it changes", () => {
    const ours = context.replace("readonly id: string", "readonly id: number");
    const differences = compareSurfaces(writeSurfaces(context, ours));
    expect(differences.map((d) => d.name)).toEqual(["Context.id", "run"]);
    expect(differences[0]?.problem).toBe(
      "the two types are not assignable either way: official `string`, ours `number`.",
    );
  });

  it("reports a member whose optionality differs and an extra required member", () => {
    const ours = context.replace("retries?: number;", "retries: number; label: string;");
    expect(compareSurfaces(writeSurfaces(context, ours))).toEqual([
      { name: "Config.label", problem: "required in ours, absent from the official SDK." },
      { name: "Config.retries", problem: "is optional in the official SDK, required in ours." },
    ]);
  });

  it("reports a function that does not accept what the official one accepts", () => {
    const ours = context.replace(
      "run(handler: (context: Context) => Promise<void>)",
      "run(handler: (context: Context) => Promise<void>, name: string)",
    );
    const [difference] = compareSurfaces(writeSurfaces(context, ours));
    expect(difference?.name).toBe("run");
    expect(difference?.problem).toMatch(/^ours is not assignable to the official type: /);
  });

  it("reports a string-literal object where the official SDK has an enum", () => {
    const ours = context.replace(
      'export declare enum Mode { Fast = "FAST", Safe = "SAFE" }',
      'export declare const Mode: { readonly Fast: "FAST"; readonly Safe: "SAFE" };\nexport type Mode = "FAST" | "SAFE";',
    );
    expect(compareSurfaces(writeSurfaces(context, ours))).toEqual([
      { name: "Mode", problem: "is an enum in the official SDK, a value in ours." },
    ]);
  });

  it("accepts an enum declared again with the same members", () => {
    const ours = context.replace(
      'Safe = "SAFE" }',
      'Safe = "SAFE" }\nexport declare const extra: 1;',
    );
    expect(compareSurfaces(writeSurfaces(context, ours))).toEqual([]);
  });

  it("checks that a class takes the official constructor arguments and offers its members", () => {
    const ours = context.replace(
      'readonly errorType = "FailedError"; constructor(message?: string, cause?: Error)',
      "readonly errorType: string; constructor(message: string)",
    );
    const names = compareSurfaces(writeSurfaces(context, ours)).map((d) => d.name);
    expect(names).toEqual(["FailedError.constructor", "FailedError.errorType"]);
  });

  it("reports a static member of a class and a type parameter that ours leaves out", () => {
    const official = `${context}
export declare class Registry { static readonly shared: Registry; has(name: string): boolean }
export interface Box<T = string> { value: string }
`;
    const ours = `${context}
export declare class Registry { has(name: string): boolean }
export interface Box { value: string }
`;
    expect(compareSurfaces(writeSurfaces(official, ours))).toEqual([
      { name: "Box", problem: "takes 1 type parameter(s) in the official SDK, 0 in ours." },
      {
        name: "Registry.shared",
        problem: "missing: the official SDK has this member, ours does not.",
      },
    ]);
  });

  it("refuses declarations whose imports do not resolve, instead of reading them as any", () => {
    const official = `import type { Context as LambdaContext } from "no-such-types";\n${context}`;
    expect(() => compareSurfaces(writeSurfaces(official, context))).toThrow(
      /official\.d\.ts imports "no-such-types", which does not resolve/,
    );
  });
});
