import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** A plain GET form to the linked-users list: /links?q=…, which runs the search. */
export function PeopleSearch({ label, placeholder }: { label: string; placeholder: string }) {
  return (
    <form action="/links" method="get" role="search" className="flex w-full max-w-xl items-center gap-2">
      <Input
        name="q"
        type="search"
        required
        aria-label={label}
        placeholder={placeholder}
        className="min-w-0 flex-1"
        data-testid="overview-search"
      />
      <Button type="submit" variant="outline" className="shrink-0">
        <Search aria-hidden className="h-4 w-4" />
        {label}
      </Button>
    </form>
  );
}
