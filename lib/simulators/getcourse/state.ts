import type { DealStatus, PaymentStatus, UserStatus } from "@/lib/getcourse/statuses";

/** In-memory GetCourse account of the simulator. Tests seed and inspect it directly. */

export const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type Utm = Partial<Record<UtmKey, string>>;

export type SimField = { id: number; title: string; type: string; context: "user" | "deal"; required: boolean };

export type SimUser = {
  id: number;
  email: string;
  phone: string;
  firstName: string;
  lastName: string;
  city: string;
  country: string;
  status: UserStatus;
  createdAt: Date;
  /** Custom field values by field id. */
  fields: Record<number, string>;
  groups: string[];
  utm: Utm;
};

export type SimPayment = { id: number; amount: number; status: PaymentStatus; type: string; createdAt: Date };

export type SimDeal = {
  id: number;
  number: string;
  userId: number;
  offerId: string;
  offerCode: string;
  productTitle: string;
  cost: number;
  currency: string;
  status: DealStatus;
  payedMoney: number;
  createdAt: Date;
  statusChangedAt: Date;
  payedAt: Date | undefined;
  finishedAt: Date | undefined;
  promocode: string;
  managerEmail: string;
  fields: Record<number, string>;
  utm: Utm;
  payments: SimPayment[];
};

/** What changed on a deal; the simulator turns it into process callbacks and Tech API webhooks. */
export type DealChange =
  | { kind: "created"; deal: SimDeal; user: SimUser }
  | { kind: "status_changed"; deal: SimDeal; user: SimUser; previousStatus: DealStatus; becamePaid: boolean };

export type NewUser = {
  email: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  city?: string;
  country?: string;
  status?: UserStatus;
  createdAt?: Date;
  /** Custom field values by field title (the field must exist) or id. */
  fields?: Record<string, string>;
  groups?: string[];
  utm?: Utm;
};

export type NewDeal = {
  /** The buyer: an existing user id, or an e-mail (created when unknown). */
  user: number | string;
  number?: string;
  offerId?: string;
  offerCode?: string;
  productTitle?: string;
  cost: number;
  currency?: string;
  status?: DealStatus;
  createdAt?: Date;
  promocode?: string;
  managerEmail?: string;
  fields?: Record<string, string>;
  utm?: Utm;
};

const snapshot = <T>(value: T): T => structuredClone(value);

export class GetCourseSimState {
  readonly fields: SimField[] = [];
  readonly users: SimUser[] = [];
  readonly deals: SimDeal[] = [];
  /** The school's staff: what `common/get-personal-managers` lists; kept apart so exports stay customers only. */
  readonly staff: Array<SimUser & { role: "admin" | "teacher" }> = [];
  private nextFieldId = 1001;
  private nextUserId = 500_001;
  private nextDealId = 870_001;
  private nextDealNumber = 10_001;
  private nextPaymentId = 1;
  /** Set by the simulator; seed with `{ silent: true }` to skip callbacks. */
  onDealChange: ((change: DealChange) => void) | undefined;

  /** Adds a custom field to the account's dictionary. */
  addField(field: {
    title: string;
    type?: string;
    context?: "user" | "deal";
    required?: boolean;
    id?: number;
  }): SimField {
    const id = field.id ?? this.nextFieldId++;
    const created: SimField = {
      id,
      title: field.title,
      type: field.type ?? "string",
      context: field.context ?? "user",
      required: field.required ?? false,
    };
    this.fields.push(created);
    return created;
  }

  /** Resolves a field by id or title (titles compare trimmed, case-insensitive, like GetCourse's users do). */
  findField(titleOrId: string | number, context: "user" | "deal" = "user"): SimField | undefined {
    const wanted = String(titleOrId).trim().toLowerCase();
    return this.fields.find(
      (field) =>
        field.context === context && (String(field.id) === wanted || field.title.trim().toLowerCase() === wanted),
    );
  }

  private fieldValues(values: Record<string, string> | undefined, context: "user" | "deal"): Record<number, string> {
    const out: Record<number, string> = {};
    for (const [titleOrId, value] of Object.entries(values ?? {})) {
      const field = this.findField(titleOrId, context);
      if (!field) throw new Error(`simulator: no ${context} field "${titleOrId}"; add it with state.addField first`);
      out[field.id] = value;
    }
    return out;
  }

  addUser(user: NewUser): SimUser {
    const created: SimUser = {
      id: this.nextUserId++,
      email: user.email.trim().toLowerCase(),
      phone: user.phone ?? "",
      firstName: user.firstName ?? "",
      lastName: user.lastName ?? "",
      city: user.city ?? "",
      country: user.country ?? "",
      status: user.status ?? "active",
      createdAt: user.createdAt ?? new Date(),
      fields: this.fieldValues(user.fields, "user"),
      groups: [...(user.groups ?? [])],
      utm: { ...user.utm },
    };
    this.users.push(created);
    return created;
  }

