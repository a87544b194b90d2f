// Where durable sends its requests: one LambdaClient for AWS or for a Lambda-compatible endpoint,
// configured from the global options first and the environment second, and described in words
// so that a command can say what it is about to touch before it touches it.
import { LambdaClient } from "@aws-sdk/client-lambda";
import { ScriptError, UsageError } from "../cli.mjs";

/** The region a local endpoint gets when none is configured; a local service ignores it. */
export const LOCAL_REGION = "us-east-1";

/**
 * @typedef {object} Target what a command talks to
 * @property {string} region
 * @property {string} [endpoint] a custom endpoint URL; undefined for AWS
 * @property {boolean} local whether the endpoint is on this machine (loopback)
 * @property {string} [profile]
 * @property {"profile" | "environment" | "dummy" | "default chain"} credentials where they come from
 */

/**
 * @typedef {object} ConnectOptions
 * @property {string} [region] --region
 * @property {string} [profile] --profile
 * @property {string} [endpoint] --endpoint
 * @property {Record<string, string | undefined>} env the environment to read settings from
 */

/**
 * Creates the client and works out its region, so that a missing region fails here with advice
 * rather than inside the first request.
 * @param {ConnectOptions} options
 * @returns {Promise<{ client: LambdaClient, target: Target }>}
 * @example const { client, target } = await connect({ endpoint: "http://127.0.0.1:9000", env: process.env });
 */
export async function connect({ region, profile, endpoint, env }) {
  const url = resolveEndpoint(endpoint, env);
  const local = url !== undefined && isLoopback(url);
  const chosenProfile = nonEmpty(profile) ?? (local ? undefined : nonEmpty(env.AWS_PROFILE));
  const chosenRegion =
    nonEmpty(region) ??
    nonEmpty(env.AWS_REGION) ??
    nonEmpty(env.AWS_DEFAULT_REGION) ??
    (local ? LOCAL_REGION : undefined);

  /** @type {import("@aws-sdk/client-lambda").LambdaClientConfig} */
  const config = {};
  if (url !== undefined) config.endpoint = url;
  if (chosenRegion !== undefined) config.region = chosenRegion;
  const attempts = Number(env.AWS_MAX_ATTEMPTS);
  if (Number.isInteger(attempts) && attempts > 0) config.maxAttempts = attempts;
  /** @type {Target["credentials"]} */
  let credentials = "default chain";
  if (chosenProfile !== undefined) {
    // The SDK hands the client's profile to its credential chain and its region loader.
    config.profile = chosenProfile;
    credentials = "profile";
  } else if (nonEmpty(env.AWS_ACCESS_KEY_ID) && nonEmpty(env.AWS_SECRET_ACCESS_KEY)) {
    config.credentials = {
      accessKeyId: /** @type {string} */ (env.AWS_ACCESS_KEY_ID),
      secretAccessKey: /** @type {string} */ (env.AWS_SECRET_ACCESS_KEY),
      sessionToken: nonEmpty(env.AWS_SESSION_TOKEN),
    };
    credentials = "environment";
  } else if (local) {
    // A local service does not check SigV4 signatures (protocol.md §8), but the SDK signs every
    // request and needs credentials to do it. (A fresh object: the SDK annotates it.)
    config.credentials = { accessKeyId: "local", secretAccessKey: "local" };
    credentials = "dummy";
  }

  const client = new LambdaClient(config);
  let resolvedRegion;
  try {
    resolvedRegion = await client.config.region();
  } catch (error) {
    throw new ScriptError(
      "No AWS region is configured. Pass --region (e.g. --region us-east-1), set AWS_REGION, " +
        "or set a region in your profile (aws configure). For a local service, pass " +
        "--endpoint http://127.0.0.1:9000.",
      { cause: error },
    );
  }
  return {
    client,
    target: { region: resolvedRegion, endpoint: url, local, profile: chosenProfile, credentials },
  };
}

/**
 * The endpoint from --endpoint, else AWS_ENDPOINT_URL_LAMBDA, else AWS_ENDPOINT_URL (the SDK's
 * own order), checked to be an http(s) URL.
 * @param {string | undefined} flag
 * @param {Record<string, string | undefined>} env
 */
export function resolveEndpoint(flag, env) {
  const ignoreEnv = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === "true";
  const fromEnv = ignoreEnv
    ? undefined
    : (nonEmpty(env.AWS_ENDPOINT_URL_LAMBDA) ?? nonEmpty(env.AWS_ENDPOINT_URL));
  const source = flag !== undefined ? "--endpoint" : "AWS_ENDPOINT_URL_LAMBDA / AWS_ENDPOINT_URL";
  const value = flag ?? fromEnv;
  if (value === undefined) return undefined;
  let url;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(
      `${source} must be an http:// or https:// URL such as http://127.0.0.1:9000, got "${value}".`,
    );
  }
  return value.replace(/\/+$/, "");
}

/**
 * Whether a URL points at this machine: localhost, 127.0.0.0/8 or ::1.
 * @param {string} endpoint
 */
export function isLoopback(endpoint) {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * "us-east-1 at http://127.0.0.1:9000" or "us-east-1 (AWS)": where a request goes, for messages.
 * @param {Target} target
 */
export function describeTarget(target) {
  return target.endpoint === undefined
    ? `${target.region} (AWS)`
    : `${target.region} at ${target.endpoint}`;
}

/**
 * The rows a command that changes something prints first.
 * @param {Target} target
 * @returns {[string, string][]}
 */
export function targetRows(target) {
  return [
    ["region", target.region],
    [
      "endpoint",
      target.endpoint === undefined
        ? "AWS Lambda"
        : `${target.endpoint}${target.local ? " (local)" : ""}`,
    ],
    ...(target.profile === undefined
      ? []
      : [/** @type {[string, string]} */ (["profile", target.profile])]),
  ];
}

/** @param {string | undefined} value */
function nonEmpty(value) {
  return value === undefined || value.trim() === "" ? undefined : value;
}
