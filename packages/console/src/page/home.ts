// The first view: deployed functions with their versions and aliases, a form to start an
// execution, and the executions of every function, filtered and refreshed while it is open.
import { type AliasInfo, api, type ExecutionSummary, type FunctionInfo } from "./api.js";
import { serverNow } from "./clock.js";
import { act, byId, fill, formatTime, h, parseJsonInput, poll } from "./dom.js";

interface DeployedFunction {
  config: FunctionInfo;
  versions: string[];
  aliases: AliasInfo[];
}

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "STOPPED"];
const PERIODS: [string, number | undefined][] = [
  ["any time", undefined],
  ["last 5 minutes", 300],
  ["last hour", 3_600],
  ["last day", 86_400],
  ["last 7 days", 604_800],
];
const MAX_EXECUTIONS = 100;

let functions: DeployedFunction[] = [];
let shownExecutions = "";

export function executionHref(arn: string): string {
  return `#/execution/${encodeURIComponent(arn)}`;
}

/** `name` or `name:qualifier` from a function ARN. */
function functionName(arn: string): string {
  return arn.split(":function:")[1] ?? arn;
}

async function loadFunctions(): Promise<void> {
  const configs = await api.listFunctions();
  const loaded = await Promise.all(
    configs.map(async (config) => ({
      config,
      versions: (await api.listVersions(config.FunctionName)).map((v) => v.Version ?? "$LATEST"),
      aliases: await api.listAliases(config.FunctionName),
    })),
  );
  if (JSON.stringify(loaded) === JSON.stringify(functions)) return;
  functions = loaded;
  renderFunctions();
  renderStartForm();
  renderFunctionFilter();
}

function renderFunctions(): void {
  const list = byId("function-list");
  if (functions.length === 0) {
    fill(
      list,
      h(
        "p",
        { class: "muted" },
        "No functions deployed. Run pnpm start, or deploy one with pnpm durable deploy.",
      ),
    );
    return;
  }
  fill(
    list,
    h(
      "ul",
      { class: "functions" },
      ...functions.map(({ config, versions, aliases }) =>
        h(
          "li",
          {},
          h("strong", {}, config.FunctionName),
          config.DurableConfig === undefined
            ? h("span", { class: "tag" }, "plain")
            : h("span", { class: "tag durable" }, "durable"),
          h("span", { class: "muted" }, ` versions ${versions.join(", ")}`),
          aliases.length === 0
            ? undefined
            : h(
                "span",
                { class: "muted" },
                ` · aliases ${aliases.map((a) => `${a.Name} → ${a.FunctionVersion}`).join(", ")}`,
              ),
        ),
      ),
    ),
  );
}

function durableFunctions(): DeployedFunction[] {
  return functions.filter((fn) => fn.config.DurableConfig !== undefined);
}

function renderStartForm(): void {
  const select = byId<HTMLSelectElement>("start-function");
  const chosen = select.value;
  fill(
    select,
    ...durableFunctions().map((fn) =>
      h("option", { value: fn.config.FunctionName }, fn.config.FunctionName),
    ),
  );
  if (chosen !== "" && durableFunctions().some((fn) => fn.config.FunctionName === chosen))
    select.value = chosen;
  renderQualifiers();
}

function renderQualifiers(): void {
  const fn = durableFunctions().find(
    (f) => f.config.FunctionName === byId<HTMLSelectElement>("start-function").value,
  );
  const qualifiers =
    fn === undefined ? [] : [...fn.aliases.map((a) => a.Name), ...[...fn.versions].reverse()];
  const select = byId<HTMLSelectElement>("start-qualifier");
  const chosen = select.value;
  fill(select, ...qualifiers.map((q) => h("option", { value: q }, q)));
  if (qualifiers.includes(chosen)) select.value = chosen;
}

function renderFunctionFilter(): void {
  const select = byId<HTMLSelectElement>("filter-function");
  const chosen = select.value;
  fill(
    select,
    h("option", { value: "" }, "all functions"),
    ...durableFunctions().map((fn) =>
      h("option", { value: fn.config.FunctionName }, fn.config.FunctionName),
    ),
  );
  select.value = durableFunctions().some((fn) => fn.config.FunctionName === chosen) ? chosen : "";
}

