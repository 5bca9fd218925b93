import { expect, test } from "vitest";
import { createSignInThrottle, type ThrottleKey } from "./sign-in-throttle";

const MINUTE = 60_000;
const email = (value: string): ThrottleKey => ({ kind: "email", value });
const ip = (value: string): ThrottleKey => ({ kind: "ip", value });

function setup() {
  let at = 1_000_000;
  const throttle = createSignInThrottle({ now: () => at });
  return { throttle, advance: (ms: number) => (at += ms) };
}

test("five wrong passwords for one e-mail lock it for 15 minutes", () => {
  const { throttle, advance } = setup();
  const keys = [email("a@x.ru"), ip("1.1.1.1")];
  for (let i = 0; i < 4; i++) expect(throttle.fail(keys)).toEqual({ locked: false });
  expect(throttle.fail(keys)).toEqual({ locked: true, retryAfterMs: 15 * MINUTE });
  advance(14 * MINUTE);
  expect(throttle.check([email("A@X.RU")])).toEqual({ locked: true, retryAfterMs: MINUTE });
  advance(MINUTE);
  expect(throttle.check(keys)).toEqual({ locked: false });
});

test("failures older than the window do not count", () => {
  const { throttle, advance } = setup();
  for (let i = 0; i < 4; i++) throttle.fail([email("a@x.ru")]);
  advance(16 * MINUTE);
  expect(throttle.fail([email("a@x.ru")])).toEqual({ locked: false });
});

test("a correct password clears the e-mail's count, not the address's", () => {
  const { throttle } = setup();
  for (let i = 0; i < 4; i++) throttle.fail([email("a@x.ru"), ip("1.1.1.1")]);
  throttle.clear(email("a@x.ru"));
  expect(throttle.fail([email("a@x.ru")])).toEqual({ locked: false });
});

test("one address guessing many e-mails is locked after 20 failures", () => {
  const { throttle } = setup();
  for (let i = 0; i < 19; i++) expect(throttle.fail([email(`u${i}@x.ru`), ip("6.6.6.6")]).locked).toBe(false);
  expect(throttle.fail([email("u19@x.ru"), ip("6.6.6.6")]).locked).toBe(true);
  expect(throttle.check([email("fresh@x.ru"), ip("6.6.6.6")]).locked).toBe(true);
  expect(throttle.check([email("fresh@x.ru"), ip("7.7.7.7")]).locked).toBe(false);
});

test("memory stays bounded", () => {
  const throttle = createSignInThrottle({ maxKeys: 3 });
  for (let i = 0; i < 10; i++) throttle.fail([email(`u${i}@x.ru`)]);
  for (let i = 0; i < 4; i++) throttle.fail([email("last@x.ru")]);
  expect(throttle.fail([email("last@x.ru")]).locked).toBe(true);
});
