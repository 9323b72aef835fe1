/**
 * Kafka for the local stack: Apache Kafka jars fetched from Maven Central (infra/local/maven),
 * one KRaft node (broker + controller) on 127.0.0.1:19092 / :19093, data under .stack/data/kafka.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { StackPaths } from './paths';
import { javaBinary, runMaven } from './java';
import { startDetached } from './process';
import { isPortOpen, waitFor, WaitOptions } from '../wait';

export const KAFKA_VERSION = '4.1.1';
export const KAFKA_PORT = 19092;
export const KAFKA_CONTROLLER_PORT = 19093;
export const KAFKA_BROKERS = `127.0.0.1:${KAFKA_PORT}`;

export function kafkaHome(paths: StackPaths): string {
  return join(paths.downloads, `kafka-${KAFKA_VERSION}`);
}

/** Fetches Kafka's runtime jars through Maven unless they are already there. */
export function ensureKafkaDownloaded(paths: StackPaths): void {
  const libs = join(kafkaHome(paths), 'libs');
  if (existsSync(libs) && readdirSync(libs).some((f) => f.startsWith('kafka_2.13'))) return;
  const partial = `${libs}.partial`;
  rmSync(partial, { recursive: true, force: true });
  runMaven(
    ['dependency:copy-dependencies', `-DoutputDirectory=${partial}`, '-DincludeScope=runtime'],
    join(paths.repoRoot, 'infra', 'local', 'maven'),
  );
  mkdirSync(kafkaHome(paths), { recursive: true });
  renameSync(partial, libs);
}

export function kafkaServerProperties(dataDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.bootstrap.servers=127.0.0.1:${KAFKA_CONTROLLER_PORT}`,
    `listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${KAFKA_CONTROLLER_PORT}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${join(dataDir, 'logs')}`,
    'num.partitions=3',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    '',
  ].join('\n');
}

const LOG4J2 = [
  'status = warn',
  'appender.console.type = Console',
  'appender.console.name = STDOUT',
  'appender.console.layout.type = PatternLayout',
  'appender.console.layout.pattern = [%d] %p %m (%c)%n',
  'rootLogger.level = INFO',
  'rootLogger.appenderRef.stdout.ref = STDOUT',
  'logger.kafka.name = kafka',
  'logger.kafka.level = WARN',
  'logger.controller.name = org.apache.kafka',
  'logger.controller.level = WARN',
  '',
].join('\n');

/** Writes config, formats KRaft storage on first use, and starts the broker. Returns its pid. */
export function startKafka(paths: StackPaths, logFile: string): number {
  ensureKafkaDownloaded(paths);
  const dataDir = join(paths.data, 'kafka');
  mkdirSync(dataDir, { recursive: true });
  const properties = join(dataDir, 'server.properties');
  const log4j = join(dataDir, 'log4j2.properties');
  writeFileSync(properties, kafkaServerProperties(dataDir));
  writeFileSync(log4j, LOG4J2);
  const classpath = join(kafkaHome(paths), 'libs', '*');
  const jvm = [`-Dlog4j2.configurationFile=${log4j}`, '-cp', classpath];
  if (!existsSync(join(dataDir, 'logs', 'meta.properties'))) {
    const format = spawnSync(
      javaBinary(),
      [
        ...jvm,
        'kafka.tools.StorageTool',
        'format',
        '--standalone',
        '-t',
        randomUUID(),
        '-c',
        properties,
      ],
      { encoding: 'utf8' },
    );
    if (format.status !== 0)
      throw new Error(`kafka storage format failed:\n${format.stdout}${format.stderr}`);
  }
  return startDetached({
    command: javaBinary(),
    // A broker holding the topics of many local e2e runs needs more than 512 MB (it ran out at ~12k partitions).
    args: ['-Xms128m', '-Xmx1536m', ...jvm, 'kafka.Kafka', properties],
    cwd: dataDir,
    env: process.env,
    logFile,
  });
}

export function isKafkaListening(): Promise<boolean> {
  return isPortOpen(KAFKA_PORT);
}

/** Ready = a kafkajs admin client can connect and list topics. */
export async function kafkaAnswers(brokers: string = KAFKA_BROKERS): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'strata-stack-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 2_000,
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export function waitForKafka(options: WaitOptions = {}): Promise<void> {
  return waitFor(`Kafka on ${KAFKA_BROKERS}`, () => kafkaAnswers(), {
    timeoutMs: 90_000,
    ...options,
  });
}

/**
 * Deletes every topic whose name starts with `prefix` (an e2e run's own topics), so that repeated
 * local runs do not pile up thousands of partitions in the shared broker. Best effort.
 */
export async function deleteTopicsWithPrefix(
  prefix: string,
  brokers: string = KAFKA_BROKERS,
): Promise<number> {
  if (prefix.length === 0) return 0;
  const admin = new Kafka({
    clientId: 'strata-e2e-cleanup',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    return topics.length;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
