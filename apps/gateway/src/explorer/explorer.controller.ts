/**
 * /api/v1/networks/{id}/explorer: the network's chain as the ledger reads it from its node —
 * blocks newest first (paginated), one block with its transactions, one transaction with its
 * receipt and decoded events, the events of a block range, and a search by block number, hash
 * or address. Bad hashes, numbers and addresses are a 400 problem+json before anything is asked.
 */
import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '@strata/auth';
import {
  type Actor,
  type BlockDetail,
  blockDetailSchema,
  blockPageSchema,
  blockRefSchema,
  type EventPage,
  eventPageSchema,
  type EventRangeRequest,
  eventRangeRequestSchema,
  explorerSearchSchema,
  hash32Schema,
  type PageRequest,
  pageRequestSchema,
  type SearchResult,
  searchResultSchema,
  type TransactionDetail,
  transactionDetailSchema,
} from '@strata/contracts';
import { z } from 'zod';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  ApiJsonResponse,
  ApiOperationId,
  ApiProblems,
  ApiUuidParam,
  ApiZodQuery,
} from '../openapi/api-decorators';
import { UuidParam, ValidQuery } from '../validation/params';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { LedgerExplorerClient } from './ledger-explorer.client';
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';

const searchQuerySchema = z.object({ q: explorerSearchSchema }).strict();
const blocksQuerySchema = pageRequestSchema.strict();
const eventsQuerySchema = eventRangeRequestSchema.strict();

@ApiTags('explorer')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id/explorer')
@AuditorScope({ network: 'id' })
export class ExplorerController {
  constructor(private readonly ledger: LedgerExplorerClient) {}

  @Get('blocks')
  @AnyRole()
  @ApiOperationId('listBlocks', 'List the blocks of the network, newest first')
  @ApiUuidParam('id')
  @ApiZodQuery(blocksQuerySchema)
  @ApiJsonResponse(200, 'BlockPage', 'A page of blocks; total is the head + 1')
  @ApiProblems(400, 404)
  blocks(
    @UuidParam('id') networkId: string,
    @ValidQuery(blocksQuerySchema) page: PageRequest,
    @CurrentActor() actor: Actor,
  ): Promise<z.output<typeof blockPageSchema>> {
    return this.ledger.query({ query: 'list-blocks', networkId, page }, actor, blockPageSchema);
  }

  @Get('blocks/:block')
  @AnyRole()
  @ApiOperationId('getBlock', 'Get a block by number or hash, with its transactions')
  @ApiUuidParam('id')
  @ApiParam({
    name: 'block',
    required: true,
    schema: { type: 'string', pattern: '^(\\d{1,15}|0x[0-9a-fA-F]{64})$' },
  })
  @ApiJsonResponse(200, 'BlockDetail', 'The block')
  @ApiProblems(400, 404)
  block(
    @UuidParam('id') networkId: string,
    @Param('block', new ZodValidationPipe(blockRefSchema, 'block')) block: string,
    @CurrentActor() actor: Actor,
  ): Promise<BlockDetail> {
    return this.ledger.query({ query: 'get-block', networkId, block }, actor, blockDetailSchema);
  }

  @Get('transactions/:hash')
  @AnyRole()
  @ApiOperationId(
    'getChainTransaction',
    'Get a transaction by hash, with its receipt and decoded events',
  )
  @ApiUuidParam('id')
  @ApiParam({
    name: 'hash',
    required: true,
    schema: { type: 'string', pattern: '^0x[0-9a-fA-F]{64}$' },
  })
  @ApiJsonResponse(200, 'TransactionDetail', 'The transaction')
  @ApiProblems(400, 404)
  transaction(
    @UuidParam('id') networkId: string,
    @Param('hash', new ZodValidationPipe(hash32Schema, 'hash')) hash: string,
    @CurrentActor() actor: Actor,
  ): Promise<TransactionDetail> {
    return this.ledger.query(
      { query: 'get-transaction', networkId, hash },
      actor,
      transactionDetailSchema,
    );
  }

  @Get('events')
  @AnyRole()
  @ApiOperationId(
    'listChainEvents',
    "List the events of a block range, newest first, decoded with the network listeners' ABIs",
  )
  @ApiUuidParam('id')
  @ApiZodQuery(eventsQuerySchema)
  @ApiJsonResponse(200, 'EventPage', "A page of the range's events")
  @ApiProblems(400, 404)
  events(
    @UuidParam('id') networkId: string,
    @ValidQuery(eventsQuerySchema) range: EventRangeRequest,
    @CurrentActor() actor: Actor,
  ): Promise<EventPage> {
    return this.ledger.query({ query: 'list-events', networkId, range }, actor, eventPageSchema);
  }

  @Get('search')
  @AnyRole()
  @ApiOperationId(
    'searchChain',
    'Find a block (number or hash), a transaction (hash) or an address',
  )
  @ApiUuidParam('id')
  @ApiZodQuery(searchQuerySchema)
  @ApiJsonResponse(200, 'SearchResult', 'What the query designates')
  @ApiProblems(400, 404)
  search(
    @UuidParam('id') networkId: string,
    @ValidQuery(searchQuerySchema) query: { q: string },
    @CurrentActor() actor: Actor,
  ): Promise<SearchResult> {
    return this.ledger.query({ query: 'search', networkId, q: query.q }, actor, searchResultSchema);
  }
}
