/**
 * Which topics the audit log records: every event topic of every app, derived from the topic
 * maps `@strata/contracts` exports (every export named `...Topics`, nested maps included), so a
 * new event in any map is recorded without touching this file. Queries, replies, dead letters
 * and commands (imperative facts such as `register-organisation`) are not state changes and are
 * left out; events are past-tense facts (`organisation-registered`, `node-left`, `vote-cast`).
 * Chain data the ledger only relays (`contract-event`: logs of the consortium's contracts, already
 * immutable on chain) is not a state change of the platform either and is left out (ADR 0016);
 * creating, pausing or deleting the listener that relays it is recorded.
 */
import * as contracts from '@strata/contracts';

/** First words of command facts (`strata.<app>.<verb>-<object>.v<N>`). */
export const COMMAND_VERBS = new Set([
  'ack',
  'acknowledge',
  'add',
  'anchor',
  'approve',
  'assign',
  'cancel',
  'cast',
  'change',
  'claim',
  'configure',
  'create',
  'delete',
  'deploy',
  'grant',
  'install',
  'issue',
  'join',
  'leave',
  'provision',
  'publish',
  'rate',
  'register',
  'reject',
  'remove',
  'request',
  'resolve',
  'revoke',
  'set',
  'speed',
  'submit',
  'uninstall',
  'update',
]);

export type TopicKind = 'event' | 'command' | 'query' | 'reply' | 'dead-letter' | 'unknown';

const TOPIC_PATTERN = /^strata\.([a-z0-9-]+)\.([a-z0-9-]+)\.v\d+$/;

export function topicKind(topic: string): TopicKind {
  if (topic.endsWith('.dlq')) return 'dead-letter';
  const match = TOPIC_PATTERN.exec(topic);
  if (!match) return 'unknown';
  const fact = match[2];
  if (fact === 'replies') return 'reply';
  if (fact === 'queries' || fact.endsWith('-queries')) return 'query';
  return COMMAND_VERBS.has(fact.split('-')[0]) ? 'command' : 'event';
}

/** Topic names produced by a topic-map function (`transitioned(status)`), by known argument sets. */
function expand(name: string, fn: (arg: never) => unknown): string[] {
  if (name === 'transitioned') {
    return contracts.TRANSACTION_STATUSES.map((status) => String(fn(status as never)));
  }
  return [];
}

function collect(map: Record<string, unknown>, into: Set<string>): void {
  for (const [name, value] of Object.entries(map)) {
    if (typeof value === 'string') into.add(value);
    else if (typeof value === 'function') {
      expand(name, value as (arg: never) => unknown).forEach((t) => into.add(t));
    } else if (value && typeof value === 'object') collect(value as Record<string, unknown>, into);
  }
}

/** Every topic named in the contracts' topic maps. */
export function registeredTopics(exports: Record<string, unknown> = contracts): string[] {
  const topics = new Set<string>();
  for (const [name, value] of Object.entries(exports)) {
    if (name.endsWith('Topics') && value && typeof value === 'object') {
      collect(value as Record<string, unknown>, topics);
    }
  }
  return [...topics].sort();
}

/** Topics that carry chain data relayed by the ledger, not state changes of the platform. */
export const RELAYED_CHAIN_DATA: ReadonlySet<string> = new Set([
  contracts.EventListenerTopics.contractEvent,
]);

/** The event topics the audit log consumes. */
export function auditedTopics(exports?: Record<string, unknown>): string[] {
  return registeredTopics(exports).filter(
    (topic) => topicKind(topic) === 'event' && !RELAYED_CHAIN_DATA.has(topic),
  );
}
