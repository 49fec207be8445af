import { LoadingState } from "@/components/states/states";

// Shown while a page's server component reads the store: a navigation answers at once with the
// skeleton (and its "Loading…" for screen readers) instead of keeping the old page on screen.
export default function Loading() {
  return <LoadingState lines={6} className="py-6" />;
}
