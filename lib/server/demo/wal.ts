import "server-only";
import { mulberry32 } from "./random";

// The cluster's WAL stream. The write rate is a seeded sum of slow sine waves (~110–490 kB/s), so
// the LSN at any moment has a closed form: O(1) time and memory however long a wall screen runs,
// and a fake clock can jump an hour without replaying anything. While no primary accepts writes
// (a dead leader, a switchover's shutdown) the stream is frozen and that time is not counted.

const BASE_RATE = 300_000; // bytes per second
const WAVES = [
  { amplitude: 90_000, minPeriod: 7, spread: 12 },
  { amplitude: 60_000, minPeriod: 31, spread: 40 },
  { amplitude: 40_000, minPeriod: 97, spread: 144 },
] as const;
/** WAL records are 8-byte aligned; so are all real LSNs in the captures. */
const ALIGN = 8;

export class WalStream {
  private readonly waves: { amplitude: number; omega: number; phase: number }[];
  private frozenTotal = 0;
  private frozenSince: number | null = null;
  private lastChangeMs: number;

  /** @param originMs the clock's start; @param offset the LSN at origin (bytes). */
  constructor(
    seed: number,
    private readonly originMs: number,
    private readonly offset: number,
  ) {
    const rand = mulberry32(seed ^ 0x57a1);
    this.waves = WAVES.map((w) => ({
      amplitude: w.amplitude,
      omega: (2 * Math.PI) / (w.minPeriod + rand() * w.spread),
      phase: rand() * 2 * Math.PI,
    }));
    this.lastChangeMs = originMs;
  }

  /** Bytes written since origin if nothing had ever been frozen. */
  private generated(ms: number): number {
    const t = (ms - this.originMs) / 1000;
    let total = BASE_RATE * t;
    for (const w of this.waves)
      total += (w.amplitude / w.omega) * (Math.cos(w.phase) - Math.cos(w.omega * t + w.phase));
    return total;
  }

  /** Current write rate (bytes/s); 0 while frozen. */
  rateAt(ms: number): number {
    if (this.frozenSince !== null) return 0;
    const t = (ms - this.originMs) / 1000;
    return BASE_RATE + this.waves.reduce((sum, w) => sum + w.amplitude * Math.sin(w.omega * t + w.phase), 0);
  }

  get writing(): boolean {
    return this.frozenSince === null;
  }

  /** The moment of the newest WAL write at `ms`: `ms` itself, or when the stream froze. */
  lastWriteMs(ms: number): number {
    return this.frozenSince === null ? ms : Math.min(ms, this.frozenSince);
  }

  /**
   * The primary's flush LSN at `ms`. Exact for any moment since the last freeze/resume; earlier
   * moments are clamped to that change (callers only look back a fraction of a second).
   */
  lsnAt(ms: number): number {
    let t = Math.max(ms, this.lastChangeMs);
    if (this.frozenSince !== null) t = Math.min(t, this.frozenSince);
    const raw = this.offset + this.generated(t) - this.frozenTotal;
    return Math.floor(raw / ALIGN) * ALIGN;
  }

  freeze(ms: number): void {
    if (this.frozenSince !== null) return;
    this.frozenSince = ms;
    this.lastChangeMs = ms;
  }

  resume(ms: number): void {
    if (this.frozenSince === null) return;
    this.frozenTotal += this.generated(ms) - this.generated(this.frozenSince);
    this.frozenSince = null;
    this.lastChangeMs = ms;
  }
}
