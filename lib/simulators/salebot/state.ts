import type { SalebotVariableValue } from "@/lib/salebot/schemas";

/** In-memory Salebot project the simulator serves; tests seed and inspect it directly. */

export type SimVariables = Record<string, SalebotVariableValue>;

export type SimHistoryItem = {
  id: number;
  clientReplica: boolean;
  /** 0 normal, 1 sent via API, 2 from a CRM, 3 callback. */
  messageFromOutside: number;
  /** Bot block id (`message_id`), when the bot sent a block. */
  blockId: string | null;
  createdAt: Date;
  text: string;
  attachments: string[];
  delivered: boolean;
};

export type SimClient = {
  id: number;
  platformId: string;
  clientType: number;
  /** The bot: Telegram bot username, VK group id, ... */
  group: string;
  name: string | null;
  tag: string | null;
  avatar: string | null;
  createdAt: Date;
  updatedAt: Date;
  clientVariables: SimVariables;
  /** The current deal's variables: where unprefixed `save_variables` names go. */
  dealVariables: SimVariables;
  history: SimHistoryItem[];
};

export type NewSimClient = {
  id?: number;
  platformId: string | number;
  clientType?: number;
  group?: string;
  name?: string | null;
  tag?: string | null;
  avatar?: string | null;
  createdAt?: Date;
  variables?: SimVariables;
  dealVariables?: SimVariables;
};

export type NewSimHistoryItem = {
  /** Fixed id, e.g. to match webhooks generated earlier; default the next free one. */
  id?: number;
  text: string;
  fromClient: boolean;
  messageFromOutside?: number;
  blockId?: string | null;
  at?: Date;
  attachments?: string[];
  delivered?: boolean;
};

export const DEFAULT_SIM_BOT = "hub_demo_bot";

export class SalebotSimState {
  private readonly byId = new Map<number, SimClient>();
  private readonly lists = new Map<number, Set<number>>();
  private nextClientId = 1_000_001;
  private nextHistoryId = 500_001;
  projectVariables: SimVariables = {};

  constructor(private readonly now: () => Date = () => new Date()) {}

  addClient(input: NewSimClient): SimClient {
    const id = input.id ?? this.nextClientId;
    if (this.byId.has(id)) throw new Error(`salebot simulator: client ${id} already exists`);
    this.nextClientId = Math.max(this.nextClientId, id + 1);
    const createdAt = input.createdAt ?? this.now();
    const client: SimClient = {
      id,
      platformId: String(input.platformId),
      clientType: input.clientType ?? 1,
      group: input.group ?? DEFAULT_SIM_BOT,
      name: input.name ?? null,
      tag: input.tag ?? null,
      avatar: input.avatar ?? null,
      createdAt,
      updatedAt: createdAt,
      clientVariables: { ...input.variables },
      dealVariables: { ...input.dealVariables },
      history: [],
    };
    this.byId.set(id, client);
    return client;
  }

  client(id: number | string): SimClient | undefined {
    const numeric = typeof id === "number" ? id : Number(id);
    return Number.isInteger(numeric) ? this.byId.get(numeric) : undefined;
  }

  /** Oldest first (by id, which grows with creation). */
  clients(): SimClient[] {
    return [...this.byId.values()].sort((a, b) => a.id - b.id);
  }

  removeClient(id: number): void {
    this.byId.delete(id);
    for (const members of this.lists.values()) members.delete(id);
  }

  findByPlatformId(platformId: string | number, group?: string, clientType?: number): SimClient[] {
    return this.clients().filter(
      (client) =>
        client.platformId === String(platformId) &&
        (group === undefined || client.group === group) &&
        (clientType === undefined || client.clientType === clientType),
    );
  }

  findByVariable(name: string, value: string, options: { searchInDeals?: boolean; group?: string } = {}): SimClient[] {
    return this.clients().filter((client) => {
      if (options.group !== undefined && client.group !== options.group) return false;
      const scope = options.searchInDeals ? client.dealVariables : client.clientVariables;
      const stored = scope[name];
      return stored !== undefined && stored !== null && String(stored) === value;
    });
  }

  /** `name` → deal variable, `client.name` → client variable (doc §2.4). */
  saveVariables(clientId: number, variables: SimVariables): void {
    const client = this.requireClient(clientId);
    for (const [name, value] of Object.entries(variables)) {
      if (name.startsWith("client.")) client.clientVariables[name.slice("client.".length)] = value;
      else client.dealVariables[name] = value;
    }
    client.updatedAt = this.now();
  }

  /** The merged view bots read: deal > client > project, plus the built-in variables. */
  variablesOf(clientId: number): SimVariables {
    const client = this.requireClient(clientId);
    return {
      ...this.projectVariables,
      client_id: client.id,
      platform_id: client.platformId,
      client_type: client.clientType,
      name: client.name,
      avatar: client.avatar,
      tag: client.tag,
      group: client.group,
      main_client_id: "NONE",
      message_id: client.history.findLast((item) => !item.clientReplica)?.blockId ?? "NONE",
      ...client.clientVariables,
      ...client.dealVariables,
    };
  }

  addHistory(clientId: number, input: NewSimHistoryItem): SimHistoryItem {
    const client = this.requireClient(clientId);
    const id = input.id ?? this.nextHistoryId;
    this.nextHistoryId = Math.max(this.nextHistoryId, id + 1);
    const item: SimHistoryItem = {
      id,
      clientReplica: input.fromClient,
      messageFromOutside: input.messageFromOutside ?? (input.fromClient ? 0 : 1),
      blockId: input.blockId ?? null,
      createdAt: input.at ?? this.now(),
      text: input.text,
      attachments: input.attachments ?? [],
      delivered: input.delivered ?? true,
    };
    client.history.push(item);
    client.updatedAt = item.createdAt;
    return item;
  }

  addToList(listId: number, clientIds: readonly number[]): void {
    const members = this.lists.get(listId) ?? new Set<number>();
    for (const id of clientIds) members.add(id);
    this.lists.set(listId, members);
  }

  listMembers(listId: number): number[] {
    return [...(this.lists.get(listId) ?? [])];
  }

  private requireClient(id: number): SimClient {
    const client = this.byId.get(id);
    if (!client) throw new Error(`salebot simulator: no client ${id}`);
    return client;
  }
}
