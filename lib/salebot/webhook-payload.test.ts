import { describe, expect, test } from "vitest";
import { messengerLabelOfClientType, messengerOfClientType } from "./client-types";
import { salebotDialogUrl } from "./urls";
import { attachmentUrls, salebotWebhookPayload, startParameterFromMessage, startParameterOf } from "./webhook-payload";

/** The doc's §3 body with realistic values, numbers where Salebot sends numbers. */
const documentedSample = {
  id: 104500,
  client: {
    id: 15099119,
    recepient: "2568652",
    client_type: 1,
    name: "Анна",
    avatar: "https://files.salebot.pro/uploads/avatars/1.jpg",
    created_at: "2025-03-01 10:00:00",
    tag: "webinar_may",
    group: "Salebotpro_bot",
  },
  message: "/start webinar_may",
  attachments: [],
  message_id: 390,
  project_id: 4242,
  is_input: 1,
  delivered: 1,
  error_message: "",
};

describe("salebotWebhookPayload", () => {
  test("parses the documented body", () => {
    const parsed = salebotWebhookPayload.parse(documentedSample);
    expect(parsed).toMatchObject({
      id: 104500,
      client: { id: 15099119, recepient: "2568652", client_type: 1, tag: "webinar_may", group: "Salebotpro_bot" },
      message: "/start webinar_may",
      attachments: [],
      message_id: "390",
      project_id: 4242,
      is_input: true,
      delivered: true,
    });
  });

  test("accepts ids, types and flags as strings, and keeps unknown fields", () => {
    const parsed = salebotWebhookPayload.parse({
      ...documentedSample,
      id: "104501",
      project_id: "4242",
      is_input: "0",
      delivered: "1",
      client: { ...documentedSample.client, id: "15099119", recepient: 2568652, client_type: "6", custom_answer: "{}" },
      operator_start_dialog: null,
    });
    expect(parsed.id).toBe(104501);
    expect(parsed.client).toMatchObject({ id: 15099119, recepient: "2568652", client_type: 6, custom_answer: "{}" });
    expect(parsed.is_input).toBe(false);
    expect(parsed).toHaveProperty("operator_start_dialog", null);
  });

  test("reads attachments as JSON, as dicts, or as a Python repr string", () => {
    expect(
      salebotWebhookPayload.parse({ ...documentedSample, attachments: "['https://a.ru/1.jpg', 'https://a.ru/2.pdf']" })
        .attachments,
    ).toEqual(["https://a.ru/1.jpg", "https://a.ru/2.pdf"]);
    expect(attachmentUrls([{ url: "https://a.ru/x.png", preview: "https://a.ru/x_s.png" }])).toEqual([
      "https://a.ru/x.png",
      "https://a.ru/x_s.png",
    ]);
    expect(attachmentUrls(null)).toEqual([]);
  });

  test("a webhook without client (system event) still parses", () => {
    const parsed = salebotWebhookPayload.parse({ id: 5, message: "new_chat_member", project_id: 4242 });
    expect(parsed.client).toBeNull();
    expect(parsed.is_input).toBeNull();
    expect(parsed.attachments).toEqual([]);
  });

  test("rejects a body that is not a Salebot webhook", () => {
    expect(salebotWebhookPayload.safeParse({ client: { id: "abc" } }).success).toBe(false);
    expect(salebotWebhookPayload.safeParse("hello").success).toBe(false);
  });
});

describe("start parameter", () => {
  test.each([
    ["/start webinar_may", "webinar_may"],
    ["/start@school_bot ads_vk", "ads_vk"],
    ["  /start   blog  ", "blog"],
    ["/start", null],
    ["hello /start x", null],
    [null, null],
  ])("from message %j → %j", (text, expected) => {
    expect(startParameterFromMessage(text)).toBe(expected);
  });

  test("client.tag wins over the first message", () => {
    expect(startParameterOf("tag_1", "/start other")).toBe("tag_1");
    expect(startParameterOf("", "/start other")).toBe("other");
    expect(startParameterOf(null, "Привет")).toBeNull();
  });
});

describe("client_type and URLs", () => {
  test("maps documented codes and keeps unknown ones visible", () => {
    expect(messengerOfClientType(1)).toBe("telegram");
    expect(messengerOfClientType(0)).toBe("vk");
    expect(messengerOfClientType(6)).toBe("whatsapp");
    expect(messengerOfClientType(16)).toBe("telegram_business");
    expect(messengerOfClientType(4)).toBe("unknown");
    expect(messengerOfClientType(null)).toBe("unknown");
    expect(messengerLabelOfClientType(4)).toBe("Unknown (4)");
    expect(messengerLabelOfClientType(14)).toBe("E-mail");
  });

  test("dialog URL", () => {
    expect(salebotDialogUrl(11111, 49177759)).toBe("https://salebot.pro/projects/11111/clients/49177759");
  });
});
