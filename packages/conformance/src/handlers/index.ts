import type { HandlerEntry } from "../types/handler-entry.js";
import * as callback4_1 from "./callback/4-1.js";
import * as callback4_3 from "./callback/4-3.js";
import * as callback4_4 from "./callback/4-4.js";
import * as callback4_5 from "./callback/4-5.js";
import * as callback4_6 from "./callback/4-6.js";
import * as callback4_7 from "./callback/4-7.js";
import * as callback4_8 from "./callback/4-8.js";
import * as callback4_10 from "./callback/4-10.js";
import * as callback4_11 from "./callback/4-11.js";
import * as callback4_12 from "./callback/4-12.js";
import * as callback4_13 from "./callback/4-13.js";
import * as callback4_14 from "./callback/4-14.js";
import * as callback4_16 from "./callback/4-16.js";
import * as callback4_17 from "./callback/4-17.js";
import * as callback4_18 from "./callback/4-18.js";
import * as callback4_19 from "./callback/4-19.js";
import * as child3_1 from "./child/3-1.js";
import * as child3_2 from "./child/3-2.js";
import * as child3_4 from "./child/3-4.js";
import * as child3_5 from "./child/3-5.js";
import * as child3_7 from "./child/3-7.js";
import * as child3_8 from "./child/3-8.js";
import * as child3_9 from "./child/3-9.js";
import * as child3_10 from "./child/3-10.js";
import * as child3_11 from "./child/3-11.js";
import * as child3_12 from "./child/3-12.js";
import * as child3_13 from "./child/3-13.js";
import * as child3_14 from "./child/3-14.js";
import * as child3_15 from "./child/3-15.js";
import * as child3_16 from "./child/3-16.js";
import * as invoke5_1 from "./invoke/5-1.js";
import * as invoke5_2 from "./invoke/5-2.js";
import * as invoke5_3 from "./invoke/5-3.js";
import * as invoke5_4 from "./invoke/5-4.js";
import * as invoke5_5 from "./invoke/5-5.js";
import * as invoke5_6 from "./invoke/5-6.js";
import * as invoke5_7 from "./invoke/5-7.js";
import * as invoke5_8 from "./invoke/5-8.js";
import * as invoke5_9 from "./invoke/5-9.js";
import * as invoke5_10 from "./invoke/5-10.js";
import * as invoke5_12 from "./invoke/5-12.js";
import * as invoke5_13 from "./invoke/5-13.js";
import * as invoke5_14 from "./invoke/5-14.js";
import * as map9_1 from "./map/9-1.js";
import * as map9_2 from "./map/9-2.js";
import * as map9_3 from "./map/9-3.js";
import * as map9_5 from "./map/9-5.js";
import * as map9_6 from "./map/9-6.js";
import * as map9_7 from "./map/9-7.js";
import * as map9_8 from "./map/9-8.js";
import * as map9_10 from "./map/9-10.js";
import * as map9_11 from "./map/9-11.js";
import * as map9_12 from "./map/9-12.js";
import * as map9_13 from "./map/9-13.js";
import * as map9_14 from "./map/9-14.js";
import * as map9_16 from "./map/9-16.js";
import * as map9_17 from "./map/9-17.js";
import * as map9_18 from "./map/9-18.js";
import * as map9_19 from "./map/9-19.js";
import * as map9_20 from "./map/9-20.js";
import * as parallel8_1 from "./parallel/8-1.js";
import * as parallel8_3 from "./parallel/8-3.js";
import * as parallel8_4 from "./parallel/8-4.js";
import * as parallel8_5 from "./parallel/8-5.js";
import * as parallel8_7 from "./parallel/8-7.js";
import * as parallel8_8 from "./parallel/8-8.js";
import * as parallel8_9 from "./parallel/8-9.js";
import * as parallel8_12 from "./parallel/8-12.js";
import * as parallel8_13 from "./parallel/8-13.js";
import * as parallel8_14 from "./parallel/8-14.js";
import * as parallel8_15 from "./parallel/8-15.js";
import * as parallel8_16 from "./parallel/8-16.js";
import * as parallel8_17 from "./parallel/8-17.js";
import * as parallel8_18 from "./parallel/8-18.js";
import * as parallel8_19 from "./parallel/8-19.js";
import * as parallel8_21 from "./parallel/8-21.js";
import * as parallel8_22 from "./parallel/8-22.js";
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
import * as waitForCallback7_1 from "./wait_for_callback/7-1.js";
import * as waitForCallback7_2 from "./wait_for_callback/7-2.js";
import * as waitForCallback7_3 from "./wait_for_callback/7-3.js";
import * as waitForCallback7_4 from "./wait_for_callback/7-4.js";
import * as waitForCallback7_5 from "./wait_for_callback/7-5.js";
import * as waitForCallback7_6 from "./wait_for_callback/7-6.js";
import * as waitForCallback7_7 from "./wait_for_callback/7-7.js";
import * as waitForCallback7_8 from "./wait_for_callback/7-8.js";
import * as waitForCallback7_10 from "./wait_for_callback/7-10.js";
import * as waitForCallback7_11 from "./wait_for_callback/7-11.js";
import * as waitForCallback7_13 from "./wait_for_callback/7-13.js";
import * as waitForCallback7_14 from "./wait_for_callback/7-14.js";
import * as waitForCallback7_15 from "./wait_for_callback/7-15.js";
import * as waitForCondition6_2 from "./wait_for_condition/6-2.js";
import * as waitForCondition6_3 from "./wait_for_condition/6-3.js";
import * as waitForCondition6_4 from "./wait_for_condition/6-4.js";
import * as waitForCondition6_5 from "./wait_for_condition/6-5.js";
import * as waitForCondition6_6 from "./wait_for_condition/6-6.js";
import * as waitForCondition6_7 from "./wait_for_condition/6-7.js";
import * as waitForCondition6_8 from "./wait_for_condition/6-8.js";
import * as waitForCondition6_9 from "./wait_for_condition/6-9.js";
import * as waitForCondition6_13 from "./wait_for_condition/6-13.js";

