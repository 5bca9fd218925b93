import type { GroupKey } from "@/lib/analytics";
import type { ChartSeries, GroupedDatum } from "./grouped-bar-chart";

/**
 * The compared groups' look, the same in every section: the n-th compared group has the n-th
 * colour everywhere (every section lists the same groups in the same order), "other" is grey.
 */
const GROUP_COLORS = ["#2563eb", "#16a34a", "#f59e0b", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626"];
const OTHER_COLOR = "#9ca3af";

/** How the page names a group: its value, the campaign's name, "(not set)" or "other". */
export type GroupNaming = { labelOf: (key: GroupKey) => string; other: string };

export type ComparedGroup = { key: GroupKey; other: boolean };

export function groupName(group: ComparedGroup, naming: GroupNaming): string {
  return group.other ? naming.other : naming.labelOf(group.key);
}

export function seriesOf(groups: readonly ComparedGroup[], naming: GroupNaming): ChartSeries[] {
  return groups.map((group, index) => ({
    dataKey: `g${index}`,
    name: groupName(group, naming),
    color: group.other ? OTHER_COLOR : (GROUP_COLORS[index % GROUP_COLORS.length] ?? OTHER_COLOR),
  }));
}

/** One datum per category, holding each group's value under its series' key. */
export function groupedData<G extends ComparedGroup>(
  categories: readonly { label: string; value: (group: G) => number }[],
  groups: readonly G[],
): GroupedDatum[] {
  return categories.map((category) => {
    const datum: GroupedDatum = { label: category.label };
    groups.forEach((group, index) => (datum[`g${index}`] = category.value(group)));
    return datum;
  });
}
