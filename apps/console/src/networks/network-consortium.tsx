/**
 * A network's consortium section: its nodes and its governance proposals, with Approve / Reject
 * buttons for an administrator of an institution that may still vote on an open proposal.
 */
import type { NetworkNode, Proposal } from '@strata/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useConsoleApi } from '../api/api-context';
import type { ApiProblem } from '../api/api-problem';
import { problemOf, useApiResult } from '../api/use-api-result';
import { useAuth } from '../auth/auth-context';
import { decodeJwtPayload } from '../auth/signed-in-user';
import { formatDateTime } from '../layout/format';
import { ProblemAlert } from '../layout/problem-alert';

function describeAction(proposal: Proposal, nodes: readonly NetworkNode[]): string {
  const action = proposal.action;
  const nodeName = (id: string) => nodes.find((node) => node.id === id)?.name ?? id;
  switch (action.kind) {
    case 'add-validator':
      return `Add validator ${nodeName(action.nodeId)}`;
    case 'remove-validator':
      return `Remove validator ${nodeName(action.nodeId)}`;
    case 'admit-member':
      return `Admit member ${action.organisationId}`;
    case 'remove-member':
      return `Remove member ${action.organisationId}`;
    case 'change-parameters':
      return `Change parameters ${JSON.stringify(action.parameters)}`;
  }
}

/** The organisation on the caller's token (display decisions only; the API checks it). */
function useOwnOrganisation(): string | undefined {
  const { accessToken } = useAuth();
  const [organisationId, setOrganisationId] = useState<string>();
  useEffect(() => {
    void accessToken().then((token) => {
      const claim = decodeJwtPayload(token).organisation_id;
      setOrganisationId(typeof claim === 'string' ? claim : undefined);
    });
  }, [accessToken]);
  return organisationId;
}

export function NetworkConsortium(props: { networkId: string }) {
  const api = useConsoleApi();
  const { user } = useAuth();
  const organisationId = useOwnOrganisation();
  const load = useCallback(
    () =>
      Promise.all([
        api.consortium.listNodes(props.networkId),
        api.consortium.listProposals(props.networkId),
      ]),
    [api, props.networkId],
  );
  const { result, reload } = useApiResult(load);
  const [voteProblem, setVoteProblem] = useState<ApiProblem>();
  const [nodes, proposals] = result.data ?? [[], []];
  const canVote = (proposal: Proposal) =>
    proposal.status === 'open' &&
    user.roles.some((role) => role === 'institution-admin' || role === 'platform-admin') &&
    organisationId !== undefined &&
    proposal.eligibleVoters.includes(organisationId) &&
    !proposal.votes.some((vote) => vote.organisationId === organisationId);

  const vote = (proposal: Proposal, approve: boolean) => {
    setVoteProblem(undefined);
    api.consortium
      .castVote(props.networkId, proposal.id, approve, crypto.randomUUID())
      .then(reload)
      .catch((error: unknown) => setVoteProblem(problemOf(error)));
  };

  return (
    <>
      <ProblemAlert problem={result.status === 'failed' ? result.problem : voteProblem} />
      <h2>Nodes ({nodes.length})</h2>
      <table className="data-table">
        <caption className="visually-hidden">Nodes</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Owner</th>
            <th scope="col">Status</th>
            <th scope="col">Address</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <tr key={node.id}>
              <td>{node.name}</td>
              <td>{node.role}</td>
              <td className="mono">{node.organisationId}</td>
              <td>{node.status}</td>
              <td className="mono">{node.address}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Proposals ({proposals.length})</h2>
      <table className="data-table">
        <caption className="visually-hidden">Proposals</caption>
        <thead>
          <tr>
            <th scope="col">Proposal</th>
            <th scope="col">Status</th>
            <th scope="col">Votes</th>
            <th scope="col">Deadline</th>
            <th scope="col">Vote</th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((proposal) => (
            <tr key={proposal.id}>
              <td>
                {describeAction(proposal, nodes)}
                {proposal.outcome && <div className="muted">{proposal.outcome}</div>}
              </td>
              <td>{proposal.status}</td>
              <td>
                {proposal.votes.filter((entry) => entry.approve).length} for,{' '}
                {proposal.votes.filter((entry) => !entry.approve).length} against (needs{' '}
                {proposal.threshold})
              </td>
              <td>{formatDateTime(proposal.deadline)}</td>
              <td>
                {canVote(proposal) && (
                  <>
                    <button type="button" onClick={() => vote(proposal, true)}>
                      Approve
                    </button>{' '}
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => vote(proposal, false)}
                    >
                      Reject
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
