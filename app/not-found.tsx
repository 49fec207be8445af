import Link from "next/link";
import { getT } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getT();
  return (
    <div className="mx-auto flex max-w-2xl flex-col items-start gap-3 py-10">
      <h1 className="text-2xl font-bold">{t("notFound.title")}</h1>
      <p className="text-muted">{t("notFound.body")}</p>
      <Link href="/" className="font-semibold underline">
        {t("notFound.home")}
      </Link>
    </div>
  );
}
