import Link from "next/link";
import type { ReactNode } from "react";

/** One tab of a page's view switch (a row of links under a bottom border). */
export function TabLink({
  href,
  current,
  children,
  testId,
}: {
  href: string;
  current: boolean;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      data-testid={testId}
      className={`-mb-px border-b-2 px-3 py-2 text-sm ${current ? "border-primary font-medium" : "border-transparent text-muted-foreground"}`}
    >
      {children}
    </Link>
  );
}
