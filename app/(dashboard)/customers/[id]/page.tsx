import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { ExternalLink } from "@/components/links/external-link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { TechnicalDetail } from "@/components/ui/technical-detail";
import { Truncated } from "@/components/ui/truncated";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { botLabel, errorCodeLabel, eventLabel, gcStatusLabel, messengerLabel, outcomeLabel } from "@/lib/i18n/codes";
import { getTranslator } from "@/lib/i18n/server";
import { getCustomer, type Customer } from "@/lib/queries/customers";
import { customerId } from "@/lib/queries/links";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { deepLinks } from "@/lib/queries/deep-links";
import { titledWhenFound } from "@/lib/i18n/metadata";
import { PlainTableHead } from "@/components/ui/plain-table-head";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ id: string }> };

// One query per request, shared by the title and the page.
const findCustomer = cache(getCustomer);

export const generateMetadata = titledWhenFound(
  "customers.pageTitle",
  "customers.read",
  async ({ params }: Props) => (await findCustomer((await params).id)) !== null,
);

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card className="space-y-3 overflow-x-auto" data-testid={testId}>
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
    </Card>
  );
}

function Field({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={`min-w-0 ${className ?? ""}`}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children ?? "—"}</dd>
    </div>
  );
}

const td = "px-3 py-2 align-top";

type Attempt = Customer["attempts"][number];

/**
 * Link attempts as a table. With `projectId` the rows are other clients' (naming this customer's
 * e-mail): each says whose it is and links to that client's card.
 */
