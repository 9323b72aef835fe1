/**
 * The transaction settings in force on a network — confirmations, fee cap, fee-bump timeout and
 * attempts — each marked as the network's own or the ledger-wide default. Set by a platform
 * administrator through `PUT /api/v1/networks/{id}/transaction-settings`.
 */
import { useCallback } from 'react';
import type { EffectiveTransactionSettings } from '@strata/contracts';
import { useConsoleApi } from '../api/api-context';
import { useApiResult } from '../api/use-api-result';
import { formatGwei } from '../layout/format';
import { ProblemAlert } from '../layout/problem-alert';

type Setting = EffectiveTransactionSettings['overridden'][number];

const FACTS: {
  setting: Setting;
  label: string;
  show: (s: EffectiveTransactionSettings) => string;
}[] = [
  { setting: 'confirmations', label: 'Confirmations', show: (s) => String(s.confirmations) },
  { setting: 'feeCapWei', label: 'Fee cap', show: (s) => formatGwei(s.feeCapWei) },
  {
    setting: 'feeBumpAfterMs',
    label: 'Fee bump after',
    show: (s) => `${(s.feeBumpAfterMs / 1000).toLocaleString('en')} s`,
  },
  { setting: 'maxAttempts', label: 'Attempts before stuck', show: (s) => String(s.maxAttempts) },
];

export function TransactionSettingsFacts(props: { networkId: string }) {
  const api = useConsoleApi();
  const load = useCallback(
    () => api.transactions.settings(props.networkId),
    [api, props.networkId],
  );
  const { result } = useApiResult(load);
  const settings = result.data;
  return (
    <>
      <ProblemAlert problem={result.status === 'failed' ? result.problem : undefined} />
      {settings && (
        <dl className="facts" data-testid="transaction-settings">
          {FACTS.map(({ setting, label, show }) => (
            <div key={setting} data-setting={setting}>
              <dt>{label}</dt>
              <dd>
                {show(settings)}{' '}
                <span className="muted">
                  {settings.overridden.includes(setting) ? '(this network)' : '(ledger default)'}
                </span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
