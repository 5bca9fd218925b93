import { expect, test } from "vitest";
import { withKeyLocks } from "./key-lock";

const tick = () => new Promise((r) => setTimeout(r, 2));

test("work under the same key runs one at a time, in arrival order", async () => {
  const order: string[] = [];
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      withKeyLocks(["client:1"], async () => {
        inside += 1;
        most = Math.max(most, inside);
        await tick();
        order.push(String(i));
        inside -= 1;
      }),
    ),
  );
  expect(most).toBe(1);
  expect(order).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
});

test("different keys run side by side, and crossed key sets do not deadlock", async () => {
  let inside = 0;
  let most = 0;
  const work = async () => {
    inside += 1;
    most = Math.max(most, inside);
    await tick();
    inside -= 1;
  };
  await Promise.all([withKeyLocks(["a"], work), withKeyLocks(["b"], work)]);
  expect(most).toBe(2);
  await Promise.all([withKeyLocks(["x", "y"], work), withKeyLocks(["y", "x"], work)]);
});

test("a failure releases the key", async () => {
  await expect(withKeyLocks(["k"], async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  await expect(withKeyLocks(["k"], async () => "next")).resolves.toBe("next");
});
