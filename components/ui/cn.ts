/** Joins class names, skipping falsy ones (our clsx; no package needed for this). */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}
