// One execution: its summary, the actions it allows (stop, answer a pending callback), the
// timeline of its operations with each one's details on click, its input and result, and the
// raw history events. Refreshed while the execution runs.
import { layoutTimeline, type TimelineLayout } from "../timeline/layout.js";
import {
  formatError,
  formatPayload,
  rowDetailsHtml,
  rowLabel,
  timelineSvg,
} from "../timeline/render.js";
import { api, type Execution } from "./api.js";
import { onClockMoved, serverNow } from "./clock.js";
import { act, byId, fill, formatTime, h, notify, parseJsonInput, poll } from "./dom.js";

/** The narrowest the timeline is drawn; a narrower screen scrolls it sideways. */
const MIN_TIMELINE_WIDTH = 640;

let layout: TimelineLayout | undefined;
let selectedRowId: string | undefined;
let shownCallbacks = "";
let shownEvents = "";

function renderSummary(execution: Execution): void {
  byId("execution-title").textContent = execution.DurableExecutionName;
  fill(
    byId("execution-summary"),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "status"),
      h(
        "dd",
        {},
        h(
          "span",
          { class: `status ${execution.Status}`, id: "execution-status" },
          execution.Status,
        ),
      ),
      h("dt", {}, "function"),
      h("dd", {}, execution.FunctionArn),
      h("dt", {}, "version"),
      h("dd", {}, execution.Version ?? "$LATEST"),
      h("dt", {}, "started"),
      h("dd", {}, formatTime(execution.StartTimestamp)),
      h("dt", {}, "ended"),
      h("dd", {}, formatTime(execution.EndTimestamp)),
      h("dt", {}, "ARN"),
      h("dd", { class: "arn" }, execution.DurableExecutionArn),
    ),
  );
  byId("execution-input").textContent =
    execution.InputPayload === undefined ? "(none)" : formatPayload(execution.InputPayload);
  const outcome = byId("execution-outcome");
  if (execution.Error !== undefined) {
    byId("outcome-title").textContent = "Error";
    outcome.textContent = formatError(execution.Error);
    outcome.className = "error";
  } else {
    byId("outcome-title").textContent = "Result";
    outcome.textContent =
      execution.Result === undefined
        ? execution.Status === "RUNNING"
          ? "(still running)"
          : "(none)"
        : formatPayload(execution.Result);
    outcome.className = "";
  }
}

function renderActions(execution: Execution, refresh: () => void): void {
  const actions = byId("execution-actions");
  if (execution.Status !== "RUNNING") {
    fill(actions);
    return;
  }
  if (actions.querySelector("#stop-button") !== null) return;
  // Stopping cannot be undone: the first click asks, the second stops.
  const stop = h(
    "button",
    { type: "button", id: "stop-button", class: "danger" },
    "Stop execution",
  );
  let armed = false;
  stop.addEventListener("click", () => {
    if (!armed) {
      armed = true;
      stop.textContent = "Click again to stop";
      window.setTimeout(() => {
        armed = false;
        stop.textContent = "Stop execution";
      }, 4000);
      return;
    }
    void act(stop, async () => {
      await api.stop(execution.DurableExecutionArn);
      notify("Execution stopped.");
      refresh();
    });
  });
  fill(actions, stop);
}

