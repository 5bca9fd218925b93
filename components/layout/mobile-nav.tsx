"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * The navigation on narrow screens, where the sidebar is hidden: a button that opens it as a
 * panel. It closes on Escape, on the backdrop, and on navigation (the panel remembers the path it
 * was opened on, so any route change closes it without an effect).
 */
export function MobileNav({
  title,
  openLabel,
  closeLabel,
  children,
}: {
  title: string;
  openLabel: string;
  closeLabel: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>("a, button")?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpenOn(null);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="md:hidden">
      <Button
        ref={button}
        variant="outline"
        size="icon"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={openLabel}
        onClick={() => setOpenOn(open ? null : pathname)}
        data-testid="menu-button"
      >
        <Menu aria-hidden className="h-5 w-5" />
      </Button>
      {open && (
        <div className="fixed inset-0 z-40">
          <div className="absolute inset-0 bg-foreground/30" aria-hidden onClick={() => setOpenOn(null)} />
          <div
            ref={panel}
            id={panelId}
            className="absolute inset-y-0 left-0 flex w-72 max-w-[85vw] flex-col gap-4 overflow-y-auto border-r border-border bg-card p-4 shadow-lg"
            // A click on a link to the page already shown changes no path: close on any link.
            onClick={(event) => {
              if ((event.target as HTMLElement).closest("a")) setOpenOn(null);
            }}
          >
            <div className="flex items-center justify-between gap-2">
              <p className="px-3 text-sm font-semibold">{title}</p>
              <Button variant="ghost" size="icon" aria-label={closeLabel} onClick={() => setOpenOn(null)}>
                <X aria-hidden className="h-5 w-5" />
              </Button>
            </div>
            {children}
          </div>
        </div>
      )}
    </div>
  );
}
