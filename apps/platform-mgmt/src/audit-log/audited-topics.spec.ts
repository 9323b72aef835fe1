import { auditedTopics, registeredTopics, topicKind } from './audited-topics';

describe('the topics the audit log records', () => {
  it('classifies topic names by the naming rules', () => {
    expect(topicKind('strata.platform-mgmt.organisation-registered.v1')).toBe('event');
    expect(topicKind('strata.platform-mgmt.node-left.v1')).toBe('event');
    expect(topicKind('strata.platform-mgmt.vote-cast.v1')).toBe('event');
    expect(topicKind('strata.ledger.transaction-stuck.v2')).toBe('event');
    expect(topicKind('strata.platform-mgmt.register-organisation.v1')).toBe('command');
    expect(topicKind('strata.platform-mgmt.cast-vote.v1')).toBe('command');
    expect(topicKind('strata.ledger.queries.v1')).toBe('query');
    expect(topicKind('strata.ledger.transaction-queries.v1')).toBe('query');
    expect(topicKind('strata.gateway.replies.v1')).toBe('reply');
    expect(topicKind('strata.platform-mgmt.organisation-registered.v1.dlq')).toBe('dead-letter');
    expect(topicKind('not-a-topic')).toBe('unknown');
  });

  it('records the event topics of every app named in the contracts', () => {
    const audited = auditedTopics();
    expect(audited).toEqual(
      expect.arrayContaining([
        'strata.platform-mgmt.organisation-registered.v1',
        'strata.platform-mgmt.network-registered.v1',
        'strata.platform-mgmt.proposal-closed.v1',
        'strata.ledger.transaction-confirmed.v1',
        'strata.ledger.transaction-stuck.v1',
        'strata.ledger.key-used.v1',
        'strata.ledger.master-account-deployed.v1',
        'strata.identity.credential-issued.v1',
        'strata.platform-mgmt.audit-log-anchored.v1',
      ]),
    );
    for (const topic of audited) expect(topicKind(topic)).toBe('event');
    expect(audited).not.toContain('strata.platform-mgmt.register-organisation.v1');
    expect(audited).not.toContain('strata.ledger.submit-transaction.v1');
    expect(audited).not.toContain('strata.platform-mgmt.queries.v1');
  });

  it('leaves out chain data the ledger only relays, but records its listeners being managed', () => {
    const audited = auditedTopics();
    expect(audited).not.toContain('strata.ledger.contract-event.v1');
    expect(registeredTopics()).toContain('strata.ledger.contract-event.v1');
    expect(
      audited.filter((topic) => topic.startsWith('strata.ledger.event-listener-')),
    ).not.toEqual([]);
  });

  it('picks up a new topic map without being told about it', () => {
    const exports = {
      FutureTopics: {
        somethingHappened: 'strata.app-store.app-installed.v1',
        doSomething: 'strata.app-store.install-app.v1',
        nested: { queries: 'strata.app-store.queries.v1' },
      },
      notATopicMap: { x: 'strata.app-store.ignored-thing.v1' },
    };
    expect(registeredTopics(exports)).toEqual([
      'strata.app-store.app-installed.v1',
      'strata.app-store.install-app.v1',
      'strata.app-store.queries.v1',
    ]);
    expect(auditedTopics(exports)).toEqual(['strata.app-store.app-installed.v1']);
  });
});
