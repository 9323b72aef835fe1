import type { TransactionCancellationState } from '@strata/contracts';
import { interventionChoices } from './intervention-choices';

const requested: TransactionCancellationState = {
  status: 'requested',
  requestedBy: 'alice',
  requestedAt: '2026-11-26T15:00:00.000Z',
  approvedBy: null,
  approvedAt: null,
};

describe('interventionChoices', () => {
  it('offers speed-up and a cancellation request, never an approval, when no cancellation was asked for', () => {
    expect(interventionChoices({ cancellation: null })).toEqual(['speed-up', 'request-cancel']);
    expect(interventionChoices({})).toEqual(['speed-up', 'request-cancel']);
  });

  it('offers the approval (and no second request) while a cancellation waits for approval', () => {
    expect(interventionChoices({ cancellation: requested })).toEqual([
      'speed-up',
      'approve-cancel',
    ]);
  });

  it('offers neither request nor approval once the cancellation is approved', () => {
    const approved = { ...requested, status: 'approved' as const, approvedBy: 'bob' };
    expect(interventionChoices({ cancellation: approved })).toEqual(['speed-up']);
  });
});
