import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus `host` (the upstream's
 * own is set from its URL) and `expect` (Node already answered the client's 100-continue).
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Names a sender marks as hop-by-hop by listing them in `Connection`. */
function connectionListed(headers: IncomingHttpHeaders): Set<string> {
  const value = headers.connection;
  const list = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    list
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

function endToEnd(headers: IncomingHttpHeaders, alsoDrop: readonly string[]): OutgoingHttpHeaders {
  const listed = connectionListed(headers);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name) || alsoDrop.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

export interface ForwardingFacts {
  requestId: string;
  correlationId: string;
  /** The address the request came from, appended to X-Forwarded-For. */
  clientIp: string | undefined;
  /** Protocol and host the client used, so upstreams can build absolute links. */
  protocol: string;
}

/** What the upstream receives: the client's end-to-end headers plus the ids and forwarding facts. */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, facts: ForwardingFacts): OutgoingHttpHeaders {
  const out = endToEnd(incoming, ['host', 'expect']);
  // The ids were validated (or generated) by the request context; the upstream must log the same ones.
  out['x-request-id'] = facts.requestId;
  out['x-correlation-id'] = facts.correlationId;
  const forwardedFor = [incoming['x-forwarded-for'], facts.clientIp].flat().filter(Boolean).join(', ');
  if (forwardedFor) out['x-forwarded-for'] = forwardedFor;
  out['x-forwarded-proto'] = incoming['x-forwarded-proto'] ?? facts.protocol;
  if (incoming.host) out['x-forwarded-host'] = incoming['x-forwarded-host'] ?? incoming.host;
  // A body of unknown length stays streamed: Node only chunk-encodes some methods by default, and a
  // DELETE with a chunked body would otherwise be sent unframed.
  if (incoming['transfer-encoding'] !== undefined && incoming['content-length'] === undefined) {
    out['transfer-encoding'] = 'chunked';
  }
  return out;
}

/** What the client receives from the upstream's answer; an upstream's X-Powered-By would name its framework. */
export function clientResponseHeaders(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  return endToEnd(incoming, ['x-powered-by']);
}
