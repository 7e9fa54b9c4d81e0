// A map from a key to one or more values, for the name indexes: a 100,000-
// customer tenant has about two million name variants, nearly all held by a
// single customer, so a single value is stored bare and only shared keys get
// an array (a Set per key cost about 150 bytes each).

export class MultiMap<V extends object> {
  private readonly m = new Map<string, V | V[]>();

  add(key: string, value: V): void {
    const cur = this.m.get(key);
    if (cur === undefined) this.m.set(key, value);
    else if (Array.isArray(cur)) {
      if (!cur.includes(value)) cur.push(value);
    } else if (cur !== value) this.m.set(key, [cur, value]);
  }

  remove(key: string, value: V): void {
    const cur = this.m.get(key);
    if (cur === undefined) return;
    if (!Array.isArray(cur)) {
      if (cur === value) this.m.delete(key);
      return;
    }
    const i = cur.indexOf(value);
    if (i < 0) return;
    cur.splice(i, 1);
    if (cur.length === 1) this.m.set(key, cur[0]!);
  }

  /** the values of a key, oldest first */
  get(key: string): readonly V[] {
    const cur = this.m.get(key);
    if (cur === undefined) return [];
    return Array.isArray(cur) ? cur : [cur];
  }
}
