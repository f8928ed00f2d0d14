import htm from "htm";
import { h, type VNode } from "preact";

/** htm bound to Preact: tagged templates instead of JSX, so the console needs no JSX transform. */
export const html = htm.bind(h) as (strings: TemplateStringsArray, ...values: unknown[]) => VNode;
