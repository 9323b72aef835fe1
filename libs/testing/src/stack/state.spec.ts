import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStackState, updateStackState, writeStackState } from './state';

describe('stack state file', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'stack-state-')), 'state', 'stack.json');

  it('reads a missing file as "nothing started"', () => {
    expect(readStackState(file())).toEqual({ started: {} });
  });

  it('reads a corrupt file as "nothing started" instead of failing', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'stack-state-')), 'stack.json');
    writeFileSync(path, '{ not json');
    expect(readStackState(path)).toEqual({ started: {} });
  });

  it('remembers started services across writes and forgets the ones removed', () => {
    const path = file();
    writeStackState(path, { started: { kafka: { pid: 42, startedAt: 'now', logFile: 'k.log' } } });
    updateStackState(path, (s) => {
      s.started.anvil = { pid: 43, startedAt: 'now', logFile: 'a.log' };
      delete s.started.kafka;
    });
    expect(readStackState(path).started).toEqual({
      anvil: { pid: 43, startedAt: 'now', logFile: 'a.log' },
    });
  });
});
