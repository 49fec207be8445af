"use client";

import { useEffect, useState } from "react";

// Who is signed in, as GET /api/auth/me says: asked once per mount. "none": login is not configured
// (404) or the answer did not come; "anonymous": nobody is signed in (401).

export interface Me {
  username: string;
  role: string;
  actions: boolean;
}

export type Who = { kind: "loading" | "none" | "anonymous" } | { kind: "user"; me: Me };

export function useSignedIn(): [Who, (who: Who) => void] {
  const [who, setWho] = useState<Who>({ kind: "loading" });
  useEffect(() => {
    let cancelled = false;
    fetch("/api/auth/me", { cache: "no-store" })
      .then(async (res) => {
        if (cancelled) return;
        if (res.status === 401) setWho({ kind: "anonymous" });
        else if (res.ok) setWho({ kind: "user", me: (await res.json()) as Me });
        else setWho({ kind: "none" });
      })
      .catch(() => !cancelled && setWho({ kind: "none" }));
    return () => {
      cancelled = true;
    };
  }, []);
  return [who, setWho];
}
