import type { HandlerEntry } from "../types/handler-entry.js";
import * as step1_1 from "./step/1-1.js";
import * as step1_2 from "./step/1-2.js";
import * as step1_3 from "./step/1-3.js";
import * as step1_4 from "./step/1-4.js";
import * as step1_5 from "./step/1-5.js";
import * as step1_6 from "./step/1-6.js";
import * as step1_7 from "./step/1-7.js";
import * as step1_8 from "./step/1-8.js";
import * as step1_9 from "./step/1-9.js";
import * as step1_10 from "./step/1-10.js";
import * as step1_11 from "./step/1-11.js";
import * as step1_12 from "./step/1-12.js";
import * as step1_13 from "./step/1-13.js";
import * as step1_14 from "./step/1-14.js";
import * as step1_16 from "./step/1-16.js";
import * as step1_17 from "./step/1-17.js";
import * as step1_18 from "./step/1-18.js";
import * as step1_19 from "./step/1-19.js";
import * as step1_20 from "./step/1-20.js";
import * as wait2_1 from "./wait/2-1.js";
import * as wait2_2 from "./wait/2-2.js";
import * as wait2_4 from "./wait/2-4.js";
import * as wait2_5 from "./wait/2-5.js";

/**
 * The handler written for each conformance requirement, by requirement id. A requirement whose
 * id is missing here is reported as not implemented.
 *
 * @example
 * const { handler, notes } = handlers["1-14"]!;
 */
export const handlers: Readonly<Record<string, HandlerEntry>> = {
  "1-1": step1_1,
  "1-2": step1_2,
  "1-3": step1_3,
  "1-4": step1_4,
  "1-5": step1_5,
  "1-6": step1_6,
  "1-7": step1_7,
  "1-8": step1_8,
  "1-9": step1_9,
  "1-10": step1_10,
  "1-11": step1_11,
  "1-12": step1_12,
  "1-13": step1_13,
  "1-14": step1_14,
  "1-16": step1_16,
  "1-17": step1_17,
  "1-18": step1_18,
  "1-19": step1_19,
  "1-20": step1_20,
  "2-1": wait2_1,
  "2-2": wait2_2,
  "2-4": wait2_4,
  "2-5": wait2_5,
};
