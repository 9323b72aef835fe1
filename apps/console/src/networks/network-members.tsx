/** The member organisations of a network, by name (ids resolved through the API). */
import type { Organisation } from '@strata/contracts';
import { useCallback } from 'react';
import { useConsoleApi } from '../api/api-context';
import { useApiResult } from '../api/use-api-result';

/** Beyond this many members the ids are listed without looking each one up. */
const MAX_LOOKUPS = 50;

export function NetworkMembers(props: { memberIds: string[] }) {
  const api = useConsoleApi();
  const key = props.memberIds.join(',');
  const load = useCallback(
    () =>
      Promise.all(
        key
          .split(',')
          .filter(Boolean)
          .map((id, index) =>
            index < MAX_LOOKUPS
              ? api.getOrganisation(id).catch((): Organisation | string => id)
              : Promise.resolve<Organisation | string>(id),
          ),
      ),
    [api, key],
  );
  const { result } = useApiResult(load);
  const members = result.data ?? props.memberIds;

  return (
    <ul className="member-list">
      {members.map((member) =>
        typeof member === 'string' ? (
          <li key={member} className="mono">
            {member}
          </li>
        ) : (
          <li key={member.id}>
            {member.name}{' '}
            <span className="muted">
              ({member.country}, {member.kind})
            </span>
          </li>
        ),
      )}
    </ul>
  );
}