async function loadExecutions(): Promise<void> {
  const name = byId<HTMLSelectElement>("filter-function").value;
  const status = byId<HTMLSelectElement>("filter-status").value;
  const period = PERIODS[Number(byId<HTMLSelectElement>("filter-period").value)]?.[1];
  const names = name === "" ? durableFunctions().map((fn) => fn.config.FunctionName) : [name];
  const startedAfter = period === undefined ? undefined : new Date(serverNow() - period * 1000);
  const lists = await Promise.all(
    names.map((n) =>
      api.listExecutions(n, {
        ...(status === "" ? {} : { statuses: [status] }),
        ...(startedAfter === undefined ? {} : { startedAfter }),
        max: MAX_EXECUTIONS,
      }),
    ),
  );
  const executions = lists
    .flat()
    .sort((a, b) => b.StartTimestamp - a.StartTimestamp)
    .slice(0, MAX_EXECUTIONS);
  const key = JSON.stringify(executions);
  if (key === shownExecutions) return;
  shownExecutions = key;
  renderExecutions(executions);
}

function renderExecutions(executions: ExecutionSummary[]): void {
  const body = byId("execution-rows");
  byId("execution-count").textContent =
    `${executions.length}${executions.length === MAX_EXECUTIONS ? "+" : ""}`;
  if (executions.length === 0) {
    fill(body, h("tr", {}, h("td", { colspan: "4", class: "muted" }, "No executions match.")));
    return;
  }
  fill(
    body,
    ...executions.map((execution) =>
      h(
        "tr",
        { "data-arn": execution.DurableExecutionArn },
        h(
          "td",
          {},
          h(
            "a",
            { href: executionHref(execution.DurableExecutionArn) },
            execution.DurableExecutionName,
          ),
        ),
        h("td", {}, functionName(execution.FunctionArn)),
        h("td", {}, h("span", { class: `status ${execution.Status}` }, execution.Status)),
        h(
          "td",
          {},
          formatTime(execution.StartTimestamp),
          h("br"),
          h("span", { class: "muted" }, formatTime(execution.EndTimestamp)),
        ),
      ),
    ),
  );
}

async function startExecution(button: HTMLButtonElement): Promise<void> {
  await act(button, async () => {
    const name = byId<HTMLSelectElement>("start-function").value;
    if (name === "") throw new Error("Choose a durable function to start; none is deployed yet.");
    const input = parseJsonInput(byId<HTMLTextAreaElement>("start-input").value, "The input");
    const executionName = byId<HTMLInputElement>("start-name").value.trim();
    const arn = await api.start(
      name,
      byId<HTMLSelectElement>("start-qualifier").value,
      input,
      executionName === "" ? undefined : executionName,
    );
    location.hash = executionHref(arn);
  });
}

let wired = false;

/** Shows the home view and keeps it up to date until the returned function is called. */
export function showHome(): () => void {
  if (!wired) {
    wired = true;
    fill(
      byId("filter-status"),
      h("option", { value: "" }, "any status"),
      ...STATUSES.map((s) => h("option", { value: s }, s)),
    );
    fill(
      byId("filter-period"),
      ...PERIODS.map(([label], index) => h("option", { value: String(index) }, label)),
    );
    for (const id of ["filter-function", "filter-status", "filter-period"]) {
      byId(id).addEventListener("change", () => {
        shownExecutions = "";
        void act(undefined, loadExecutions);
      });
    }
    byId("start-function").addEventListener("change", renderQualifiers);
    const start = byId<HTMLButtonElement>("start-button");
    start.addEventListener("click", () => void startExecution(start));
  }
  const stopFunctions = poll(loadFunctions, 5000);
  const stopExecutions = poll(async () => {
    if (functions.length === 0) await loadFunctions();
    await loadExecutions();
  }, 1000);
  return () => {
    stopFunctions();
    stopExecutions();
  };
}
