import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  type LambdaClient,
  PublishVersionCommand,
} from "@aws-sdk/client-lambda";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type LocalServer, startLocalServer } from "../../src/index.js";
import { clientFor, exampleZip, tempDataDir } from "./helpers.js";

// The web console in a real browser: Debian's Chromium, headless, driven by playwright-core.
// .ci/run installs Chromium where it is missing; CHROMIUM_PATH points at another binary.
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Screenshots land here (gitignored), to be looked at when the test fails or the page changes. */
const SCREENSHOTS = resolve(import.meta.dirname, "..", "..", "test-results", "console");
/** How long the page gets to show what the server did: generous for a loaded 2-core machine. */
const UI_TIMEOUT_MS = 20_000;

const CLAIM = {
  claimId: "exp-7",
  employee: "ada@example.com",
  amountCents: 4200,
  description: "Conference ticket",
  approver: "grace@example.com",
};

let server: LocalServer;
/** A server whose clock runs 60 times faster, so that the page may move it. */
let fastServer: LocalServer;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
/** What the browser downloaded of the page itself (not API calls): path to bytes. */
const pageFiles = new Map<string, number>();

async function deploy(client: LambdaClient, name: string, zip: Buffer): Promise<void> {
  const created = await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: "nodejs22.x",
      Handler: "index.handler",
      Role: "arn:aws:iam::123456789012:role/test",
      Code: { ZipFile: zip },
      // Lambda's default of 3 s is real time here: a loaded machine can take that long to import
      // the bundle, and a timed-out invocation is retried, which adds one to the timeline.
      Timeout: 60,
      DurableConfig: { ExecutionTimeout: 31_622_400 },
    }),
  );
  const { Version } = await client.send(
    new PublishVersionCommand({ FunctionName: name, CodeSha256: created.CodeSha256 }),
  );
  await client.send(
    new CreateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: Version }),
  );
}

/** expect.poll with the page's timeout, not vitest's one second. */
function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: UI_TIMEOUT_MS });
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Without Chromium every test fails with this, rather than being skipped. */
const chromiumMissing = existsSync(CHROMIUM_PATH)
  ? undefined
  : `Chromium was not found at ${CHROMIUM_PATH}. Install it with "apt-get install -y chromium" (Debian; .ci/run does this), or set CHROMIUM_PATH to a Chromium or Chrome binary.`;

beforeEach(() => {
  if (chromiumMissing !== undefined) throw new Error(chromiumMissing);
});

beforeAll(async () => {
  if (chromiumMissing !== undefined) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  console.log(`[console-browser] screenshots in ${SCREENSHOTS}`);
  // A real clock: the approval waits three days, which --skip-idle would end at once.
  server = await startLocalServer({ port: 0, dataDir: tempDataDir() });
  await deploy(clientFor(server), "approval", await exampleZip("04-human-approval"));
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Chromium refuses its sandbox as root, which CI runs as.
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  page = await openPage();
  page.on("response", async (response) => {
    const type = response.request().resourceType();
    if (!["document", "script", "stylesheet", "image"].includes(type)) return;
    pageFiles.set(new URL(response.url()).pathname, (await response.body()).length);
  });
});

async function openPage(): Promise<Page> {
  const opened = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  opened.setDefaultTimeout(UI_TIMEOUT_MS);
  opened.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  opened.on("pageerror", (error) => consoleErrors.push(error.message));
  return opened;
}

/** Starts an execution of `name` from the page and waits for its own view. */
async function startFromPage(on: Page, name: string, input: unknown): Promise<void> {
  await on.selectOption("#start-function", name);
  await on.selectOption("#start-qualifier", "live");
  await on.fill("#start-input", JSON.stringify(input));
  await on.click("#start-button");
  await on.waitForURL(/#\/execution\//);
}

function rowLabels(on: Page): Promise<(string | null)[]> {
  return on
    .locator("#timeline .row")
    .evaluateAll((all) => all.map((row) => row.getAttribute("aria-label")));
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fastServer?.close();
});

