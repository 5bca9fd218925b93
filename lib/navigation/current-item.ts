/**
 * Which menu item the page at `pathname` belongs to: the item whose address is the longest prefix
 * of the path at a segment boundary. /links/relink marks «Перепривязать» when the viewer has that
 * item, else «Связи»; /customers/… (no item of its own) marks nothing; "/" marks only the overview.
 */
export function currentItem(pathname: string, hrefs: readonly string[]): string | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  let best: string | null = null;
  for (const href of hrefs) {
    const matches = href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
    if (matches && (best === null || href.length > best.length)) best = href;
  }
  return best;
}