  findUserByEmail(email: string): SimUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.users.find((user) => user.email === wanted);
  }

  /** A staff member (personal manager); the Tech API finds them like any user. */
  addStaff(email: string, role: "admin" | "teacher" = "admin"): SimUser {
    const nextUserId = this.nextUserId;
    this.nextUserId = 100_001 + this.staff.length;
    const member = { ...this.addUser({ email }), role };
    this.nextUserId = nextUserId;
    this.users.pop();
    this.staff.push(member);
    return member;
  }

  findUserByPhone(phone: string): SimUser | undefined {
    return phone ? this.users.find((user) => user.phone === phone) : undefined;
  }

  getUser(id: number): SimUser | undefined {
    return this.users.find((user) => user.id === id);
  }

  /** A user's custom field value by title or id ("" when unset). */
  userFieldValue(user: SimUser | number, titleOrId: string | number): string {
    const target = typeof user === "number" ? this.getUser(user) : user;
    const field = this.findField(titleOrId, "user");
    return (target && field && target.fields[field.id]) ?? "";
  }

  findDealByNumber(number: string): SimDeal | undefined {
    return this.deals.find((deal) => deal.number === number);
  }

  getDeal(id: number): SimDeal | undefined {
    return this.deals.find((deal) => deal.id === id);
  }

  private buyerOf(user: number | string): SimUser {
    if (typeof user === "number") {
      const found = this.getUser(user);
      if (!found) throw new Error(`simulator: no user ${user}`);
      return found;
    }
    return this.findUserByEmail(user) ?? this.addUser({ email: user });
  }

  private emit(change: DealChange, silent: boolean | undefined): void {
    if (!silent) this.onDealChange?.({ ...change, deal: snapshot(change.deal), user: snapshot(change.user) });
  }

  /** Creates an order; a `payed` status also records a payment of the full cost (free orders too). */
  addDeal(deal: NewDeal, options: { silent?: boolean } = {}): SimDeal {
    const buyer = this.buyerOf(deal.user);
    const createdAt = deal.createdAt ?? new Date();
    const status = deal.status ?? "new";
    const created: SimDeal = {
      id: this.nextDealId++,
      number: deal.number ?? String(this.nextDealNumber++),
      userId: buyer.id,
      offerId: deal.offerId ?? "",
      offerCode: deal.offerCode ?? "",
      productTitle: deal.productTitle ?? deal.offerCode ?? "Предложение",
      cost: deal.cost,
      currency: deal.currency ?? "RUB",
      status,
      payedMoney: 0,
      createdAt,
      statusChangedAt: createdAt,
      payedAt: undefined,
      finishedAt: undefined,
      promocode: deal.promocode ?? "",
      managerEmail: deal.managerEmail ?? "",
      fields: this.fieldValues(deal.fields, "deal"),
      utm: { ...deal.utm },
      payments: [],
    };
    if (status === "payed") this.recordPayment(created, created.cost, createdAt);
    this.deals.push(created);
    this.emit({ kind: "created", deal: created, user: buyer }, options.silent);
    return created;
  }

  private recordPayment(deal: SimDeal, amount: number, at: Date): void {
    deal.payments.push({ id: this.nextPaymentId++, amount, status: "accepted", type: "CARD", createdAt: at });
    deal.payedMoney = Math.round((deal.payedMoney + amount) * 100) / 100;
    deal.payedAt = at;
    if (deal.payedMoney >= deal.cost) deal.finishedAt = at;
  }

  /** Changes an order's status; moving to `payed` pays what is left, as the import does. */
  setDealStatus(dealId: number, status: DealStatus, options: { silent?: boolean } = {}): SimDeal {
    const deal = this.getDeal(dealId);
    if (!deal) throw new Error(`simulator: no deal ${dealId}`);
    const previousStatus = deal.status;
    const at = new Date();
    if (status === "payed" && deal.payedMoney < deal.cost) this.recordPayment(deal, deal.cost - deal.payedMoney, at);
    if (previousStatus === status) return deal;
    deal.status = status;
    deal.statusChangedAt = at;
    const user = this.buyerOf(deal.userId);
    this.emit({ kind: "status_changed", deal, user, previousStatus, becamePaid: status === "payed" }, options.silent);
    return deal;
  }

  /** Records a payment; the order becomes `payed` when fully paid, else `part_payed`. */
  payDeal(dealId: number, amount?: number, options: { silent?: boolean } = {}): SimDeal {
    const deal = this.getDeal(dealId);
    if (!deal) throw new Error(`simulator: no deal ${dealId}`);
    const left = Math.max(0, deal.cost - deal.payedMoney);
    const paid = amount ?? left;
    this.recordPayment(deal, paid, new Date());
    return this.setDealStatus(dealId, deal.payedMoney >= deal.cost ? "payed" : "part_payed", options);
  }
}
