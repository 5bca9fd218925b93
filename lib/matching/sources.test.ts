import { expect, test } from "vitest";
import { phoneInPayload, phonesOfClient } from "./sources";

test("a WhatsApp client is known by its id; phone variables by any usual name; each number once, the id first", () => {
  expect(
    phonesOfClient({
      messenger: "whatsapp",
      platformId: "79001234567@s.whatsapp.net",
      variables: { phone: "8 900 123-45-67", "client.phone": "+7 (495) 765-43-21", city: "89001112233" },
    }),
  ).toEqual([
    { phone: "+79001234567", origin: "whatsapp_id" },
    { phone: "+74957654321", origin: "variable" },
  ]);
});

test("a Telegram id is no phone, nor is a variable that holds something else", () => {
  expect(
    phonesOfClient({
      messenger: "telegram",
      platformId: "5012345678",
      variables: { phone: "нет", tg_username: "anna", telephone: 79001234567 },
    }),
  ).toEqual([{ phone: "+79001234567", origin: "variable" }]);
  expect(phonesOfClient({ messenger: "telegram", platformId: "5012345678", variables: null })).toEqual([]);
});

test("the buyer's phone in a GetCourse event: a process URL's `phone`, or the Tech API's user.phone", () => {
  expect(phoneInPayload({ deal_id: "1", Phone: "8 (900) 123-45-67" })).toBe("+79001234567");
  expect(phoneInPayload({ eventType: "getcourse/dealPaid", user: { id: "1:2", phone: "+79001234567" } })).toBe(
    "+79001234567",
  );
  expect(phoneInPayload({ deal_id: "1", phone: "{object.user.phone}" })).toBeNull();
  expect(phoneInPayload(["+79001234567"])).toBeNull();
});
