import { sameRows } from './table-writer';

describe('sameRows (which view tables a batch rewrites)', () => {
  const row = { mpanCore: '1200000000001', effectiveFromDate: '2025-01-01', effectiveToDate: null, supplierMpid: 'SUPA' };

  it('is true for lists and rows with the same values, whatever the objects', () => {
    expect(sameRows([row, { ...row, effectiveFromDate: '2025-02-01' }], [{ ...row }, { ...row, effectiveFromDate: '2025-02-01' }])).toBe(true);
    expect(sameRows([], [])).toBe(true);
    expect(sameRows(row, { ...row })).toBe(true);
  });

  it('is false when a value, a key, the length or the shape differs', () => {
    expect(sameRows([row], [{ ...row, effectiveToDate: '2025-03-01' }])).toBe(false);
    expect(sameRows([row], [{ ...row, extra: 1 }])).toBe(false);
    const { supplierMpid: _dropped, ...fewer } = row;
    expect(sameRows([row], [fewer])).toBe(false);
    expect(sameRows([row], [row, row])).toBe(false);
    expect(sameRows([row], row)).toBe(false);
    expect(sameRows(row, null)).toBe(false);
    // null and undefined are different values (a column set to null vs a missing one).
    expect(sameRows({ a: null }, { a: undefined })).toBe(false);
  });

  it('compares object values by identity (conservative: equal objects make a rewrite, never a skip)', () => {
    const details = { a: 1 };
    expect(sameRows({ details }, { details })).toBe(true);
    expect(sameRows({ details }, { details: { a: 1 } })).toBe(false);
  });
});
