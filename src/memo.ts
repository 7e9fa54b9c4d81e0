// One computed value per key, for pure functions called with few distinct keys
// (catalogue templates, the words and Han runs of names): the map is cleared
// whole when it reaches `max` entries, so it never grows without bound.
export function boundedMemo<V>(max: number, compute: (key: string) => V): (key: string) => V {
  const map = new Map<string, V>();
  return (key) => {
    let value = map.get(key);
    if (value === undefined) {
      value = compute(key);
      if (map.size >= max) map.clear();
      map.set(key, value);
    }
    return value;
  };
}
