/**
 * The serialised org tree per scope, valid for one tree version. The tree is read on every page of the
 * web app and weighs ~1 MB for 2,000 units: rebuilding it means 2,000 rows turned into objects three
 * times over plus the garbage they leave, which costs far more than the query (docs/benchmarks.md).
 */
export interface CachedTree {
  version: number;
  body: Buffer;
  etag: string;
}

const MAX_ENTRIES = 200;

export class TreeCache {
  private readonly entries = new Map<string, CachedTree>();

  get(key: string, version: number): CachedTree | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    // Map order is insertion order: re-inserting keeps the most recently used entries last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedTree) {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
