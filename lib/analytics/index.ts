// The analytics API for pages and routes: every report reads the rollup kept by ./refresh.
export { getFunnel, type FunnelCounts, type FunnelReport, type FunnelRow, type FunnelQuery } from "./funnel";
export { getRevenueByGroup, type RevenueReport, type RevenueRow } from "./revenue";
export {
  getTimeToPayment,
  PAYMENT_BUCKETS,
  type TimeToPaymentFigures,
  type TimeToPaymentReport,
  type TimeToPaymentBucket,
} from "./time-to-payment";
export { getWeeklyCohorts, type Cohort, type CohortReport } from "./cohorts";
export { API_GROUP_BYS, GROUP_BYS, type GroupBy } from "./dimensions";
export { comparedKeys, COMPARED_GROUPS, foldGroups, sumFields, type Compared, type GroupKey } from "./groups";
export { groupLabels } from "./group-labels";
export { periodQuerySchema, resolvePeriod, type Period } from "./period";
export { SCHOOL_CURRENCY } from "./money";
export { ensureAnalyticsFresh, rebuildAnalytics, refreshAnalytics, type RefreshResult } from "./refresh";
