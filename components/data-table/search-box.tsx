"use client";

import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useListNavigation } from "./use-list-navigation";

/**
 * Writes `?<param>=` on submit (Enter or the button) and returns to page 1. Uncontrolled, keyed on
 * the URL value, so a reset or back navigation shows what the URL holds without a synced copy.
 */
export function SearchBox({
  param = "q",
  label,
  placeholder,
  hintId,
  className,
}: {
  param?: string;
  label: string;
  placeholder?: string;
  /** The id of a line that says what can be searched, read out with the field. */
  hintId?: string;
  className?: string;
}) {
  const { navigate, searchParams } = useListNavigation();
  const current = searchParams.get(param) ?? "";
  return (
    <form
      key={current}
      role="search"
      className={className ?? "flex items-center gap-2"}
      onSubmit={(event) => {
        event.preventDefault();
        const value = new FormData(event.currentTarget).get(param);
        navigate({ [param]: typeof value === "string" ? value.trim() : null });
      }}
    >
      <Input
        name={param}
        type="search"
        defaultValue={current}
        aria-label={label}
        aria-describedby={hintId}
        placeholder={placeholder ?? label}
        className="w-72 max-w-full"
        data-testid="data-table-search"
      />
      <Button type="submit" variant="outline" size="icon" aria-label={label}>
        <Search aria-hidden className="h-4 w-4" />
      </Button>
    </form>
  );
}
