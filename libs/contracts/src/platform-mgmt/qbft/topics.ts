/**
 * Kafka topics of platform-mgmt's consortium side (QBFT provisioning, node registry, validator
 * governance). Kept beside their schemas; same naming rules as `Topics`.
 */
export const ConsortiumTopics = {
  provisionNetwork: 'strata.platform-mgmt.provision-network.v1',
  networkProvisioned: 'strata.platform-mgmt.network-provisioned.v1',
  joinNode: 'strata.platform-mgmt.join-node.v1',
  nodeJoined: 'strata.platform-mgmt.node-joined.v1',
  leaveNode: 'strata.platform-mgmt.leave-node.v1',
  nodeLeft: 'strata.platform-mgmt.node-left.v1',
  nodesPermissioned: 'strata.platform-mgmt.nodes-permissioned.v1',
  nodePermissionsRevoked: 'strata.platform-mgmt.node-permissions-revoked.v1',
  submitProposal: 'strata.platform-mgmt.submit-proposal.v1',
  proposalSubmitted: 'strata.platform-mgmt.proposal-submitted.v1',
  castVote: 'strata.platform-mgmt.cast-vote.v1',
  voteCast: 'strata.platform-mgmt.vote-cast.v1',
  proposalClosed: 'strata.platform-mgmt.proposal-closed.v1',
  queries: 'strata.platform-mgmt.consortium-queries.v1',
} as const;
