import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A tiny HTTP receiver for tests: records every JSON body posted to it. */
export type WebhookReceiver = {
  url: string;
  received: Array<{ path: string; body: unknown }>;
  /** Status to answer with; tests flip it to see failures recorded. */
  answerStatus: number;
  close(): Promise<void>;
};

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: "",
    received: [],
    answerStatus: 200,
    close: async () => undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      receiver.received.push({ path: req.url ?? "/", body });
      res.writeHead(receiver.answerStatus, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/api/webhooks/salebot?token=test`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
