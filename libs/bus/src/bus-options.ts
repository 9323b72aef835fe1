/** How an app reaches Kafka. */
import type { AppName } from '@strata/contracts';

export interface BusOptions {
  app: AppName;
  brokers: string[];
  /** Prepended to every topic name on the wire (tests, side-by-side deployments). */
  topicPrefix: string;
  /** Distinguishes this process from other instances of the same app (reply routing). */
  instanceId: string;
  /** Partitions for topics this app creates. */
  partitions?: number;
}

export const BUS_OPTIONS = Symbol('BUS_OPTIONS');
