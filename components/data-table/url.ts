/**
 * Builds the list URL for a change of state. Pure (no hooks), so server components can render links
 * with it too. `null` or "" removes a key; any change other than paging itself returns to page 1,
 * because page 7 of the old result means nothing for a new search, filter, sort or page size.
 */
export type ParamChanges = Record<string, string | number | null | undefined>;

export function listHref(pathname: string, current: URLSearchParams | string, changes: ParamChanges): string {
  const params = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") params.delete(key);
    else params.set(key, String(value));
  }
  if (!("page" in changes)) params.delete("page");
  else if (params.get("page") === "1") params.delete("page");
  const search = params.toString();
  return search ? `${pathname}?${search}` : pathname;
}
