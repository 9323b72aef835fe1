/**
 * Port for what `/health` checks: each probe resolves when its dependency is usable and rejects
 * otherwise. Runtime probes: PostgreSQL (`select 1`) and Kafka (a broker accepts a connection).
 */
import { connect } from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';

export interface HealthProbe {
  name: string;
  check(): Promise<void>;
}

export const HEALTH_PROBES = Symbol('HEALTH_PROBES');

export function databaseProbe(orm: MikroORM): HealthProbe {
  return {
    name: 'database',
    check: async () => void (await orm.em.getConnection().execute('select 1')),
  };
}

function tcpReachable(hostPort: string, timeoutMs: number): Promise<void> {
  const [host, port] = [
    hostPort.slice(0, hostPort.lastIndexOf(':')),
    Number(hostPort.slice(hostPort.lastIndexOf(':') + 1)),
  ];
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => (socket.destroy(), resolve()));
    socket.once('timeout', () => (socket.destroy(), reject(new Error(`${hostPort} timed out`))));
    socket.once('error', (error) => (socket.destroy(), reject(error)));
  });
}

export function kafkaProbe(brokers: string[], timeoutMs = 1_500): HealthProbe {
  return {
    name: 'kafka',
    check: () => Promise.any(brokers.map((b) => tcpReachable(b, timeoutMs))).then(() => undefined),
  };
}
