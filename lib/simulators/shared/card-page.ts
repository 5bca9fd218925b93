import type { SimResponse } from "./http-server";

/**
 * The small HTML page a simulator serves where the real service has its admin card (a GetCourse
 * user or deal, a Salebot dialog), so the hub's "open in …" links lead somewhere in demo mode.
 */

export type CardSection = { title: string; rows: readonly (readonly [string, string])[] };

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

function table(section: CardSection): string {
  const rows = section.rows
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join("");
  return `<h2>${escapeHtml(section.title)}</h2>${rows ? `<table>${rows}</table>` : "<p>—</p>"}`;
}

export function cardPage(service: string, title: string, sections: readonly CardSection[]): SimResponse {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(service)} simulator</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;max-width:720px}th{text-align:left;padding:4px 12px 4px 0;color:#555;font-weight:500;vertical-align:top}td{padding:4px 0;word-break:break-word}.note{color:#777}</style>
</head><body><p class="note">${escapeHtml(service)} simulator (demo mode): this page stands in for the real card.</p>
<h1>${escapeHtml(title)}</h1>${sections.map(table).join("")}</body></html>`;
  return { status: 200, body, headers: { "content-type": "text/html; charset=utf-8" } };
}

export function notFoundPage(service: string, what: string): SimResponse {
  const response = cardPage(service, `${what}: not found`, []);
  return { ...response, status: 404 };
}

const day = (date: Date | undefined) => (date ? date.toISOString().replace("T", " ").slice(0, 16) : "—");
export { day as cardTime };