describe("the web console", () => {
  it("lists the deployed function with its versions and aliases", async () => {
    await page.goto(`${server.url}/`);
    const functions = page.locator("#function-list li");
    await eventually(() => functions.allTextContents()).toEqual([
      "approvaldurable versions $LATEST, 1 · aliases live → 1",
    ]);
    const bytes = [...pageFiles.values()].reduce((sum, size) => sum + size, 0);
    console.log(`[console-browser] the page loaded ${pageFiles.size} files, ${bytes} bytes`);
    expect(pageFiles.has("/js/timeline/layout.js")).toBe(true);
    expect(bytes).toBeLessThan(80_000);
  });

  it("refuses to start an execution with an input that is not JSON", async () => {
    await page.fill("#start-input", "{oops");
    await page.click("#start-button");
    await eventually(() => page.textContent("#notice")).toMatch(
      /^The input is not valid JSON \(.+\)\.$/,
    );
    expect(page.url()).toBe(`${server.url}/`);
  });

  it("starts an execution, shows its timeline, answers its callback and sees it succeed", async () => {
    await startFromPage(page, "approval", CLAIM);

    // The execution waits for the manager: the callback is pending and can be answered.
    const callback = page.locator(".callback");
    await callback.waitFor();
    await eventually(() => page.textContent("#execution-status")).toBe("RUNNING");
    const rows = page.locator("#timeline .row");
    await eventually(() =>
      rows.evaluateAll((all) => all.map((row) => row.getAttribute("aria-label"))),
    ).toEqual([
      'waitForCallback "manager-approval": running',
      // The callback and the step that hands its id out are unnamed: their ids label them.
      expect.stringMatching(/^callback \w{8}: running$/),
      expect.stringMatching(/^step \w{8}: succeeded$/),
    ]);
    await screenshot("1-waiting-for-callback");

    // An operation's details on click.
    await rows.nth(2).click();
    await eventually(() => page.textContent("#operation-details h3")).toMatch(/^step \w{8}$/);
    expect(await page.textContent("#operation-details")).toContain("succeeded");

    await callback.locator("textarea").fill('{"approvedBy":"grace@example.com"}');
    await callback.locator(".callback-succeed").click();
    await eventually(() => page.textContent("#execution-status")).toBe("SUCCEEDED");
    expect(JSON.parse((await page.textContent("#execution-outcome"))!)).toEqual({
      claimId: "exp-7",
      status: "approved",
      approvedBy: "grace@example.com",
      payout: "payout-exp-7-4200",
    });
    await eventually(() =>
      rows.evaluateAll((all) => all.map((row) => row.getAttribute("aria-label"))),
    ).toEqual([
      'waitForCallback "manager-approval": succeeded',
      expect.stringMatching(/^callback \w{8}: succeeded$/),
      expect.stringMatching(/^step \w{8}: succeeded$/),
      'step "schedule-payout": succeeded',
    ]);
    // Two invocations: the one that asked, and the one after the answer.
    expect(await page.locator("#timeline .invocation").count()).toBe(2);
    expect(await page.locator(".callback").count()).toBe(0);
    expect(await page.textContent("#history-events")).toContain('"EventType": "CallbackSucceeded"');
    await screenshot("2-succeeded");
  });

  it("lists the execution and filters it out by status", async () => {
    await page.click("text=← all executions");
    const names = page.locator("#execution-rows tr");
    await eventually(() => names.allTextContents()).toEqual([
      expect.stringMatching(/^[\w-]+approvalSUCCEEDED\d{4}-/),
    ]);
    await page.selectOption("#filter-status", "FAILED");
    await eventually(() => names.allTextContents()).toEqual(["No executions match."]);
    await page.selectOption("#filter-status", "SUCCEEDED");
    await eventually(() => names.count()).toBe(1);
  });

  it("is usable at a phone's width: nothing overflows the page and the timeline scrolls", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click("#execution-rows a");
    await eventually(() => page.textContent("#execution-status")).toBe("SUCCEEDED");
    await page.locator("#timeline svg").waitFor();
    // A string, so that this package's types need not include the DOM's.
    const widths = (await page.evaluate(`({
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      timeline: document.querySelector("#timeline").clientWidth,
    })`)) as { page: number; viewport: number; timeline: number };
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.timeline).toBeLessThanOrEqual(widths.viewport);
    await page.locator("#timeline .row").first().click();
    await eventually(() => page.isVisible("#operation-details")).toBe(true);
    await screenshot("3-narrow-390px");
    await page.click("text=← all executions");
    await eventually(() => page.isVisible("#start-button")).toBe(true);
    await screenshot("4-narrow-home");
  });
});

