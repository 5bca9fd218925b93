import { expect, test } from "vitest";
import { decodeGetCourseBody, redactQuery, redactSecrets } from "./getcourse-body";

test.each([
  ["", undefined, null],
  ['{"deal_id":"1"}', { deal_id: "1" }, null],
  ["[1,2]", [1, 2], null],
  // A form sent without (or with a wrong) content type.
  ["deal_id=1&status=payed", { deal_id: "1", status: "payed" }, null],
  ["{not json", undefined, "the body is neither JSON nor a form"],
  ["hello world", undefined, "the body is neither JSON nor a form"],
])("body %j", (text, body, problem) => {
  expect(decodeGetCourseBody({ text, form: null })).toEqual({ body, problem });
});

test("a decoded form wins over its text; a body nested too deep is a problem, not a crash", () => {
  expect(decodeGetCourseBody({ text: "ignored", form: { a: "1" } })).toEqual({ body: { a: "1" }, problem: null });
  expect(decodeGetCourseBody({ text: `${"[".repeat(100)}${"]".repeat(100)}`, form: null }).problem).toBe(
    "the JSON body nests too deep",
  );
});

test("secrets are redacted in JSON, form and query text, whatever their case", () => {
  expect(redactSecrets('{"Token": "abc\\"d", "deal_id": "1", "api_key":"k"}')).toBe(
    '{"Token": "[redacted]", "deal_id": "1", "api_key":"[redacted]"}',
  );
  expect(redactSecrets("deal_id=1&token=abc&secret=s")).toBe("deal_id=1&token=[redacted]&secret=[redacted]");
  expect(redactQuery({ token: "abc", TOKEN: "x", deal_id: "1" })).toEqual({
    token: "[redacted]",
    TOKEN: "[redacted]",
    deal_id: "1",
  });
});
