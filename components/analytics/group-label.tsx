import Link from "next/link";
import { Fragment } from "react";
import type { Translate } from "@/lib/i18n/messages";

/**
 * A group's value may wrap only after "_", "." or "-" (school_<wbr>main_<wbr>bot), never inside a
 * word: a narrow table keeps its words whole and scrolls in its own box (GroupedTable) instead.
 */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[_.-])/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/**
 * A group's name as shown: the total row, the "not set" group, or the value itself, linked to the
 * orders table filtered to that group when the page offers one.
 */
export function GroupLabel({
  t,
  groupKey,
  label,
  total,
  href,
}: {
  t: Translate;
  groupKey: string | null;
  label?: string;
  total?: boolean;
  href?: string | null;
}) {
  if (total) return <span className="font-medium">{t("analytics.group.total")}</span>;
  // The page's own name of the empty group when it has one (by link source: "not linked"), as in its charts.
  if (groupKey === null) return <span className="text-muted-foreground">{label ?? t("analytics.group.none")}</span>;
  if (!href)
    return (
      <span className="break-normal">
        <Breakable text={label ?? groupKey} />
      </span>
    );
  return (
    <Link
      href={href}
      scroll={false}
      className="break-normal hover:underline"
      title={t("analytics.orders.filterByGroup")}
      data-testid="group-filter-link"
    >
      <Breakable text={label ?? groupKey} />
    </Link>
  );
}

/** "$200 · €90": amounts in other currencies, never converted into the school's. */
export function OtherCurrencies({
  amounts,
  money,
}: {
  amounts: Record<string, number>;
  money: (value: number, currency: string) => string;
}) {
  const entries = Object.entries(amounts);
  if (entries.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <span className="whitespace-nowrap" data-testid="other-currencies">
      {entries.map(([currency, value]) => money(value, currency)).join(" · ")}
    </span>
  );
}
