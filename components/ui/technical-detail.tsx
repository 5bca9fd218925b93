import type { Locale, Translate } from "@/lib/i18n/messages";
import { translateTechnicalText } from "@/lib/i18n/technical-text";
import { cn } from "@/lib/utils";

/**
 * What an outside service or the hub's own log said, in its own (English) words: useful to an admin
 * reporting a problem, noise to everyone else. A sentence the hub wrote itself is shown in the
 * reader's words (with `t`); in Russian the stored text stays folded under a Russian label.
 */
export function TechnicalDetail({
  text,
  locale,
  label,
  className,
  t,
}: {
  text: string | null | undefined;
  locale: Locale;
  label: string;
  className?: string;
  t?: Translate;
}) {
  if (!text) return null;
  // In English the stored text is already the reader's words, and the whole of it.
  if (locale === "en")
    return <span className={cn("break-words text-xs text-muted-foreground", className)}>{text}</span>;
  const translated = t ? translateTechnicalText(t, text) : null;
  const raw = (
    <details className={cn("text-xs text-muted-foreground", !translated && className)} data-raw>
      <summary className="cursor-pointer select-none">{label}</summary>
      <span lang="en" className="break-words">
        {text}
      </span>
    </details>
  );
  if (!translated) return raw;
  return (
    <div className={cn("space-y-1", className)}>
      <p className="break-words text-xs" data-testid="detail-translated">
        {translated}
      </p>
      {raw}
    </div>
  );
}
