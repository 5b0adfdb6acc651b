// Local-only defaults for `npm start` and dev tokens. Never used when JWT_SECRET is set; production
// secrets come from the environment (deploy/k8s Secret).
const DEV_JWT_SECRET = 'crosswalk-local-development-secret-not-for-production';

const SERVICES = [
  { name: 'schools', port: 3001 },
  { name: 'events', port: 3002 },
  { name: 'fellowships', port: 3003 },
  { name: 'colocations', port: 3004 },
  { name: 'metrics', port: 3005 },
];

/** With DATABASE_URL pointing at a server, each service gets its own database on it. */
function databaseUrlFor(service) {
  const server = process.env.DATABASE_URL || undefined;
  if (!server) return undefined;
  const url = new URL(server);
  url.pathname = `/${process.env.DATABASE_PREFIX ?? 'crosswalk_'}${service}`;
  return url.toString();
}

module.exports = { DEV_JWT_SECRET, SERVICES, GATEWAY_PORT: 8080, databaseUrlFor };
