import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleRows } from './table-rows';

const HAS = [
  { name: 'Saint Mary General Hospital', city: 'Belgrade', n: 10 },
  { name: 'Central Health Institute', city: 'Novi Sad', n: 2 },
  { name: 'Klinički centar Niš', city: 'Niš', n: 33 },
];
const text = (r: (typeof HAS)[number]) => `${r.name} ${r.city}`;

describe('visibleRows', () => {
  it('keeps rows holding every word, ignoring case and accents', () => {
    expect(visibleRows(HAS, { query: 'nis klinicki', text, descending: false }).map((r) => r.n)).toEqual([
      33,
    ]);
    expect(visibleRows(HAS, { query: '  SAINT  ', text, descending: false }).map((r) => r.n)).toEqual([10]);
    expect(visibleRows(HAS, { query: '', text, descending: false })).toEqual(HAS);
  });

  it('sorts text by the reader’s collation and numbers as numbers, either way', () => {
    expect(
      visibleRows(HAS, { query: '', text, sortBy: (r) => r.name, descending: false }).map((r) => r.n),
    ).toEqual([2, 33, 10]);
    expect(
      visibleRows(HAS, { query: '', text, sortBy: (r) => r.n, descending: true }).map((r) => r.n),
    ).toEqual([33, 10, 2]);
  });

  it('returns a sorted subset of the rows, ties kept in their order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ k: fc.integer({ min: 0, max: 5 }), t: fc.string() })),
        fc.string(),
        fc.boolean(),
        (rows, q, desc) => {
          const out = visibleRows(rows, { query: q, text: (r) => r.t, sortBy: (r) => r.k, descending: desc });
          expect(out.every((r) => rows.includes(r))).toBe(true);
          for (let i = 1; i < out.length; i++) {
            const [a, b] = [out[i - 1]!, out[i]!];
            expect(desc ? a.k >= b.k : a.k <= b.k).toBe(true);
            if (a.k === b.k) expect(rows.indexOf(a)).toBeLessThan(rows.indexOf(b));
          }
        },
      ),
    );
  });
});
