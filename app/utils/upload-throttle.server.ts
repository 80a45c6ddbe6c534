// How often, and how many at once, one visitor may send a large upload to this process. What it
// protects is the process's own memory and CPU (each upload may hold tens of MB while it is
// checked), so it is counted here in memory, per process; why not in the database, as sign-in
// failures are: docs/decisions/0014-request-body-limits-and-upload-throttle.md.
import { AppError } from "./errors";

export interface UploadRule {
  /** Uploads one key may start in a minute. */
  perMinute: number;
  /** Uploads one key may have running at once. */
  concurrentPerKey: number;
  /** Uploads everyone together may have running at once in this process. */
  concurrentInAll: number;
}

const MINUTE = 60_000;
const SWEEP_AT = 10_000; // keys remembered before the old ones are swept

export function createUploadThrottle(rule: UploadRule) {
  const started = new Map<string, number[]>();
  const running = new Map<string, number>();
  let runningInAll = 0;

  const sweep = (since: number) => {
    for (const [key, times] of started) if (!times.some((t) => t > since) && !running.has(key)) started.delete(key);
  };

  return {
    /**
     * A place for one upload by `key` (an address, or a signed-in user), or a rate_limited
     * AppError (429, 操作过于频繁). Call the returned release when the upload is done with.
     */
    enter(key: string, now = Date.now()): () => void {
      const since = now - MINUTE;
      if (started.size > SWEEP_AT) sweep(since);
      const times = (started.get(key) ?? []).filter((t) => t > since);
      started.set(key, times);
      if (times.length >= rule.perMinute || (running.get(key) ?? 0) >= rule.concurrentPerKey || runningInAll >= rule.concurrentInAll) {
        throw new AppError("rate_limited");
      }
      times.push(now);
      running.set(key, (running.get(key) ?? 0) + 1);
      runningInAll++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        runningInAll--;
        const left = (running.get(key) ?? 1) - 1;
        if (left > 0) running.set(key, left);
        else running.delete(key);
      };
    },
  };
}
