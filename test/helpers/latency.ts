// A store whose every call waits first, as a remote MongoDB does: races that
// a same-tick memory store hides (read, then write on what was read) show up.
// The wrapped store is the same store: engines, data and close are shared.
import type { Store } from '../../src/store/ports.js';

const REPOS = ['customers', 'interactions', 'deals', 'people', 'settings', 'audit', 'once', 'deliveries'] as const;

export function withLatency(store: Store, ms: number): Store {
  const wrapped: Record<string, unknown> = {};
  for (const name of REPOS) wrapped[name] = slowRepo(store[name] as unknown as Record<string, unknown>, ms);
  return Object.assign(Object.create(store) as Store, wrapped);
}

function slowRepo(repo: Record<string, unknown>, ms: number): unknown {
  return new Proxy(repo, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      // async generators (iterate) are handed out as they are: they pace themselves
      if (value.constructor.name === 'AsyncGeneratorFunction') return value.bind(target);
      return async (...args: unknown[]) => {
        await new Promise((r) => setTimeout(r, ms));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
