/**
 * The one CSV separator rule of every export link (DESIGN.md): files are comma-separated, and a
 * Russian UI asks for `?sep=semicolon`, because spreadsheets in Russian locales split on
 * semicolons. Pages build export links only through this, so all exports open alike.
 */
export function csvExportHref(path: string, params: URLSearchParams, locale: string): string {
  const query = new URLSearchParams(params);
  query.delete("sep");
  if (locale === "ru") query.set("sep", "semicolon");
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}