describe("the web console on a server whose clock runs apart from the wall clock", () => {
  let fastPage: Page;

  beforeAll(async () => {
    if (chromiumMissing !== undefined) return;
    // One server at a time: a server points the functions it runs at itself through the
    // process's environment (AWS_ENDPOINT_URL_LAMBDA). The first page goes first, or its polling
    // would log the refused connections.
    await page.close();
    await server.close();
    fastServer = await startLocalServer({ port: 0, dataDir: tempDataDir(), speed: 60 });
    await deploy(clientFor(fastServer), "onboarding", await exampleZip("03-wait"));
    await deploy(clientFor(fastServer), "approval", await exampleZip("04-human-approval"));
    fastPage = await openPage();
    await fastPage.goto(`${fastServer.url}/`);
    await fastPage.locator(`[data-clock="next timer"]`).waitFor();
  });

  it("moves the clock to each wait's end, and the execution goes on", async () => {
    await startFromPage(fastPage, "onboarding", { email: "ada@example.com", plan: "pro" });
    await eventually(() => rowLabels(fastPage)).toEqual([
      'step "send-welcome": succeeded',
      'wait "until-day-3": running',
    ]);
    await fastPage.click(`[data-clock="next timer"]`);
    await eventually(() => rowLabels(fastPage)).toEqual([
      'step "send-welcome": succeeded',
      'wait "until-day-3": succeeded',
      'step "send-tip": succeeded',
      'wait "until-day-13": running',
    ]);
    await fastPage.click(`[data-clock="next timer"]`);
    await eventually(() => fastPage.textContent("#execution-status")).toBe("SUCCEEDED");
    await fastPage.screenshot({ path: join(SCREENSHOTS, "5-clock-moved.png"), fullPage: true });
  });

  it("sends a heartbeat to a callback, then fails it with a message", async () => {
    await fastPage.click("text=← all executions");
    await startFromPage(fastPage, "approval", CLAIM);
    const callback = fastPage.locator(".callback");
    await callback.locator(".callback-heartbeat").click();
    await eventually(() => fastPage.textContent("#notice")).toMatch(
      /^Heartbeat sent to callback \w{8}\.$/,
    );
    await callback.locator(".callback-fail").click();
    await eventually(() => fastPage.textContent("#notice")).toBe(
      "Give the failure a message (ErrorMessage), so the function can say why.",
    );
    await callback.locator('[aria-label="Error message"]').fill("over the travel budget");
    await callback.locator(".callback-fail").click();
    await eventually(() => fastPage.textContent("#execution-status")).toBe("SUCCEEDED");
    expect(JSON.parse((await fastPage.textContent("#execution-outcome"))!)).toEqual({
      claimId: "exp-7",
      status: "rejected",
      reason: "over the travel budget",
    });
  });

  it("stops a running execution on the second click", async () => {
    await fastPage.click("text=← all executions");
    await startFromPage(fastPage, "onboarding", { email: "grace@example.com", plan: "pro" });
    await fastPage.click("#stop-button");
    expect(await fastPage.textContent("#stop-button")).toBe("Click again to stop");
    expect(await fastPage.textContent("#execution-status")).toBe("RUNNING");
    await fastPage.click("#stop-button");
    await eventually(() => fastPage.textContent("#execution-status")).toBe("STOPPED");
    expect(await fastPage.textContent("#execution-outcome")).toBe(
      "StoppedFromConsole: Stopped from the local console.",
    );
  });
});

describe("the browser console", () => {
  it("logged no error on any page", () => {
    expect(consoleErrors).toEqual([]);
  });
});
