// The name-variant index: a 100,000-customer tenant has about 1.4 million
// (variant, customer) pairs. A Map keyed by the variant strings cost ~120 MB
// (the strings themselves plus the table); this keeps only a 32-bit hash of
// each variant and the row's sequence number in two Int32Arrays (open
// addressing, linear probing), about 16 MB. A hash match is only a
// candidate: the caller checks the row really holds the variant, so
// collisions cost a comparison, never a wrong answer.

const EMPTY = 0;
const GONE = -1;
const MIN_CAPACITY = 1024;

/** FNV-1a over UTF-16 code units of s[from, to) */
export function hashVariant(s: string, from = 0, to = s.length): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export class VariantIndex {
  private hashes = new Int32Array(MIN_CAPACITY);
  /** EMPTY, GONE (a removed entry: probing goes on past it) or sequence + 1 */
  private seqs = new Int32Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  private live = 0;
  private used = 0;

  /** add (hash, seq); the caller adds each distinct hash of a row once */
  add(hash: number, seq: number): void {
    if ((this.used + 1) * 10 > this.hashes.length * 8) this.resize();
    let i = slot(hash, this.mask);
    while (this.seqs[i]! > 0) i = (i + 1) & this.mask;
    if (this.seqs[i] === EMPTY) this.used += 1;
    this.hashes[i] = hash;
    this.seqs[i] = seq + 1;
    this.live += 1;
  }

  remove(hash: number, seq: number): void {
    for (let i = slot(hash, this.mask); this.seqs[i] !== EMPTY; i = (i + 1) & this.mask) {
      if (this.seqs[i] === seq + 1 && this.hashes[i] === hash) {
        this.seqs[i] = GONE;
        this.live -= 1;
        return;
      }
    }
  }

  /** the sequence numbers holding a hash (candidates: verify the variant) */
  find(hash: number, out: number[]): void {
    for (let i = slot(hash, this.mask); this.seqs[i] !== EMPTY; i = (i + 1) & this.mask) {
      if (this.seqs[i]! > 0 && this.hashes[i] === hash) out.push(this.seqs[i]! - 1);
    }
  }

  /** grow (or just sweep removed entries) so the table stays at most 80% used (probes stay short) */
  private resize(): void {
    let cap = MIN_CAPACITY;
    while ((this.live + 1) * 2 > cap) cap *= 2;
    const oldHashes = this.hashes;
    const oldSeqs = this.seqs;
    this.hashes = new Int32Array(cap);
    this.seqs = new Int32Array(cap);
    this.mask = cap - 1;
    this.used = this.live;
    for (let j = 0; j < oldSeqs.length; j += 1) {
      if (oldSeqs[j]! <= 0) continue;
      let i = slot(oldHashes[j]!, this.mask);
      while (this.seqs[i] !== EMPTY) i = (i + 1) & this.mask;
      this.hashes[i] = oldHashes[j]!;
      this.seqs[i] = oldSeqs[j]!;
    }
  }
}

/** Fibonacci hashing: FNV's low bits alone cluster */
function slot(hash: number, mask: number): number {
  return (Math.imul(hash, 0x9e3779b1) >>> 16 ^ Math.imul(hash, 0x9e3779b1)) & mask;
}
