"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useTransition } from "react";
import { listHref, type ParamChanges } from "./url";

/**
 * The one way the table's controls change state: write the URL. The server page re-renders from
 * it, so there is no local copy of page, sort or filters to keep in sync.
 */
export function useListNavigation() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();
  const hrefFor = useCallback(
    (changes: ParamChanges) => listHref(pathname, searchParams.toString(), changes),
    [pathname, searchParams],
  );
  const navigate = useCallback(
    (changes: ParamChanges) => startTransition(() => router.push(hrefFor(changes), { scroll: false })),
    [hrefFor, router],
  );
  return { hrefFor, navigate, pending, searchParams };
}
