import { defineDetails } from "@/lib/i18n/detail-template";

/** Why a call to /api/webhooks/getcourse could not be read (gc_unreadable_calls.detail); see lib/linking/details.ts. */
export const GC_CALL_DETAILS = defineDetails({
  noDealId: "no deal id: none of deal_id, order_id, id, deal.id was sent",
  dealIdNotNumeric: "deal id «{given}»: must be a numeric GetCourse deal id",
  notAnObject: "the body is JSON but not an object, and the URL names no deal id",
  fieldsUnreadable: "too many fields could not be read: {cause}",
});
