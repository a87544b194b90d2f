import { createServer } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../durable.mjs";
import { connect, isLoopback, resolveEndpoint } from "../../lib/durable/client.mjs";
import { json, route, runDurable, startFakeLambda } from "./helpers/fake-lambda.mjs";

const LIST = "GET /2025-12-01/functions/{FunctionName}/durable-executions";
const run = (argv, io) => runDurable(main, argv, io);

/**
 * Empties what the SDK's credential chain reads from the process (it reads process.env and the
 * shared files itself), so the chain finds nothing and never asks an instance metadata service.
 */
function stubNoAwsSetup() {
  for (const name of [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_LAMBDA",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  ]) {
    vi.stubEnv(name, undefined);
  }
  vi.stubEnv("AWS_CONFIG_FILE", "/nonexistent/durable-test/config");
  vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/durable-test/credentials");
  vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
}

describe("durable credentials", () => {
  let fake;
  beforeEach(async () => {
    fake = await startFakeLambda([route(LIST, json({ DurableExecutions: [] }))]);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await fake.close();
  });

  it("signs with dummy credentials for a loopback endpoint when none are configured", async () => {
    const { code } = await run(["list", "orders", "--endpoint", fake.url], { env: {} });

    expect(code).toBe(0);
    expect(fake.requests[0].headers.authorization).toMatch(
      /Credential=local\/\d{8}\/us-east-1\/lambda\//,
    );
  });

  it("uses the access key from the environment when there is one", async () => {
    const env = {
      AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_REGION: "eu-west-1",
    };

    const { code } = await run(["list", "orders", "--endpoint", fake.url], { env });

    expect(code).toBe(0);
    expect(fake.requests[0].headers.authorization).toMatch(
      /Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\//,
    );
  });

  it("explains how to configure credentials when AWS has none to use", async () => {
    stubNoAwsSetup();

    const { code, stderr } = await run(["list", "orders", "--region", "eu-west-1"], { env: {} });

    expect(code).toBe(1);
    expect(stderr).toBe(
      "[durable] Failed to list executions: no AWS credentials found. Configure credentials with " +
        "`aws configure` (or `aws sso login --profile NAME` and pass --profile NAME), or set " +
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. To use a local Lambda-compatible service " +
        "instead, pass --endpoint http://127.0.0.1:9000.\n",
    );
  });

  it("names the profile whose credentials it could not load", async () => {
    stubNoAwsSetup();

    const { code, stderr } = await run(
      ["get", "arn:x", "--profile", "dev", "--region", "eu-west-1"],
      {
        env: {},
      },
    );

    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^\[durable\] Failed to get the execution: no AWS credentials found for profile "dev" \(CredentialsProviderError: .+\)\. Configure credentials/,
    );
  });

  it("asks for a region when AWS is the target and none is configured", async () => {
    stubNoAwsSetup();

    const { code, stderr } = await run(["list", "orders"], { env: {} });

    expect(code).toBe(1);
    expect(stderr).toBe(
      "[durable] No AWS region is configured. Pass --region (e.g. --region us-east-1), set " +
        "AWS_REGION, or set a region in your profile (aws configure). For a local service, pass " +
        "--endpoint http://127.0.0.1:9000.\n",
    );
  });
});

describe("durable connection errors", () => {
  it("asks whether the local service is running when nothing listens on the endpoint", async () => {
    const port = await new Promise((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address();
        probe.close(() => resolve(free));
      });
    });
    const endpoint = `http://127.0.0.1:${port}`;

    const { code, stderr } = await run(["list", "orders", "--endpoint", endpoint], {
      env: { AWS_MAX_ATTEMPTS: "1" },
    });

    expect(code).toBe(1);
    expect(stderr).toBe(
      `[durable] Failed to list executions: cannot reach ${endpoint} (ECONNREFUSED). Is the local service running?\n`,
    );
  });
});

describe("connect", () => {
  it("prefers --region, then AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1 for local", async () => {
    const local = { endpoint: "http://localhost:9000" };
    const regionOf = async (options) => (await connect(options)).target.region;

    expect(
      await regionOf({ ...local, region: "eu-west-1", env: { AWS_REGION: "ap-south-1" } }),
    ).toBe("eu-west-1");
    expect(
      await regionOf({
        ...local,
        env: { AWS_REGION: "ap-south-1", AWS_DEFAULT_REGION: "sa-east-1" },
      }),
    ).toBe("ap-south-1");
    expect(await regionOf({ ...local, env: { AWS_DEFAULT_REGION: "sa-east-1" } })).toBe(
      "sa-east-1",
    );
    expect(await regionOf({ ...local, env: {} })).toBe("us-east-1");
  });

  it("uses dummy credentials only for a loopback endpoint", async () => {
    const { target: local } = await connect({ endpoint: "http://[::1]:9000", env: {} });
    const { target: remote } = await connect({
      endpoint: "https://lambda.example.com",
      region: "eu-west-1",
      env: {},
    });

    expect(local).toMatchObject({ local: true, credentials: "dummy" });
    expect(remote).toMatchObject({ local: false, credentials: "default chain" });
  });
});

describe("resolveEndpoint and isLoopback", () => {
  it("ignores endpoints from the environment when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true", () => {
    const env = {
      AWS_ENDPOINT_URL: "http://127.0.0.1:9000",
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true",
    };

    expect(resolveEndpoint(undefined, env)).toBeUndefined();
    expect(resolveEndpoint("http://127.0.0.1:9001/", env)).toBe("http://127.0.0.1:9001");
  });

  it("treats localhost, 127.0.0.0/8 and ::1 as this machine, and nothing else", () => {
    expect(
      [
        "http://localhost:9000",
        "http://127.0.0.1:9000",
        "http://127.1.2.3",
        "http://[::1]:9000",
      ].map(isLoopback),
    ).toEqual([true, true, true, true]);
    expect(
      [
        "https://lambda.us-east-1.amazonaws.com",
        "http://10.0.0.5:9000",
        "http://127.example.com",
      ].map(isLoopback),
    ).toEqual([false, false, false]);
  });
});
