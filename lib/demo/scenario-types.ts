import type { DeliveryPayload } from "@/lib/forwarding/order-notification";
import type { AttemptOutcome, DeliveryStatus, LinkSource } from "@/lib/generated/prisma/client";
import type { DealStatus } from "@/lib/getcourse/statuses";
import type { Utm } from "@/lib/simulators/getcourse/state";
import type { LinkErrorCode } from "@/lib/linking/codes";
import type { GeneratedConversation, GeneratedConversations } from "@/lib/simulators/salebot/simulator";
import type { DemoMatchPlan } from "./scenario-matches";

/** One GetCourse user of the demo account; `id` is what the simulator will number it. */
export type DemoGcUser = { id: number; email: string; name: string | null; createdAt: Date; utm: Utm; phone?: string };

export type DemoLink = {
  sbClientId: string;
  telegramId: string | null;
  email: string;
  gcUserId: string;
  source: LinkSource;
  linkedAt: Date;
};

export type DemoAttempt = {
  requestId: string;
  sbClientId: string;
  telegramId: string | null;
  email: string;
  source: LinkSource;
  outcome: AttemptOutcome;
  errorCode: LinkErrorCode | null;
  errorDetail: string | null;
  gcUserId: string | null;
  durationMs: number;
  createdAt: Date;
  resolvedAt: Date | null;
};

export type DemoOrderEvent = {
  dedupeKey: string;
  kind: "created" | "paid" | "status_changed";
  status: DealStatus;
  paid: boolean;
  paidAmount: number | null;
  occurredAt: Date;
};

export type DemoOrder = {
  dealId: number;
  dealNumber: string;
  user: DemoGcUser;
  status: DealStatus;
  cost: number;
  /** What was paid in all (a refund request keeps it: the money came in, the order is no longer paid). */
  paidAmount: number | null;
  paid: boolean;
  currency: string;
  offer: string;
  utm: Utm;
  orderedAt: Date;
  paidAt: Date | null;
  events: DemoOrderEvent[];
};

export type DemoDelivery = {
  idempotencyKey: string;
  sbClientId: string;
  kind: string;
  payload: DeliveryPayload;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt: Date | null;
};

/** What happens live, through the hub's real endpoints, once the server is up. */
export type DemoLivePlan = {
  conversations: GeneratedConversations;
  links: { email: string; telegramId: string | null; sbClientId: string; expected: "success" | LinkErrorCode }[];
  deals: { email: string; offer: string; cost: number; currency: string; pay: boolean; utm: Utm }[];
  /** Clients who press their personal start link (`/api/link/start-link`, then `/start <code>`). */
  startLinks: { sbClientId: string; email: string; gcUserId: string }[];
};

export type DemoScenario = {
  seed: string;
  anchor: Date;
  projectId: string;
  /** Salebot history: clients, their dialogs, and the webhooks that carried them. */
  conversations: GeneratedConversations;
  /** History users first, then the users the live part links and sells to. */
  users: DemoGcUser[];
  links: DemoLink[];
  attempts: DemoAttempt[];
  orders: DemoOrder[];
  deliveries: DemoDelivery[];
  live: DemoLivePlan;
  /** What the chat-match part laid over the history (lib/demo/scenario-matches.ts). */
  matches: DemoMatchPlan;
};

export type ClientPlan = { conversation: GeneratedConversation; user: DemoGcUser | null; link: DemoLink | null };