/**
 * The handler written for each conformance requirement, by requirement id. A requirement whose
 * id is missing here is reported as not implemented. An entry may carry the `functions` its
 * handler invokes and `notes` on where it departs from the requirement's prose.
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
  "3-1": child3_1,
  "3-2": child3_2,
  "3-4": child3_4,
  "3-5": child3_5,
  "3-7": child3_7,
  "3-8": child3_8,
  "3-9": child3_9,
  "3-10": child3_10,
  "3-11": child3_11,
  "3-12": child3_12,
  "3-13": child3_13,
  "3-14": child3_14,
  "3-15": child3_15,
  "3-16": child3_16,
  "4-1": callback4_1,
  "4-3": callback4_3,
  "4-4": callback4_4,
  "4-5": callback4_5,
  "4-6": callback4_6,
  "4-7": callback4_7,
  "4-8": callback4_8,
  "4-10": callback4_10,
  "4-11": callback4_11,
  "4-12": callback4_12,
  "4-13": callback4_13,
  "4-14": callback4_14,
  "4-16": callback4_16,
  "4-17": callback4_17,
  "4-18": callback4_18,
  "4-19": callback4_19,
  "5-1": invoke5_1,
  "5-2": invoke5_2,
  "5-3": invoke5_3,
  "5-4": invoke5_4,
  "5-5": invoke5_5,
  "5-6": invoke5_6,
  "5-7": invoke5_7,
  "5-8": invoke5_8,
  "5-9": invoke5_9,
  "5-10": invoke5_10,
  "5-12": invoke5_12,
  "5-13": invoke5_13,
  "5-14": invoke5_14,
  "6-2": waitForCondition6_2,
  "6-3": waitForCondition6_3,
  "6-4": waitForCondition6_4,
  "6-5": waitForCondition6_5,
  "6-6": waitForCondition6_6,
  "6-7": waitForCondition6_7,
  "6-8": waitForCondition6_8,
  "6-9": waitForCondition6_9,
  "6-13": waitForCondition6_13,
  "7-1": waitForCallback7_1,
  "7-2": waitForCallback7_2,
  "7-3": waitForCallback7_3,
  "7-4": waitForCallback7_4,
  "7-5": waitForCallback7_5,
  "7-6": waitForCallback7_6,
  "7-7": waitForCallback7_7,
  "7-8": waitForCallback7_8,
  "7-10": waitForCallback7_10,
  "7-11": waitForCallback7_11,
  "7-13": waitForCallback7_13,
  "7-14": waitForCallback7_14,
  "7-15": waitForCallback7_15,
  "8-1": parallel8_1,
  "8-3": parallel8_3,
  "8-4": parallel8_4,
  "8-5": parallel8_5,
  "8-7": parallel8_7,
  "8-8": parallel8_8,
  "8-9": parallel8_9,
  "8-12": parallel8_12,
  "8-13": parallel8_13,
  "8-14": parallel8_14,
  "8-15": parallel8_15,
  "8-16": parallel8_16,
  "8-17": parallel8_17,
  "8-18": parallel8_18,
  "8-19": parallel8_19,
  "8-21": parallel8_21,
  "8-22": parallel8_22,
  "9-1": map9_1,
  "9-2": map9_2,
  "9-3": map9_3,
  "9-5": map9_5,
  "9-6": map9_6,
  "9-7": map9_7,
  "9-8": map9_8,
  "9-10": map9_10,
  "9-11": map9_11,
  "9-12": map9_12,
  "9-13": map9_13,
  "9-14": map9_14,
  "9-16": map9_16,
  "9-17": map9_17,
  "9-18": map9_18,
  "9-19": map9_19,
  "9-20": map9_20,
};
