import { gcDealCardUrl, gcUserCardUrl } from "@/lib/getcourse/urls";
import { currentIntegrationConfig } from "@/lib/integrations";
import { salebotDialogUrl } from "@/lib/salebot/urls";

/**
 * Where staff jump out of the hub. The GC account comes from the merged settings (environment plus
 * the Settings page); without one, GC ids are shown without a link rather than a broken one.
 */
export type DeepLinks = {
  salebotDialog: (projectId: string, clientId: string) => string;
  gcUserCard: (gcUserId: string) => string | null;
  gcDealCard: (dealId: string) => string | null;
};

export function deepLinks(): DeepLinks {
  const accountUrl = currentIntegrationConfig().getcourse.accountUrl;
  return {
    salebotDialog: salebotDialogUrl,
    gcUserCard: (gcUserId) => (accountUrl ? gcUserCardUrl(accountUrl, gcUserId) : null),
    gcDealCard: (dealId) => (accountUrl ? gcDealCardUrl(accountUrl, dealId) : null),
  };
}
