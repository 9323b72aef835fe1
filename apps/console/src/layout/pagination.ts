/** Offset pagination as the pager shows it ("21–40 of 57", previous/next offsets). */
export interface PageWindow {
  total: number;
  limit: number;
  offset: number;
  itemCount: number;
}

export interface PagerState {
  summary: string;
  previousOffset?: number;
  nextOffset?: number;
}

export function pagerState(page: PageWindow): PagerState {
  if (page.total === 0 || page.itemCount === 0) return { summary: `0 of ${page.total}` };
  const first = page.offset + 1;
  const last = page.offset + page.itemCount;
  return {
    summary: `${first}–${last} of ${page.total}`,
    previousOffset: page.offset > 0 ? Math.max(0, page.offset - page.limit) : undefined,
    nextOffset: last < page.total ? last : undefined,
  };
}
