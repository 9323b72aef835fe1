/**
 * New chain heads of the networks the event sync follows, as wake-ups for its loop: an
 * `eth_subscribe("newHeads")` over the node's WebSocket endpoint when it offers one (the HTTP
 * RPC URL with a ws(s) scheme: anvil, and nodes that serve both on one port), otherwise an
 * `eth_blockNumber` poll that reports a changed head. Only a hint: the sync loop still runs its
 * periodic pass, so a missed or late head delays a window by at most that interval.
 */
import { Logger } from '@nestjs/common';
import { jsonRpcCall } from '../node/json-rpc-call';

export interface NewHeadsSettings {
  /** How often the fallback polls eth_blockNumber of a node without a WebSocket endpoint. */
  headPollMs: number;
  /** How long a node stays on the fallback poll before its WebSocket is tried again. */
  webSocketRetryMs: number;
}

/** ws(s):// for http(s)://, or null when the URL has another scheme (or is no URL). */
export function webSocketUrlOf(rpcUrl: string): string | null {
  if (!URL.canParse(rpcUrl)) return null;
  const url = new URL(rpcUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

interface Watch {
  stop(): void;
}

export class NewHeads {
  private readonly logger = new Logger(NewHeads.name);
  private readonly watches = new Map<string, Watch>();

  constructor(
    private readonly settings: NewHeadsSettings,
    private readonly onHead: (rpcUrl: string) => void,
  ) {}

  /** Follows exactly these nodes: starts the new ones, stops the ones no longer listed. */
  follow(rpcUrls: Iterable<string>): void {
    const wanted = new Set(rpcUrls);
    for (const [url, watch] of this.watches) {
      if (wanted.has(url)) continue;
      watch.stop();
      this.watches.delete(url);
    }
    for (const url of wanted) if (!this.watches.has(url)) this.watches.set(url, this.watch(url));
  }

  stop(): void {
    this.follow([]);
  }

  /** WebSocket first; on failure (or when it drops) the poll, and the WebSocket again later. */
  private watch(rpcUrl: string): Watch {
    let stopped = false;
    let current: Watch = { stop: () => undefined };
    const next = (useSocket: boolean): void => {
      if (stopped) return;
      const wsUrl = useSocket ? webSocketUrlOf(rpcUrl) : null;
      const socket = wsUrl ? this.subscribe(rpcUrl, wsUrl, () => next(false)) : null;
      current = socket ?? this.poll(rpcUrl, () => next(true));
    };
    next(true);
    return {
      stop: () => {
        stopped = true;
        current.stop();
      },
    };
  }

  /** Null when no WebSocket can even be opened (then the caller polls). */
  private subscribe(rpcUrl: string, wsUrl: string, fallBack: () => void): Watch | null {
    let socket: WebSocket;
    try {
      // Node's WebSocket client (global since Node 22); an invalid URL throws here.
      socket = new WebSocket(wsUrl);
    } catch (error) {
      this.logger.log(`${rpcUrl}: no newHeads subscription (${String(error)}); polling`);
      return null;
    }
    let closed = false;
    const end = (reason: string) => {
      if (closed) return;
      closed = true;
      socket.close();
      this.logger.log(`${rpcUrl}: no newHeads subscription (${reason}); polling the block number`);
      fallBack();
    };
    socket.addEventListener('open', () => {
      socket.send(
        JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: ['newHeads'] }),
      );
    });
    socket.addEventListener('message', (message) => {
      const data = JSON.parse(String(message.data)) as {
        id?: number;
        method?: string;
        error?: { message?: string };
      };
      if (data.id === 1 && data.error) end(data.error.message ?? 'eth_subscribe refused');
      else if (data.method === 'eth_subscription') this.onHead(rpcUrl);
    });
    socket.addEventListener('error', () => end('WebSocket error'));
    socket.addEventListener('close', () => end('WebSocket closed'));
    return {
      stop: () => {
        closed = true;
        socket.close();
      },
    };
  }

  private poll(rpcUrl: string, retrySocket: () => void): Watch {
    let last: string | undefined;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const tick = async () => {
      try {
        const head = await jsonRpcCall<string>(rpcUrl, 'eth_blockNumber', [], 5_000);
        if (last !== undefined && head !== last) this.onHead(rpcUrl);
        last = head;
      } catch {
        // The node is unreachable: the sync loop's own steps report and back off.
      }
      if (stopped) return;
      if (Date.now() - started >= this.settings.webSocketRetryMs) retrySocket();
      else timer = setTimeout(() => void tick(), this.settings.headPollMs);
    };
    void tick();
    return {
      stop: () => {
        stopped = true;
        clearTimeout(timer);
      },
    };
  }
}
