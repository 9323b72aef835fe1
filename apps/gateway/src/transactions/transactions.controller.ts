/**
 * /api/v1/networks/{id}/accounts and /transactions: signing accounts of the caller's
 * organisation and the transactions they send. POSTs become operations (Idempotency-Key);
 * a submitted transaction answers 202 at once with its id, then is followed with GET.
 */
import { Controller, Get, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '@strata/auth';
import {
  type Actor,
  type CreateSigningAccount,
  createSigningAccountSchema,
  type LedgerTransaction,
  listSigningAccountsQuerySchema,
  type ListTransactionsQuery,
  listTransactionsQuerySchema,
  type Page,
  type PageRequest,
  type SigningAccount,
  signingAccountPageSchema,
  type SubmitTransaction,
  submitTransactionSchema,
  transactionPageSchema,
  transactionSchema,
} from '@strata/contracts';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-actor.decorator';
import { validateIdempotencyKey } from '../idempotency/idempotency.service';
import {
  ApiIdempotencyKey,
  ApiJsonBody,
  ApiJsonResponse,
  ApiOperationId,
  ApiProblems,
  ApiUuidParam,
  ApiZodQuery,
} from '../openapi/api-decorators';
import { OperationsService } from '../operations/operations.service';
import { respondToSubmission } from '../operations/submission-response';
import { UuidParam, ValidBody, ValidQuery } from '../validation/params';
import { AuditorScope } from '../auditor-grants/auditor-scope.guard';
import { LedgerTransactionsClient } from './ledger-transactions.client';

@ApiTags('transactions')
@ApiBearerAuth('bearer')
@Controller('api/v1/networks/:id')
@AuditorScope({ network: 'id' })
export class TransactionsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly ledger: LedgerTransactionsClient,
  ) {}

  @Post('accounts')
  @Roles('institution-admin', 'platform-admin')
  @ApiOperationId('createSigningAccount', "Create a signing account for the caller's organisation")
  @ApiUuidParam('id')
  @ApiIdempotencyKey()
  @ApiJsonBody('CreateSigningAccount')
  @ApiJsonResponse(201, 'SigningAccount', 'Created')
  @ApiJsonResponse(202, 'OperationAccepted', 'Still running; poll the operation')
  @ApiProblems(400, 404, 409, 413, 415, 422)
  async createAccount(
    @UuidParam('id') networkId: string,
    @ValidBody(createSigningAccountSchema) body: CreateSigningAccount,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'create-signing-account',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, account: body },
      key: networkId,
    });
    return respondToSubmission(operation, res);
  }

  @Get('accounts')
  @AnyRole()
  @ApiOperationId('listSigningAccounts', "List the signing accounts of the caller's organisation")
  @ApiUuidParam('id')
  @ApiZodQuery(listSigningAccountsQuerySchema)
  @ApiJsonResponse(200, 'SigningAccountPage', 'A page of accounts')
  @ApiProblems(400, 404)
  listAccounts(
    @UuidParam('id') networkId: string,
    @ValidQuery(listSigningAccountsQuerySchema) params: PageRequest,
    @CurrentActor() actor: Actor,
  ): Promise<Page<SigningAccount>> {
    return this.ledger.query(
      { query: 'list-signing-accounts', networkId, params },
      actor,
      signingAccountPageSchema,
    );
  }

  @Post('transactions')
  @Roles('institution-admin', 'operator')
  @ApiOperationId('submitTransaction', 'Submit a transfer, contract call or deployment')
  @ApiUuidParam('id')
  @ApiIdempotencyKey()
  @ApiJsonBody('SubmitTransaction')
  @ApiJsonResponse(202, 'LedgerTransaction', 'Accepted; follow it with GET', {
    Location: 'URL of the transaction',
  })
  @ApiProblems(400, 404, 409, 413, 415, 422)
  async submit(
    @UuidParam('id') networkId: string,
    @ValidBody(submitTransactionSchema) body: SubmitTransaction,
    @Headers('idempotency-key') rawKey: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const operation = await this.operations.submit({
      kind: 'submit-transaction',
      actor,
      idempotencyKey: validateIdempotencyKey(rawKey),
      body: { networkId, transaction: body },
      key: `${networkId}:${body.from.toLowerCase()}`,
    });
    const answer = respondToSubmission(operation, res);
    // Accepted is not done: the transaction goes on in the background.
    if (operation.outcome?.kind === 'resource') res.status(202);
    return answer;
  }

  @Get('transactions')
  @AnyRole()
  @ApiOperationId('listTransactions', "List the caller organisation's transactions")
  @ApiUuidParam('id')
  @ApiZodQuery(listTransactionsQuerySchema)
  @ApiJsonResponse(200, 'LedgerTransactionPage', 'A page of transactions, newest first')
  @ApiProblems(400, 404)
  list(
    @UuidParam('id') networkId: string,
    @ValidQuery(listTransactionsQuerySchema) params: ListTransactionsQuery,
    @CurrentActor() actor: Actor,
  ): Promise<Page<LedgerTransaction>> {
    return this.ledger.query(
      { query: 'list-transactions', networkId, params },
      actor,
      transactionPageSchema,
    );
  }

  @Get('transactions/:txId')
  @AnyRole()
  @ApiOperationId('getTransaction', 'Get a transaction and its status')
  @ApiUuidParam('id')
  @ApiUuidParam('txId')
  @ApiJsonResponse(200, 'LedgerTransaction', 'The transaction')
  @ApiProblems(400, 404)
  get(
    @UuidParam('id') networkId: string,
    @UuidParam('txId') txId: string,
    @CurrentActor() actor: Actor,
  ): Promise<LedgerTransaction> {
    return this.ledger.query(
      { query: 'get-transaction', networkId, id: txId },
      actor,
      transactionSchema,
    );
  }
}
