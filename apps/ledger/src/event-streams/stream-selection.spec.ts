import type { EventStream } from './event-stream.entity';
import { streamSelection } from './stream-selection';

const base = {
  id: 's',
  networkId: 'n',
  filter: { listenerId: 'l' },
  position: 10,
  replayUntil: null,
  replayFromBlock: null,
} as unknown as EventStream;

describe('stream selection', () => {
  it('takes the network, every filter criterion (address checksummed) and what is after the position', () => {
    const stream = {
      ...base,
      filter: {
        listenerId: 'l',
        address: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
        event: 'Ticked(uint256,address,uint256)',
      },
    } as EventStream;
    expect(streamSelection(stream, 10)).toEqual({
      networkId: 'n',
      seq: { $gt: 10 },
      listenerId: 'l',
      address: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      signature: 'Ticked(uint256,address,uint256)',
    });
  });

  it('while replaying, takes only events from the replay block up to where the stream had got', () => {
    const stream = { ...base, position: 0, replayUntil: 50, replayFromBlock: 7 } as EventStream;
    expect(streamSelection(stream, 0)).toMatchObject({
      seq: { $gt: 0 },
      $or: [{ seq: { $gt: 50 } }, { blockNumber: { $gte: 7 } }],
    });
  });

  it('stops restricting by block once the position passed the replayed range', () => {
    const stream = { ...base, position: 60, replayUntil: 50, replayFromBlock: 7 } as EventStream;
    expect(streamSelection(stream, 60)).not.toHaveProperty('$or');
  });
});
