export function compactHeap(): Promise<number>;
export function scheduleHeapCompaction(
  intervalMs: number,
  handlers?: { onCompacted?: (ms: number) => void; onError?: (err: unknown) => void },
): () => void;
