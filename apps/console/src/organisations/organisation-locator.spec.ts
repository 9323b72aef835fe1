import type { Organisation, Page } from '@strata/contracts';
import { lastPageOffset, pageShowing } from './organisation-locator';

function organisation(n: number): Organisation {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name: `Organisation ${n}`,
    country: 'DE',
    kind: 'public-administration',
    legalIdentifier: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/** A registry of `total` organisations in creation order, served page by page. */
function registry(total: number, limit: number) {
  const all = Array.from({ length: total }, (_, i) => organisation(i + 1));
  const offsets: number[] = [];
  const listPage = (offset: number): Promise<Page<Organisation>> => {
    offsets.push(offset);
    return Promise.resolve({ items: all.slice(offset, offset + limit), total, limit, offset });
  };
  return { all, offsets, listPage };
}

describe('pageShowing', () => {
  it('goes to the last page when the list is oldest-first', async () => {
    const { offsets, listPage } = registry(45, 20);
    const page = await pageShowing({ id: organisation(45).id, name: 'x' }, 20, listPage);
    expect(offsets).toEqual([0, 40]);
    expect(page.items.map((item) => item.name)).toContain('Organisation 45');
  });

  it('stays on the first page when the organisation is there', async () => {
    const { offsets, listPage } = registry(45, 20);
    await pageShowing({ name: 'Organisation 3' }, 20, listPage);
    expect(offsets).toEqual([0]);
  });

  it('computes the offset of the last page', () => {
    expect(lastPageOffset(0, 20)).toBe(0);
    expect(lastPageOffset(20, 20)).toBe(0);
    expect(lastPageOffset(21, 20)).toBe(20);
  });
});
