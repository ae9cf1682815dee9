/** Where explorer pages link to; the app builds them (they carry the chosen node). */
export interface ExplorerLinks {
  block: (hash: string) => string;
  tx: (id: string) => string;
  /** The block list, starting below height `before` (null: the newest blocks). */
  list: (before: number | null) => string;
}
