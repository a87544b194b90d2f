import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";
import { AccessDeniedError, UnsupportedMediaTypeError } from "../errors.js";

/** What an operation's body is, as Lambda's API sends it (restJson1). */
export type BodyKind = "json" | "bytes" | "none";

/**
 * The content types a web page may send to any site without the browser asking first (a CORS
 * "simple" request). Refusing them, whatever the body, means no page can make this server act.
 */
const SIMPLE_REQUEST_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
];

/**
 * The content types each body kind takes: `@aws-sdk/client-lambda` sends the first. A body of
 * bytes may also come with none.
 */
const ACCEPTED_TYPES: Record<Exclude<BodyKind, "none">, string[]> = {
  json: ["application/json"],
  bytes: ["application/octet-stream", "application/json"],
};

/** Whether a host name or address only reaches this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return (
    name === "localhost" ||
    name.endsWith(".localhost") ||
    name === "::1" ||
    (isIP(name) === 4 && name.startsWith("127."))
  );
}

/**
 * Decides which requests the server takes, against the attacks a dev server on 127.0.0.1 invites:
 * - DNS rebinding: a page on `evil.example` whose name is made to resolve to 127.0.0.1 sends
 *   `Host: evil.example`. Only loopback names, the listening address and (when listening on
 *   every interface) IP addresses are taken, since a rebinding needs a name.
 * - Cross-site requests: a browser sends `Origin` on every cross-origin write. Only the server's
 *   own origins (its web console) are taken; clients that are not browsers send no `Origin`.
 * - Simple requests: a `text/plain` or form body needs no CORS preflight, so it is refused, and
 *   each operation takes only the content type Lambda's API sends for it.
 */
export class RequestGuard {
  private readonly anyAddress: boolean;

  constructor(
    private readonly listenHost: string,
    private readonly port: number,
  ) {
    this.anyAddress = listenHost === "0.0.0.0" || listenHost === "::";
  }

  /** @throws AccessDeniedError for a foreign Host or Origin. */
  checkCaller(headers: IncomingHttpHeaders): void {
    const host = headers.host;
    const hostName = host === undefined ? undefined : hostNameOf(host);
    if (hostName === undefined || !this.takesHost(hostName)) {
      throw new AccessDeniedError(
        `Host ${host === undefined ? "(none)" : `"${host}"`} is not this server. It answers only to ${this.describeHosts()}, so that a web page cannot reach it through a DNS name made to point here.`,
      );
    }
    const origin = headers.origin;
    if (origin !== undefined && !this.takesOrigin(origin)) {
      throw new AccessDeniedError(
        `Origin "${origin}" may not call this server: it takes requests from tools (no Origin) and from its own pages (http://127.0.0.1:${this.port} or http://localhost:${this.port}), never from other web pages.`,
      );
    }
  }

  /** @throws UnsupportedMediaTypeError if the body's type is not one the operation takes. */
  checkContentType(
    operation: string,
    kind: BodyKind,
    contentType: string | undefined,
    bodyLength: number,
  ): void {
    const type = contentType?.split(";")[0]?.trim().toLowerCase();
    const accepted = kind === "none" ? [] : ACCEPTED_TYPES[kind];
    if (type !== undefined && SIMPLE_REQUEST_TYPES.includes(type)) {
      throw new UnsupportedMediaTypeError(
        `${operation} does not take Content-Type ${type}, which any web page can send. ${accepted.length === 0 ? "Send no body" : `Send ${accepted.join(" or ")}`}.`,
      );
    }
    if (bodyLength === 0 || kind === "none") return;
    // The AWS CLI sends Invoke's payload with no Content-Type. A page can send a body with none
    // too, but a browser adds its Origin, which checkCaller refuses.
    if (type === undefined && kind === "bytes") return;
    if (type === undefined || !accepted.includes(type)) {
      throw new UnsupportedMediaTypeError(
        `${operation} takes a body of Content-Type ${accepted.join(" or ")}, got ${type === undefined ? "none" : type}.`,
      );
    }
  }

  private takesHost(name: string): boolean {
    return (
      isLoopbackHost(name) ||
      name === this.listenHost.toLowerCase() ||
      (this.anyAddress && isIP(name) !== 0)
    );
  }

  private takesOrigin(origin: string): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false; // "null" (a sandboxed or file:// page) included
    }
    const port = url.port === "" ? 80 : Number(url.port);
    return (
      url.protocol === "http:" &&
      port === this.port &&
      this.takesHost(url.hostname.replace(/^\[(.*)\]$/, "$1"))
    );
  }

  private describeHosts(): string {
    const names = ["localhost", "127.0.0.1", "[::1]"];
    if (!isLoopbackHost(this.listenHost) && !this.anyAddress) names.push(this.listenHost);
    return `${names.join(", ")}${this.anyAddress ? " and IP addresses" : ""}`;
  }
}

/** The host name of a Host header (`name`, `name:port`, `[v6]:port`), lowercased. */
function hostNameOf(host: string): string | undefined {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+))(?::\d{1,5})?$/.exec(host.trim());
  if (match === null) return undefined;
  return (match[1] ?? match[2])!.toLowerCase();
}

/**
 * The warning the CLI prints when `--host` is not loopback, or undefined when it is: the server
 * has no authentication, so whoever reaches the port can deploy and run code on this machine.
 */
export function exposedHostWarning(host: string): string | undefined {
  if (isLoopbackHost(host)) return undefined;
  return [
    `WARNING: listening on ${host}, which other machines can reach.`,
    "This server has no authentication: anyone who can reach this port can deploy code and run it on this machine.",
    "Use --host 127.0.0.1 (the default) unless this network is yours alone.",
  ].join("\n");
}
