"use client";

import { Select } from "@/components/ui/input";
import type { FilterOption } from "./types";
import { useListNavigation } from "./use-list-navigation";

/** One URL parameter as a select; its value is read from the URL, and a change returns to page 1. */
export function FilterSelect({
  param,
  label,
  options,
  allLabel,
}: {
  param: string;
  label: string;
  options: FilterOption[];
  allLabel: string;
}) {
  const { navigate, searchParams } = useListNavigation();
  // A long option (a failure code's label) must not widen the page on a phone: the select stays
  // within its column and the browser cuts the closed label instead.
  return (
    <label className="flex min-w-0 max-w-full flex-col gap-1 text-sm">
      {label}
      <Select
        value={searchParams.get(param) ?? ""}
        onChange={(event) => navigate({ [param]: event.target.value || null })}
        data-testid={`filter-${param}`}
        className="max-w-full"
      >
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </label>
  );
}
