// The one place where form field names become nested data. `budget.0.amount` and
// `milestones.1.deliverables.0.target` become rows, `answers.<id>` a record; everything else stays
// a flat field. A field name is the sender's text, so it is never a path into our own objects:
// the result is built from Maps and handed out as objects without a prototype, `__proto__`,
// `prototype` and `constructor` are refused in any part of a name, and the shape is bounded
// (fields, depth, row numbers) so a hostile form costs little and is answered as bad input.
import { AppError } from "./errors";

export type FormValue = string | File | FormValue[] | FormRecord;
/** Decoded fields: an object without a prototype, so no inherited key is ever read as a field. */
export type FormRecord = { [name: string]: FormValue | undefined };

export interface FormLimits {
  /** Fields in one form, empty ones included. */
  maxFields: number;
  /** Parts of one name: `milestones.0.deliverables.0.target` has five (four levels of nesting). */
  maxParts: number;
  /** The highest row number: rows are 0…maxIndex. */
  maxIndex: number;
  /** Characters in one name. */
  maxNameLength: number;
}

export const FORM_LIMITS: FormLimits = { maxFields: 500, maxParts: 5, maxIndex: 99, maxNameLength: 200 };

const FORBIDDEN_PARTS = new Set(["__proto__", "prototype", "constructor"]);
// Our forms name fields with letters, digits, `_`, `-` and the `.` between parts. Anything else —
// brackets (`x[__proto__]`, the syntax other decoders nest by), spaces, quotes — is no field of ours,
// and a forbidden word hidden inside a part (`x[constructor]`) is refused with it.
const FIELD_NAME = /^[A-Za-z0-9_.-]+$/;
const ROW_NUMBER = /^\d+$/;

type Node = { values: FormValue[] } | { children: Map<string, Node> };

const refuse = (message: "errors.formFieldName" | "errors.formTooManyFields" | "errors.formTooDeep" | "errors.formTooManyRows") =>
  new AppError("bad_input", { message, fieldErrors: {} });

function partsOf(name: string, limits: FormLimits): string[] {
  if (name.length > limits.maxNameLength || !FIELD_NAME.test(name)) throw refuse("errors.formFieldName");
  const parts = name.split(".");
  if (parts.length > limits.maxParts) throw refuse("errors.formTooDeep");
  for (const part of parts) {
    if (part === "" || FORBIDDEN_PARTS.has(part)) throw refuse("errors.formFieldName");
    if (!ROW_NUMBER.test(part)) continue;
    if (part.length > 1 && part.startsWith("0")) throw refuse("errors.formFieldName"); // "01" is not a row number
    if (Number(part) > limits.maxIndex) throw refuse("errors.formTooManyRows");
  }
  return parts;
}

/** What a field's value means: text without NUL (PostgreSQL refuses it) and trimmed; empty text is no value. */
function valueOf(raw: FormDataEntryValue): FormValue | undefined {
  if (typeof raw !== "string") return raw;
  const text = raw.replaceAll("\u0000", "").trim();
  return text === "" ? undefined : text;
}

function toData(node: Node): FormValue {
  if ("values" in node) return node.values.length === 1 ? node.values[0] : node.values;
  const keys = [...node.children.keys()];
  if (keys.every((key) => ROW_NUMBER.test(key))) {
    // Rows: in order of their numbers, gaps closed (a row left wholly empty never got here).
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => toData(node.children.get(key)!));
  }
  const record: FormRecord = Object.create(null);
  for (const [key, child] of node.children) record[key] = toData(child);
  return record;
}

/**
 * Form entries → nested data without prototypes. Repeated names become lists; empty text is
 * dropped (so is a row whose fields are all empty). Throws a bad_input AppError for a hostile name
 * or a form past the limits.
 */
export function decodeForm(entries: Iterable<[string, FormDataEntryValue]>, limits: FormLimits = FORM_LIMITS): FormRecord {
  const root: Map<string, Node> = new Map();
  let fields = 0;
  for (const [name, raw] of entries) {
    if (++fields > limits.maxFields) throw refuse("errors.formTooManyFields");
    const parts = partsOf(name, limits);
    const value = valueOf(raw);
    if (value === undefined) continue;
    let children = root;
    for (const part of parts.slice(0, -1)) {
      const node = children.get(part) ?? { children: new Map() };
      if (!("children" in node)) throw refuse("errors.formFieldName"); // `a=1&a.b=2`: a is a value and a group
      children.set(part, node);
      children = node.children;
    }
    const last = parts[parts.length - 1];
    const leaf = children.get(last) ?? { values: [] };
    if (!("values" in leaf)) throw refuse("errors.formFieldName");
    leaf.values.push(value);
    children.set(last, leaf);
  }
  const out: FormRecord = Object.create(null);
  for (const [key, node] of root) out[key] = toData(node);
  return out;
}

/** A flat field's text, or "" (for ids and choices read before the schema, such as which organisation). */
export function textField(fields: FormRecord, name: string): string {
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  return typeof value === "string" ? value : "";
}
