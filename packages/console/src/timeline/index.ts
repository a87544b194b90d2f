export type { TimeAxis } from "./axis.js";
export { buildAxis, formatDuration } from "./axis.js";
export type {
  HistoryEventLike,
  LayoutOptions,
  OperationKind,
  RowStatus,
  TimeInput,
  TimelineError,
  TimelineInvocation,
  TimelineLayout,
  TimelineRow,
  TimelineSegment,
} from "./layout.js";
export { layoutTimeline, OPERATION_KINDS, toMillis } from "./layout.js";
export type { SvgOptions } from "./render.js";
export {
  escapeHtml,
  formatError,
  formatPayload,
  rowDetailsHtml,
  rowLabel,
  timelineSvg,
} from "./render.js";
export type { TimelineHtmlOptions } from "./timeline-html.js";
export { timelineHtml } from "./timeline-html.js";
