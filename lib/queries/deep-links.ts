import { gcDealCardUrl, gcUserCardUrl } from "@/lib/getcourse/urls";
import { currentIntegrationConfig } from "@/lib/integrations";
import { salebotDialogUrl, salebotWebUrl } from "@/lib/salebot/urls";

/**
 * Where staff jump out of the hub. The GC account comes from the merged settings (environment plus
 * the Settings page); without one, GC ids are shown without a link rather than a broken one. In
 * demo mode both point at the simulators, which serve a card page at those addresses.
 */
export type DeepLinks = {
  salebotDialog: (projectId: string, clientId: string) => string;
  gcUserCard: (gcUserId: string) => string | null;
  gcDealCard: (dealId: string) => string | null;
};

export function deepLinks(): DeepLinks {
  const config = currentIntegrationConfig();
  const accountUrl = config.getcourse.accountUrl;
  const salebotWeb = salebotWebUrl(config.salebot[0]?.apiUrl);
  return {
    salebotDialog: (projectId, clientId) => salebotDialogUrl(projectId, clientId, salebotWeb),
    gcUserCard: (gcUserId) => (accountUrl ? gcUserCardUrl(accountUrl, gcUserId) : null),
    gcDealCard: (dealId) => (accountUrl ? gcDealCardUrl(accountUrl, dealId) : null),
  };
}
