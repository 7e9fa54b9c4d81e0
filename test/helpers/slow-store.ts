// A store whose every repo call waits a little, at random, before it reaches
// the engine and before its answer comes back: concurrent use-cases then
// interleave at every await, as they do against a real database under load.
// Races are proven on what is stored after firing the same action at once.
import type { Store } from '../../src/store/ports.js';

const REPOS = ['customers', 'interactions', 'deals', 'people', 'settings', 'audit', 'once', 'deliveries'] as const;

/** a deterministic [0, 1) sequence, so a failing interleaving can be run again */
function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}

export function slowStore(store: Store, opts: { maxMs?: number; seed?: number } = {}): Store {
  const maxMs = opts.maxMs ?? 4;
  const random = seeded(opts.seed ?? 42);
  const pause = () => new Promise<void>((resolve) => setTimeout(resolve, Math.floor(random() * (maxMs + 1))));
  const wrap = <R extends object>(repo: R): R => new Proxy(repo, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        // async iterables (iterate) and plain values are passed through untouched
        if (fn.constructor.name !== 'AsyncFunction') return fn.apply(target, args);
        return (async () => {
          await pause();
          const answer = await (fn.apply(target, args) as Promise<unknown>);
          await pause();
          return answer;
        })();
      };
    },
  });
  const slowed: Record<string, unknown> = {};
  for (const name of REPOS) slowed[name] = wrap(store[name] as object);
  return { ...store, ...slowed, engine: store.engine, init: () => store.init(), close: () => store.close() } as Store;
}
