/**
 * Group commit for any call: calls that arrive while earlier ones run are served together by one call
 * of `run` (at most `max` items; at most `parallel` groups at once). A call that finds a free slot runs
 * at once, alone, so a lone call waits for nothing. `run` answers one result per item, in order; when it
 * throws for a group, each item of the group is run again alone, so one bad item fails only itself.
 */
export function groupCalls<I, O>(
  run: (items: I[]) => Promise<O[]>,
  options: { max: number; parallel?: number },
): (item: I) => Promise<O> {
  interface Waiting {
    item: I;
    resolve: (result: O) => void;
    reject: (error: unknown) => void;
  }
  const queue: Waiting[] = [];
  const parallel = options.parallel ?? 1;
  let running = 0;

  async function runGroup(group: Waiting[]): Promise<void> {
    try {
      const results = await run(group.map((w) => w.item));
      if (results.length !== group.length)
        throw new Error('a grouped call answered the wrong number of results');
      for (const [i, w] of group.entries()) w.resolve(results[i]!);
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error);
      else for (const w of group) await runGroup([w]);
    }
  }

  async function drain() {
    running++;
    try {
      while (queue.length) await runGroup(queue.splice(0, options.max));
    } finally {
      running--;
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (running < parallel) void drain();
    });
}

/** One grouped function per key (e.g. per database), made on first use. */
export function groupedPer<K extends object, I, O>(make: (key: K) => (item: I) => Promise<O>) {
  const byKey = new WeakMap<K, (item: I) => Promise<O>>();
  return (key: K, item: I) => {
    let call = byKey.get(key);
    if (!call) {
      call = make(key);
      byKey.set(key, call);
    }
    return call(item);
  };
}
