import type { Locale, Translate } from "@/lib/i18n/messages";
import { readTechnicalText } from "@/lib/i18n/technical-text";
import { cn } from "@/lib/utils";

/**
 * A stored detail of what went wrong. A sentence the hub wrote itself is shown in the reader's
 * words, values filled in; what an outside service said (GetCourse's or Salebot's own text, or
 * the part of a detail that quotes it) is shown folded and quoted, labelled as that service's
 * answer: useful to an admin reporting a problem, noise to everyone else.
 */
export function TechnicalDetail({
  text,
  locale,
  className,
  t,
}: {
  text: string | null | undefined;
  locale: Locale;
  className?: string;
  t: Translate;
}) {
  const { translated, serviceAnswer } = readTechnicalText(t, text);
  if (!translated && !serviceAnswer) return null;
  const quoted = serviceAnswer ? (
    <details className={cn("text-xs text-muted-foreground", !translated && className)} data-raw>
      <summary className="cursor-pointer select-none">{t("code.details.service")}</summary>
      <q lang={locale === "en" ? undefined : "en"} className="break-words">
        {serviceAnswer}
      </q>
    </details>
  ) : null;
  if (!translated) return quoted;
  return (
    <div className={cn("space-y-1", className)}>
      <p className="break-words text-xs" data-testid="detail-translated">
        {translated}
      </p>
      {quoted}
    </div>
  );
}
