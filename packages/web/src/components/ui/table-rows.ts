/** The rows a searchable, sortable table shows: a pure rule, so it is tested without a DOM. */
export type SortValue = string | number;

export interface RowView<T> {
  query: string;
  text: (row: T) => string;
  sortBy?: ((row: T) => SortValue) | undefined;
  descending: boolean;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Rows whose text holds every word of the query (case and accents ignored), then sorted stably. */
export function visibleRows<T>(rows: readonly T[], view: RowView<T>): T[] {
  const words = fold(view.query).split(/\s+/).filter(Boolean);
  const kept =
    words.length === 0 ? [...rows] : rows.filter((r) => words.every((w) => fold(view.text(r)).includes(w)));
  const by = view.sortBy;
  if (by === undefined) return kept;
  const sign = view.descending ? -1 : 1;
  return kept
    .map((row, i) => ({ row, i, v: by(row) }))
    .sort((a, b) => {
      const c =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : collator.compare(String(a.v), String(b.v));
      return c !== 0 ? sign * c : a.i - b.i;
    })
    .map((x) => x.row);
}
