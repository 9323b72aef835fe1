/** The DID registry's identifiers; "Resolve" shows a DID's W3C resolution result below it. */
import { useState } from 'react';
import { useConsoleApi } from '../api/api-context';
import type { ApiProblem } from '../api/api-problem';
import { problemOf } from '../api/use-api-result';
import { ProblemAlert } from '../layout/problem-alert';

export function DidRegistryTable(props: { dids: { did: string }[] }) {
  const api = useConsoleApi();
  const [resolved, setResolved] = useState<{ did: string; result: object }>();
  const [problem, setProblem] = useState<ApiProblem>();

  const resolve = async (did: string) => {
    setProblem(undefined);
    try {
      setResolved({ did, result: await api.registries.resolveDid(did) });
    } catch (error) {
      setResolved(undefined);
      setProblem(problemOf(error));
    }
  };

  return (
    <>
      <table className="data-table">
        <caption className="visually-hidden">DID registry identifiers</caption>
        <thead>
          <tr>
            <th scope="col">DID</th>
            <th scope="col">Document</th>
          </tr>
        </thead>
        <tbody>
          {props.dids.map(({ did }) => (
            <tr key={did}>
              <th scope="row">
                <code>{did}</code>
              </th>
              <td>
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={`Resolve ${did}`}
                  onClick={() => void resolve(did)}
                >
                  Resolve
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ProblemAlert problem={problem} />
      {resolved && (
        <figure>
          <figcaption>
            Resolution of <code>{resolved.did}</code>
          </figcaption>
          <pre data-testid="did-resolution" tabIndex={0}>
            {JSON.stringify(resolved.result, null, 2)}
          </pre>
        </figure>
      )}
    </>
  );
}
