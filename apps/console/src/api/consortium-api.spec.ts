/** SDK models of nodes and proposals become the contract types the pages use. */
import { nodeSchema, proposalSchema } from '@strata/contracts';
import { ProposalFromJSON, NetworkNodeListInnerFromJSON } from '@strata/sdk';
import { toNode, toProposal } from './consortium-api';

const networkId = '5b2f6f0e-8a37-4b53-9a55-6c2f4d8b1a10';
const organisationId = '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5';

describe('consortium API models', () => {
  it('maps a node and a proposal from the SDK back to their contract shapes', () => {
    const node = {
      id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      networkId,
      organisationId,
      name: 'validator-1',
      role: 'validator',
      enode: `enode://${'a'.repeat(128)}@validator-1:30303`,
      address: `0x${'1'.repeat(40)}`,
      endpoints: {},
      status: 'active',
      joinedAt: '2026-11-23T10:00:00.000Z',
      leftAt: null,
    };
    const proposal = {
      id: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
      networkId,
      action: { kind: 'add-validator', nodeId: node.id },
      description: null,
      proposedBy: organisationId,
      status: 'open',
      threshold: 3,
      eligibleVoters: [organisationId],
      votes: [{ organisationId, approve: true, castAt: '2026-11-23T10:01:00.000Z' }],
      deadline: '2026-11-24T10:00:00.000Z',
      createdAt: '2026-11-23T10:00:00.000Z',
      closedAt: null,
      outcome: null,
    };
    expect(nodeSchema.parse(toNode(NetworkNodeListInnerFromJSON(node)))).toEqual(node);
    expect(proposalSchema.parse(toProposal(ProposalFromJSON(proposal)))).toEqual(proposal);
  });
});
