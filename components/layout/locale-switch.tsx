"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/messages";

const YEAR_SECONDS = 60 * 60 * 24 * 365;

export function LocaleSwitch({ current, label }: { current: Locale; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const next: Locale = current === "ru" ? "en" : "ru";
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={pending}
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=${YEAR_SECONDS}; samesite=lax`;
        startTransition(() => router.refresh());
      }}
    >
      {label}
    </Button>
  );
}
