/**
 * Coalesces lookups made in the same turn of the event loop into one query: a queue worker starts
 * a batch of claimed jobs at once, and each job's first reads (its delivery, its bot, its
 * conversation) then cost one statement for the whole batch instead of one each.
 */
export function batchLoader<K, V>(load: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | undefined> {
  let pending: { key: K; resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    load([...new Set(batch.map((p) => p.key))]).then(
      (found) => {
        for (const p of batch) p.resolve(found.get(p.key));
      },
      (error: unknown) => {
        for (const p of batch) p.reject(error);
      },
    );
  };
  return (key) =>
    new Promise((resolve, reject) => {
      if (pending.length === 0) queueMicrotask(flush);
      pending.push({ key, resolve, reject });
    });
}
