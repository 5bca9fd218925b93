/**
 * Addresses on a GetCourse account. `accountUrl` may be any base URL (a school's own domain, or
 * http://127.0.0.1:port when the simulator stands in), so only a trailing slash is normalised.
 */
export function normalizeAccountUrl(accountUrl: string): string {
  const parsed = new URL(accountUrl);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new Error(`GetCourse account URL must be http(s), got ${parsed.protocol}`);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}

export type GetCourseId = number | string;

/** Admin card of a user: staff jump here from the hub. */
export function gcUserCardUrl(accountUrl: string, gcUserId: GetCourseId): string {
  return `${normalizeAccountUrl(accountUrl)}/user/control/user/update/id/${encodeURIComponent(String(gcUserId))}`;
}

/** Admin card of a deal; takes the internal deal id (`result.deal_id`), not the order number. */
export function gcDealCardUrl(accountUrl: string, dealId: GetCourseId): string {
  return `${normalizeAccountUrl(accountUrl)}/sales/control/deal/update/id/${encodeURIComponent(String(dealId))}`;
}

export const legacyPaths = {
  users: "/pl/api/users",
  deals: "/pl/api/deals",
  fields: "/pl/api/account/fields",
  usersExport: "/pl/api/account/users",
  dealsExport: "/pl/api/account/deals",
  exportResult: (exportId: number) => `/pl/api/account/exports/${exportId}`,
} as const;

export const techPaths = {
  getUserCustomFields: "/pl/api/v1/user/get-custom-fields",
  updateUserCustomFields: "/pl/api/v1/user/update-custom-fields",
  getUser: "/pl/api/v1/user/get-fields",
  personalManagers: "/pl/api/v1/common/get-personal-managers",
  setUri: "/pl/api/v1/set-uri",
} as const;
