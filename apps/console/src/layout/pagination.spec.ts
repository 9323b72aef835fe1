import { pagerState } from './pagination';

describe('pagerState', () => {
  it('offers only "next" on the first of several pages', () => {
    expect(pagerState({ total: 57, limit: 20, offset: 0, itemCount: 20 })).toEqual({
      summary: '1–20 of 57',
      previousOffset: undefined,
      nextOffset: 20,
    });
  });

  it('offers only "previous" on the last page', () => {
    expect(pagerState({ total: 57, limit: 20, offset: 40, itemCount: 17 })).toEqual({
      summary: '41–57 of 57',
      previousOffset: 20,
      nextOffset: undefined,
    });
  });

  it('never goes below offset 0 after an odd offset', () => {
    expect(pagerState({ total: 57, limit: 20, offset: 5, itemCount: 20 }).previousOffset).toBe(0);
  });

  it('says 0 of 0 for an empty list', () => {
    expect(pagerState({ total: 0, limit: 20, offset: 0, itemCount: 0 })).toEqual({
      summary: '0 of 0',
    });
  });
});
