import "server-only";

// Failed logins are counted per client address and per user name in a sliding window: past the limit,
// further attempts are refused (429) without checking the password until the oldest failure ages out.
// A success clears the user name's count. In memory: a restart forgets, which only helps a user locked out.

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly maxFailures = 5,
    readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** null: may try; otherwise milliseconds to wait. */
  check(keys: readonly string[], now: number): number | null {
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      if (recent.length >= this.maxFailures) wait = Math.max(wait, recent[0]! + this.windowMs - now);
    }
    return wait > 0 ? wait : null;
  }

  fail(keys: readonly string[], now: number): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
    // Bound the memory a flood of made-up names could take.
    if (this.failures.size > 10_000) {
      for (const [key] of this.failures) {
        if (this.recent(key, now).length === 0) this.failures.delete(key);
      }
      if (this.failures.size > 10_000) this.failures.clear();
    }
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => at > now - this.windowMs);
  }
}
