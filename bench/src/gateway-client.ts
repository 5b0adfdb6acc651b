// HTTP to the gateway as one operator's tool would send it: a bearer token and kept-alive connections. Plain
// node:http rather than fetch, so that the client, which shares the machine with the system it measures,
// costs as little as it can.
import { Agent, request } from 'node:http';

export interface Answer {
  status: number;
  text: string;
}

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly text: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${text.slice(0, 400)}`);
  }
}

export class GatewayClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(
    gateway: string,
    private readonly token: string,
    connections: number,
  ) {
    this.url = new URL(gateway);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  send(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Answer> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload !== undefined && { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  /** The answer's JSON; any status but 2xx is a GatewayError. */
  async json<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const answer = await this.send(method, path, body, contentType);
    if (answer.status < 200 || answer.status > 299) throw new GatewayError(answer.status, answer.text, `${method} ${path}`);
    return (answer.text ? JSON.parse(answer.text) : {}) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}
