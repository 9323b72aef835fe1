/**
 * Which page of the (unfiltered) list shows a just-registered organisation. The registry's
 * order is the API's business; the console checks the first page, then the last one.
 */
import type { Organisation, Page } from '@strata/contracts';

export interface RegisteredOrganisationRef {
  /** Known when the API answered 201; a 202 only tells the name that was sent. */
  id?: string;
  name: string;
}

export function isOnPage(page: Page<Organisation>, ref: RegisteredOrganisationRef): boolean {
  return page.items.some((item) => (ref.id ? item.id === ref.id : item.name === ref.name));
}

export function lastPageOffset(total: number, limit: number): number {
  return total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
}

/** Loads the first page, or the last one when the organisation is not on the first. */
export async function pageShowing(
  ref: RegisteredOrganisationRef,
  limit: number,
  listPage: (offset: number) => Promise<Page<Organisation>>,
): Promise<Page<Organisation>> {
  const first = await listPage(0);
  const lastOffset = lastPageOffset(first.total, limit);
  if (isOnPage(first, ref) || lastOffset === 0) return first;
  return listPage(lastOffset);
}
