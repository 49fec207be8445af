import type { ReactNode } from "react";
import { cn } from "./cn";

/** A titled section of a screen; the heading names the region for screen readers. */
export function Panel({
  id,
  title,
  description,
  actions,
  children,
  className,
  testId,
}: {
  id: string;
  title: string;
  description?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className={cn("panel flex min-w-0 flex-col gap-3 p-4", className)}
      data-testid={testId}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-base font-bold text-text">
            {title}
          </h2>
          {description ? <p className="panel-description text-sm text-muted">{description}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}