function callbackForm(name: string, callbackId: string, refresh: () => void): HTMLElement {
  const result = h("textarea", {
    rows: "3",
    "aria-label": `Result of ${name}`,
    class: "callback-result",
    spellcheck: "false",
  });
  result.value = "{}";
  const errorType = h("input", {
    type: "text",
    "aria-label": "Error type",
    placeholder: "ErrorType",
    value: "Rejected",
  });
  const errorMessage = h("input", {
    type: "text",
    "aria-label": "Error message",
    placeholder: "ErrorMessage",
  });
  const succeed = h("button", { type: "button", class: "callback-succeed" }, "Succeed");
  const failButton = h("button", { type: "button", class: "callback-fail danger" }, "Fail");
  const heartbeat = h("button", { type: "button", class: "callback-heartbeat" }, "Heartbeat");
  const done = (message: string) => {
    notify(message);
    refresh();
  };
  succeed.addEventListener(
    "click",
    () =>
      void act(succeed, async () => {
        await api.succeedCallback(callbackId, parseJsonInput(result.value, "The callback result"));
        done(`${name} succeeded.`);
      }),
  );
  failButton.addEventListener(
    "click",
    () =>
      void act(failButton, async () => {
        const type = errorType.value.trim();
        const message = errorMessage.value.trim();
        if (message === "")
          throw new Error(
            "Give the failure a message (ErrorMessage), so the function can say why.",
          );
        await api.failCallback(callbackId, {
          ...(type === "" ? {} : { ErrorType: type }),
          ErrorMessage: message,
        });
        done(`${name} failed.`);
      }),
  );
  heartbeat.addEventListener(
    "click",
    () =>
      void act(heartbeat, async () => {
        await api.heartbeatCallback(callbackId);
        notify(`Heartbeat sent to ${name}.`);
      }),
  );
  return h(
    "div",
    { class: "callback", "data-callback-id": callbackId },
    h("h4", {}, `Pending ${name}`),
    h("p", { class: "muted arn" }, `callback id ${callbackId}`),
    h("label", {}, "Result (JSON)", result),
    h("div", { class: "buttons" }, succeed, heartbeat),
    h("div", { class: "fail-fields" }, errorType, errorMessage, failButton),
  );
}

function renderCallbacks(current: TimelineLayout, running: boolean, refresh: () => void): void {
  const pending = running
    ? current.rows.filter(
        (row) =>
          row.kind === "callback" && row.status === "running" && row.callbackId !== undefined,
      )
    : [];
  const key = pending.map((row) => row.callbackId).join(",");
  if (key === shownCallbacks) return;
  shownCallbacks = key;
  fill(
    byId("callbacks"),
    ...pending.map((row) => callbackForm(rowLabel(row), row.callbackId!, refresh)),
  );
}

function renderTimeline(): void {
  if (layout === undefined) return;
  const container = byId("timeline");
  const selected = layout.rows.findIndex((row) => row.id === selectedRowId);
  const width = Math.max(container.clientWidth - 2, MIN_TIMELINE_WIDTH);
  container.innerHTML = timelineSvg(layout, {
    width,
    ...(selected === -1 ? {} : { selectedRow: selected }),
  });
  const details = byId("operation-details");
  if (selected === -1) {
    details.hidden = true;
  } else {
    details.innerHTML = rowDetailsHtml(layout, selected);
    details.hidden = false;
  }
}

function selectRow(target: EventTarget | null): void {
  const row = (target as Element | null)?.closest?.("[data-row]");
  if (row === null || row === undefined || layout === undefined) return;
  selectedRowId = layout.rows[Number(row.getAttribute("data-row"))]?.id;
  renderTimeline();
}

let wired = false;

/** Shows one execution and refreshes it while it runs, until the returned function is called. */
export function showExecution(arn: string): () => void {
  layout = undefined;
  selectedRowId = undefined;
  shownCallbacks = "";
  shownEvents = "";
  fill(byId("execution-actions"));
  fill(byId("callbacks"));
  fill(byId("timeline"));
  byId("operation-details").hidden = true;
  if (!wired) {
    wired = true;
    const timeline = byId("timeline");
    timeline.addEventListener("click", (event) => selectRow(event.target));
    timeline.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") selectRow(event.target);
    });
  }
  let ended = false;
  const load = async () => {
    if (ended) return;
    const [execution, events] = await Promise.all([api.getExecution(arn), api.history(arn)]);
    const running = execution.Status === "RUNNING";
    renderSummary(execution);
    renderActions(execution, refresh);
    layout = layoutTimeline(events, { now: serverNow() / 1000 });
    renderCallbacks(layout, running, refresh);
    renderTimeline();
    const eventsKey = JSON.stringify(events);
    if (eventsKey !== shownEvents) {
      shownEvents = eventsKey;
      byId("event-count").textContent = String(events.length);
      byId("history-events").textContent = JSON.stringify(events, null, 2);
    }
    // An ended execution changes no more.
    ended = !running;
  };
  const refresh = () => void act(undefined, load);
  const unsubscribe = onClockMoved(refresh);
  const stop = poll(load, 1000);
  const onResize = () => renderTimeline();
  window.addEventListener("resize", onResize);
  return () => {
    stop();
    unsubscribe();
    window.removeEventListener("resize", onResize);
  };
}
