"use client";

import { useSyncExternalStore } from "react";

// A client clock that ticks once a second, shared by every component that shows an age.
// NOTE: it is null on the server and during hydration (getServerSnapshot), so nothing computed from
// the clock is ever part of the server's HTML: no hydration mismatch, and ages start ticking right
// after mount. One interval for the whole page, stopped when nothing listens.

const TICK_MS = 1_000;
let current = 0;
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    current = Date.now();
    timer = setInterval(() => {
      current = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function getSnapshot(): number {
  if (current === 0) current = Date.now();
  return current;
}

function getServerSnapshot(): number | null {
  return null;
}

export function useNow(): number | null {
  return useSyncExternalStore<number | null>(subscribe, getSnapshot, getServerSnapshot);
}
