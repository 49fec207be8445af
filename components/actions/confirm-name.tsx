"use client";

import { useT } from "@/lib/i18n/client";

/** "Type the cluster's name to confirm": the field every guarded dialog ends with. */
export function ConfirmName({
  cluster,
  value,
  onChange,
  testId,
}: {
  cluster: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const t = useT();
  return (
    <label className="flex flex-col gap-1 text-sm">
      {t("actions.typeName", { cluster })}
      <input
        className="rounded-md border border-line bg-surface px-2 py-1"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </label>
  );
}
