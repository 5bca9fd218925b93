import type { Locale } from "@/lib/i18n/messages";
import { cn } from "@/lib/utils";

/**
 * What an outside service or the hub's own log said, in its own (English) words: useful to an admin
 * reporting a problem, noise to everyone else. In Russian it stays folded under a Russian label.
 */
export function TechnicalDetail({ text, locale, label, className }: { text: string | null | undefined; locale: Locale; label: string; className?: string }) {
  if (!text) return null;
  if (locale === "en") return <span className={cn("break-words text-xs text-muted-foreground", className)}>{text}</span>;
  return (
    <details className={cn("text-xs text-muted-foreground", className)} data-raw>
      <summary className="cursor-pointer select-none">{label}</summary>
      <span lang="en" className="break-words">
        {text}
      </span>
    </details>
  );
}
