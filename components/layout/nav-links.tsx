"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { currentItem } from "@/lib/navigation/current-item";
import { cn } from "@/lib/utils";

export type NavItem = { href: string; label: string };

/**
 * The menu's links, the current page's marked for sight (a tinted, bold item with a bar) and for
 * screen readers (aria-current="page"). A client component only for the path: the server decides
 * which items a role sees and names them.
 */
export function NavLinks({ items }: { items: readonly NavItem[] }) {
  const current = currentItem(
    usePathname(),
    items.map((item) => item.href),
  );
  return (
    <>
      {items.map((item) => {
        const active = item.href === current;
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md border-l-4 px-3 py-2 text-sm hover:bg-muted",
              active ? "border-primary bg-muted font-semibold text-foreground" : "border-transparent",
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </>
  );
}
