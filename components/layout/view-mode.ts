// How a screen is being shown, from the URL: `?kiosk=1` (a wall screen: keeps polling in background
// tabs) and `?present=1` (a projector: large type, secondary detail hidden). Both survive navigation
// between the overview and a cluster, so every internal link carries them on.

export interface ViewMode {
  kiosk: boolean;
  present: boolean;
}

type SearchParams = Record<string, string | string[] | undefined>;

export function viewModeFrom(params: SearchParams): ViewMode {
  return { kiosk: params.kiosk === "1", present: params.present === "1" };
}

/** "", "?kiosk=1", "?present=1" or "?kiosk=1&present=1": appended to internal links. */
export function viewQuery(mode: Partial<ViewMode>): string {
  const parts = [mode.kiosk ? "kiosk=1" : null, mode.present ? "present=1" : null].filter(Boolean);
  return parts.length ? `?${parts.join("&")}` : "";
}
