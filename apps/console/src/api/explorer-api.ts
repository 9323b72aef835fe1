/**
 * The console's access to a network's chain explorer (through the generated SDK): blocks newest
 * first, the events of the latest blocks, and the search by block number, hash or address, as
 * contract types.
 */
import { type Configuration, ExplorerApi } from '@strata/sdk';
import type { BlockSummary, EventPage, Page, SearchResult } from '@strata/contracts';

export interface ExplorerConsoleApi {
  blocks(networkId: string, page: { limit: number; offset: number }): Promise<Page<BlockSummary>>;
  events(networkId: string, page: { limit: number; offset: number }): Promise<EventPage>;
  search(networkId: string, q: string): Promise<SearchResult>;
}

/** The SDK turns date-time strings into Dates; the console's contract types keep ISO strings. */
const iso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : value);

export function createExplorerApi(
  configuration: Configuration,
  call: <T>(request: () => Promise<T>) => Promise<T>,
): ExplorerConsoleApi {
  const explorer = new ExplorerApi(configuration);
  const block = (b: BlockSummary | (Omit<BlockSummary, 'timestamp'> & { timestamp: Date })) => ({
    ...b,
    timestamp: iso(b.timestamp),
  });
  return {
    blocks: (id, page) =>
      call(async () => {
        const answer = await explorer.listBlocks({ id, ...page });
        return { ...answer, items: answer.items.map(block) };
      }),
    events: (id, page) =>
      call(async () => (await explorer.listChainEvents({ id, ...page })) as EventPage),
    search: (id, q) =>
      call(async () => {
        const found = await explorer.searchChain({ id, q });
        return (
          found.kind === 'block' ? { ...found, block: block(found.block) } : found
        ) as SearchResult;
      }),
  };
}