function AttemptsTable({
  attempts,
  t,
  locale,
  when,
  projectId,
}: {
  attempts: Attempt[];
  t: Translate;
  locale: Locale;
  when: (value: Date) => string;
  projectId?: string;
}) {
  return (
    <table className="w-full text-sm">
      <PlainTableHead
        cell="px-3 py-2"
        columns={[
          t("customers.attempts.when"),
          ...(projectId === undefined ? [] : [t("customers.otherAttempts.client")]),
          t("customers.attempts.outcome"),
          t("customers.attempts.error"),
          t("customers.attempts.source"),
          t("customers.link.email"),
        ]}
      />
      <tbody>
        {attempts.map((attempt) => (
          <tr key={attempt.id} className="border-b border-border last:border-0" data-client={attempt.sbClientId ?? ""}>
            <td className={`${td} whitespace-nowrap`}>{when(attempt.createdAt)}</td>
            {projectId !== undefined && (
              <td className={`${td} whitespace-nowrap`}>
                {attempt.sbClientId ? (
                  <Link href={`/customers/${customerId(projectId, attempt.sbClientId)}`} className="hover:underline">
                    {t("customers.otherAttempts.clientId", { id: attempt.sbClientId })}
                  </Link>
                ) : (
                  t("customers.otherAttempts.unknownClient")
                )}
              </td>
            )}
            <td className={td}>
              <Badge
                tone={attempt.outcome === "success" ? "success" : attempt.outcome === "failed" ? "danger" : "neutral"}
              >
                {outcomeLabel(t, attempt.outcome)}
              </Badge>
              {attempt.resolvedAt && (
                <span className="ml-2 text-xs text-muted-foreground">{t("customers.attempts.resolved")}</span>
              )}
            </td>
            <td className={td}>
              {attempt.errorCode && <span className="text-xs">{errorCodeLabel(t, attempt.errorCode)}</span>}
              <TechnicalDetail text={attempt.errorDetail} locale={locale} className="max-w-md" t={t} />
            </td>
            <td className={td}>{t(`links.source.${attempt.source}`)}</td>
            <td className={td}>
              <Truncated text={attempt.email} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// GET /customers/<projectId>-<sbClientId> – one person: link, attempts, orders, dialog, deliveries.
export default async function CustomerPage({ params }: Props) {
  const user = await requirePageUser("customers.read");
  const [{ id }, { locale, t, format }] = await Promise.all([params, getTranslator()]);
  const customer = await findCustomer(id);
  if (!customer) notFound();
  const links = deepLinks();
  const when = format.dateTime;
  const { link, client } = customer;
  const gcCard = link?.gcUserId ? links.gcUserCard(link.gcUserId) : null;

  return (
    <div className="space-y-6">
      <Link href="/links" className="text-sm text-muted-foreground hover:underline">
        {t("customers.back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="customer-name">
            {client?.name ?? t("customers.noName")}
          </h1>
          <p className="font-mono text-sm text-muted-foreground">{customer.id}</p>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <ExternalLink href={links.salebotDialog(customer.projectId, customer.sbClientId)} testId="salebot-link">
            {t("customers.link.salebot")}
          </ExternalLink>
          {gcCard && (
            <ExternalLink href={gcCard} testId="gc-link">
              {t("customers.link.gcCard")}
            </ExternalLink>
          )}
          {can(user, "links.relink") && (
            <Link
              href={`/links/relink?project=${encodeURIComponent(customer.projectId)}&client=${encodeURIComponent(customer.sbClientId)}`}
              className="rounded-md border border-border bg-card px-3 py-2 hover:bg-muted"
              data-testid="relink"
            >
              {t("customers.relink")}
            </Link>
          )}
        </div>
      </div>

      <Section title={t("customers.link.title")} testId="customer-link">
        {link ? (
          // The e-mail gets two of six columns (the whole row on a phone): a typical address shows whole.
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-6">
            <Field label={t("customers.link.email")} className="col-span-2">
              <Truncated text={link.email} className="max-w-full" />
            </Field>
            <Field label={t("customers.link.telegram")}>{link.telegramId}</Field>
            <Field label={t("customers.link.gcUser")}>{link.gcUserId}</Field>
            <Field label={t("customers.link.source")}>{t(`links.source.${link.source}`)}</Field>
            <Field label={t("customers.link.linkedAt")}>{when(link.linkedAt)}</Field>
          </dl>
        ) : (
          <p className="text-sm text-muted-foreground">{t("customers.link.none")}</p>
        )}
      </Section>

      <Section title={t("customers.attempts.title")} testId="customer-attempts">
        {customer.attempts.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("customers.attempts.none")}</p>
        ) : (
          <AttemptsTable attempts={customer.attempts} t={t} locale={locale} when={when} />
        )}
      </Section>

      {customer.otherClientAttempts.length > 0 && (
        <Section title={t("customers.otherAttempts.title")} testId="customer-other-attempts">
          <p className="text-xs text-muted-foreground">{t("customers.otherAttempts.note")}</p>
          <AttemptsTable
            attempts={customer.otherClientAttempts}
            t={t}
            locale={locale}
            when={when}
            projectId={customer.projectId}
          />
        </Section>
      )}

      <Section title={t("customers.orders.title")} testId="customer-orders">
        {customer.orders.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("customers.orders.none")}</p>
        ) : (
          <table className="w-full text-sm">
            <PlainTableHead
              cell="px-3 py-2"
              columns={[
                t("customers.orders.deal"),
                t("customers.orders.offer"),
                t("customers.orders.status"),
                t("customers.orders.cost"),
                t("customers.orders.paid"),
                t("customers.orders.orderedAt"),
              ]}
            />
            <tbody>
              {customer.orders.map((order) => {
                const card = links.gcDealCard(order.dealId);
                const label = order.dealNumber ?? order.dealId;
                return (
                  <tr key={order.id} className="border-b border-border last:border-0">
                    <td className={`${td} whitespace-nowrap`}>
                      {card ? (
                        <ExternalLink href={card} testId="deal-link">
                          {label}
                        </ExternalLink>
                      ) : (
                        label
                      )}
                    </td>
                    <td className={td}>{order.offer ?? "—"}</td>
                    <td className={`${td} whitespace-nowrap`}>{gcStatusLabel(t, order.status) ?? "—"}</td>
                    <td className={`${td} whitespace-nowrap`}>
                      {order.costAmount ? format.money(order.costAmount, order.currency) : "—"}
                    </td>
                    <td className={`${td} whitespace-nowrap`}>
                      {order.paid ? (
                        <Badge tone="success">
                          {order.paidAmount ? format.money(order.paidAmount, order.currency) : "✓"}
                        </Badge>
                      ) : (
                        "—"
                      )}
                      {order.paidAt && <span className="ml-2 text-xs text-muted-foreground">{when(order.paidAt)}</span>}
                    </td>
                    <td className={`${td} whitespace-nowrap`}>{when(order.orderedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Section>

      <Section title={t("customers.dialog.title")} testId="customer-dialog">
        {client && (
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-6">
            <Field label={t("customers.dialog.messenger")}>{messengerLabel(t, client.messenger)}</Field>
            <Field label={t("customers.dialog.bot")}>{botLabel(t, client.bot, client.messenger)}</Field>
            <Field label={t("customers.dialog.first")}>{when(client.firstMessageAt)}</Field>
            <Field label={t("customers.dialog.last")}>{when(client.lastMessageAt)}</Field>
            <Field label={t("customers.dialog.counts")}>{`${client.messagesIn} / ${client.messagesOut}`}</Field>
            <Field label={t("customers.dialog.utm")}>{client.utmSource}</Field>
          </dl>
        )}
        {customer.messages.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("customers.dialog.none")}</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {customer.messages.map((message) => (
              <li key={message.id} className="flex gap-3">
                <span className="w-28 shrink-0 text-xs text-muted-foreground">{when(message.receivedAt)}</span>
                <span className="w-12 shrink-0 text-xs text-muted-foreground">
                  {t(message.direction === "in" ? "customers.dialog.in" : "customers.dialog.out")}
                </span>
                <span className="break-words">{message.text ?? "—"}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title={t("customers.deliveries.title")} testId="customer-deliveries">
        {customer.deliveries.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("customers.deliveries.none")}</p>
        ) : (
          <table className="w-full text-sm">
            <PlainTableHead
              cell="px-3 py-2"
              columns={[
                t("customers.deliveries.createdAt"),
                t("customers.deliveries.kind"),
                t("customers.deliveries.status"),
                t("customers.deliveries.attempts"),
                t("customers.deliveries.error"),
              ]}
            />
            <tbody>
              {customer.deliveries.map((delivery) => (
                <tr key={delivery.id} className="border-b border-border last:border-0">
                  <td className={`${td} whitespace-nowrap`}>{when(delivery.createdAt)}</td>
                  <td className={`${td} whitespace-nowrap`}>{eventLabel(t, delivery.kind)}</td>
                  <td className={td}>
                    <Badge
                      tone={delivery.status === "sent" ? "success" : delivery.status === "dead" ? "danger" : "neutral"}
                    >
                      {t(`deliveries.status.${delivery.status}`)}
                    </Badge>
                  </td>
                  <td className={td}>{`${delivery.attempts} / ${delivery.maxAttempts}`}</td>
                  <td className={td}>
                    <TechnicalDetail text={delivery.lastError} locale={locale} className="max-w-md" t={t} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  );
}
