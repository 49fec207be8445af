import { LoadingState } from "@/components/states/states";

// Shown while the wall reads every cluster: a navigation answers at once with the
// skeleton (and its "Loading…" for screen readers) instead of keeping the old page on screen.
// NOTE: only on routes that never answer 404: a loading boundary streams the page, so a notFound()
// under it would be sent with status 200 (the cluster and node pages therefore have none).
export default function Loading() {
  return <LoadingState lines={6} className="py-6" />;
}
