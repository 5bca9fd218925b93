import { ExternalLink as ExternalIcon } from "lucide-react";
import type { ReactNode } from "react";

/** Salebot dialogs and GetCourse cards open in a new tab, so the hub page stays where it was. */
export function ExternalLink({ href, children, testId }: { href: string; children: ReactNode; testId?: string }) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className="inline-flex items-center gap-1 text-primary hover:underline"
      data-testid={testId}
    >
      {children}
      <ExternalIcon aria-hidden className="h-3 w-3" />
    </a>
  );
}
