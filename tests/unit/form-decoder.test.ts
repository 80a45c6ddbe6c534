// The app's one form decoder: names become rows and records, never a path into our own objects.
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { proposalSchema } from "~/domains/proposals/schemas";
import { logInSchema } from "~/domains/accounts/schemas";
import { isMessageKey } from "~/locales";
import { AppError } from "~/utils/errors";
import { decodeForm, FORM_LIMITS, textField } from "~/utils/form-decoder";

const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data.entries();
};

function refusal(fields: [string, string][]): AppError {
  try {
    decodeForm(form(fields));
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the form was accepted");
}

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).q;
  delete (Object.prototype as Record<string, unknown>).contact;
});

describe("the form decoder reads", () => {
  it("flat fields as they are, repeated names as lists, and drops empty text and NUL characters", () => {
    const out = decodeForm(form([["title", "  路灯坏了 "], ["tag", "a"], ["tag", "b"], ["note", "  "], ["name", "张\u0000三"]]));
    expect({ ...out }).toEqual({ title: "路灯坏了", tag: ["a", "b"], name: "张三" });
    expect(Object.getPrototypeOf(out)).toBeNull();
  });

  it("rows by their numbers in order with gaps closed, and a record of answers, all without prototypes", () => {
    const out = decodeForm(
      form([
        ["budget.2.amount", "30"],
        ["budget.0.amount", "10"],
        ["budget.1.amount", ""],
        ["milestones.0.deliverables.0.target", "5"],
        ["answers.9b1c-q", "我们有经验"],
      ]),
    );
    expect(JSON.parse(JSON.stringify(out))).toEqual({ budget: [{ amount: "10" }, { amount: "30" }], milestones: [{ deliverables: [{ target: "5" }] }], answers: { "9b1c-q": "我们有经验" } });
    expect(Object.getPrototypeOf((out.budget as object[])[0])).toBeNull();
    expect(Object.getPrototypeOf(out.answers)).toBeNull();
  });
});

describe("the form decoder refuses, as bad input in Chinese", () => {
  it.each(["__proto__", "constructor", "prototype"])("%s in any part of a name", (word) => {
    for (const name of [word, `${word}.q`, `budget.${word}.x`, `constructor.prototype.q`, `answers.${word}`, `milestones.0.${word}`]) {
      const error = refusal([[name, "zzzz"]]);
      expect(error.code).toBe("bad_input");
      expect(error.messageKey).toBe("errors.formFieldName");
    }
    expect(({} as Record<string, unknown>).q).toBeUndefined();
  });

  it("empty parts, row numbers with leading zeros, and a name that is both a value and a group", () => {
    for (const fields of [[["a..b", "1"]], [[".a", "1"]], [["budget.01.amount", "1"]], [["a", "1"], ["a.b", "2"]], [["a.b", "2"], ["a", "1"]]] as [string, string][][]) {
      expect(refusal(fields).messageKey).toBe("errors.formFieldName");
    }
  });

  it("names in other decoders' bracket syntax or with characters our forms never use, the forbidden words hidden inside them", () => {
    for (const name of ["x[__proto__]", "x[constructor][prototype][q]", "e" + "[e]".repeat(50), "x[]", "x[0]", "a b", "a\"b", "名字"]) {
      expect(refusal([[name, "1"]]).messageKey).toBe("errors.formFieldName");
    }
  });

  it("forms past the limits: fields, depth, row numbers, long names", () => {
    const many = Array.from({ length: FORM_LIMITS.maxFields + 1 }, (_, i) => [`f${i}`, ""] as [string, string]);
    expect(refusal(many).messageKey).toBe("errors.formTooManyFields");
    expect(refusal([["a.b.c.d.e.f", "1"]]).messageKey).toBe("errors.formTooDeep");
    expect(refusal([["budget.100.amount", "1"]]).messageKey).toBe("errors.formTooManyRows");
    expect(refusal([["budget.99999999999999999999.amount", "1"]]).messageKey).toBe("errors.formTooManyRows");
    expect(refusal([["a".repeat(201), "1"]]).messageKey).toBe("errors.formFieldName");
    for (const key of ["errors.formFieldName", "errors.formTooManyFields", "errors.formTooDeep", "errors.formTooManyRows"]) expect(isMessageKey(key)).toBe(true);
  });

  it("takes a form right at the limits", () => {
    const fields = Array.from({ length: FORM_LIMITS.maxFields }, (_, i) => [`budget.${i % 100}.f${Math.floor(i / 100)}`, "1"] as [string, string]);
    expect((decodeForm(form(fields)).budget as unknown[]).length).toBe(100);
    expect(decodeForm(form([["milestones.99.deliverables.0.target", "1"]])).milestones).toHaveLength(1);
  });
});

describe("schemas read only what the form sent", () => {
  it("a key set on Object.prototype changes no parse of decoded fields", () => {
    const fields = decodeForm(form([["contact", "13800138000"], ["password", "secret-password"]]));
    const clean = logInSchema.safeParse(fields);
    (Object.prototype as Record<string, unknown>).contact = ["polluted"];
    (Object.prototype as Record<string, unknown>).q = "zzzz";
    expect(logInSchema.safeParse(fields)).toEqual(clean);
    const withOptional = z.object({ q: z.string().optional() });
    expect(withOptional.parse(decodeForm(form([])))).toEqual({});
    const proposal = proposalSchema.parse(decodeForm(form([["approach", "入户探访"]])));
    expect(proposal.answers).toEqual({});
    expect(textField(decodeForm(form([])), "contact")).toBe("");
  });

  it("the proposal schema takes the decoded rows", () => {
    const parsed = proposalSchema.safeParse(decodeForm(form([["budget.0.category", "personnel"], ["budget.0.description", "社工"], ["budget.0.amount", "1,000"], ["milestones.0.title", "开展活动"], ["milestones.0.dueDate", "2026-09-01"], ["milestones.0.share", "100"]])));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["milestones.0.deliverables", "proposals.deliverableRequired"]]);
  });
});
