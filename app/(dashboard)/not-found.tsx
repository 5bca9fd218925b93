import { NotFoundCard } from "@/components/layout/not-found-card";
import { getTranslator } from "@/lib/i18n/server";

// notFound() from a dashboard page (an unknown customer): inside the dashboard's own frame.
export default async function DashboardNotFound() {
  const { t } = await getTranslator();
  return <NotFoundCard t={t} signedIn />;
}
