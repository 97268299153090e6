/**
 * Open-loop arrivals: request `i` is sent at `start + i / rate` whether or not earlier ones were
 * answered, as customers do; a slow server does not slow the arrivals down (a closed loop would,
 * and would hide the backlog). Returns when the last request has been answered.
 */
export async function openLoop(args: { rate: number; durationSec: number; send: (seq: number) => Promise<void> }): Promise<{ sent: number; lateMs: number }> {
  const count = Math.max(1, Math.round(args.rate * args.durationSec));
  const start = performance.now();
  const pending: Promise<void>[] = [];
  let worstLateMs = 0;
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / args.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    worstLateMs = Math.max(worstLateMs, performance.now() - due);
    pending.push(args.send(i));
  }
  await Promise.all(pending);
  return { sent: count, lateMs: worstLateMs };
}
