#!/usr/bin/env node
// Container health check without curl: GET http://127.0.0.1:<port><path>, exit 0 on 2xx, 1 otherwise.
//   node deploy/docker/healthcheck.js [path]      path defaults to /health/live
// The port is the one the process listens on: GATEWAY_PORT for the gateway, HTTP_PORT for a service,
// else the default port of $SERVICE (the table is checked against the k8s manifests by a unit test).
'use strict';

const DEFAULT_PORTS = Object.freeze({
  gateway: 8080,
  schools: 3001,
  events: 3002,
  fellowships: 3003,
  colocations: 3004,
  metrics: 3005,
});

function portOf(env) {
  const service = env.SERVICE || '';
  const configured = service === 'gateway' ? env.GATEWAY_PORT : env.HTTP_PORT;
  const port = Number(configured || DEFAULT_PORTS[service]);
  if (!Number.isInteger(port) || port <= 0) {
    throw new Error(`no port: set SERVICE (one of ${Object.keys(DEFAULT_PORTS).join(', ')}) or HTTP_PORT`);
  }
  return port;
}

async function check(path, env) {
  const url = `http://127.0.0.1:${portOf(env)}${path}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(2500) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

if (require.main === module) {
  check(process.argv[2] || '/health/live', process.env).then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`healthcheck failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

module.exports = { DEFAULT_PORTS, portOf };
