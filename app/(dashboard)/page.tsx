import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, CardValue } from "@/components/ui/card";
import { getTranslator } from "@/lib/i18n/server";
import { getOverviewCounts } from "@/lib/queries/overview";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const [{ t }, counts] = await Promise.all([getTranslator(), getOverviewCounts()]);
  const tiles = [
    { label: t("overview.links"), value: counts.links },
    { label: t("overview.attempts"), value: counts.attempts },
    { label: t("overview.failures"), value: counts.openFailures },
    { label: t("overview.clients"), value: counts.clients },
    { label: t("overview.orders"), value: counts.orders },
  ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("overview.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("overview.subtitle")}</p>
      </div>
      <Card className="flex items-center justify-between">
        <CardTitle>{t("overview.database")}</CardTitle>
        <Badge data-testid="db-status" tone={counts.database === "ok" ? "success" : "danger"}>
          {t(counts.database === "ok" ? "overview.database.ok" : "overview.database.error")}
        </Badge>
      </Card>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {tiles.map((tile) => (
          <Card key={tile.label}>
            <CardTitle>{tile.label}</CardTitle>
            <CardValue>{tile.value.toLocaleString("ru-RU")}</CardValue>
          </Card>
        ))}
      </div>
      {counts.links === 0 && <p className="text-sm text-muted-foreground">{t("overview.empty")}</p>}
    </div>
  );
}
