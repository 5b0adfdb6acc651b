#!/usr/bin/env node
// `npm run token -- --role network_admin | --role city_operator --city <id> [--city <id>] | --role analyst`
// Prints a JWT signed with the local secret (JWT_SECRET, or the dev default `npm start` uses).
const { sign } = require('jsonwebtoken');
const { DEV_JWT_SECRET } = require('../start/dev-defaults');

const ROLES = ['network_admin', 'city_operator', 'analyst', 'service'];
// The services refuse tokens valid for longer than JWT_MAX_TOKEN_LIFETIME_SECONDS (default 12 hours).
const MAX_LIFETIME_SECONDS = Number(process.env.JWT_MAX_TOKEN_LIFETIME_SECONDS || 12 * 3600);
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds in an --expires-in value (a number of seconds, or 30m, 8h, 1d); undefined if unreadable. */
function lifetimeSeconds(value) {
  if (typeof value === 'number') return value;
  const match = /^(\d+)\s*([smhd])$/.exec(String(value));
  return match ? Number(match[1]) * UNIT_SECONDS[match[2]] : undefined;
}

function parse(argv) {
  const options = { cities: [], subject: undefined, role: undefined, expiresIn: '8h' };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--role') options.role = value;
    else if (flag === '--city') options.cities.push(value);
    else if (flag === '--sub' || flag === '--subject') options.subject = value;
    else if (flag === '--expires-in') options.expiresIn = /^\d+$/.test(value) ? Number(value) : value;
    else if (flag === '--help' || flag === '-h') return { help: true };
    else throw new Error(`Unknown option ${flag}`);
    i += 1;
  }
  return options;
}

function main() {
  let options;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  if (options.help || !options.role) {
    console.error('usage: npm run token -- --role <network_admin|city_operator|analyst> [--city <cityId>]... [--sub <subject>] [--expires-in 8h]');
    process.exit(options.help ? 0 : 2);
  }
  if (!ROLES.includes(options.role)) {
    console.error(`--role must be one of ${ROLES.join(', ')}`);
    process.exit(2);
  }
  if (options.role === 'city_operator' && options.cities.length === 0) {
    console.error('--role city_operator needs at least one --city <cityId>');
    process.exit(2);
  }
  const lifetime = lifetimeSeconds(options.expiresIn);
  if (lifetime === undefined || lifetime <= 0 || lifetime > MAX_LIFETIME_SECONDS) {
    console.error(`--expires-in must be a positive lifetime of at most ${MAX_LIFETIME_SECONDS} seconds (e.g. 30m, 8h, 3600)`);
    process.exit(2);
  }
  const token = sign({ role: options.role, cities: options.cities }, process.env.JWT_SECRET || DEV_JWT_SECRET, {
    algorithm: 'HS256',
    subject: options.subject ?? `dev-${options.role}`,
    issuer: process.env.JWT_ISSUER ?? 'crosswalk',
    audience: process.env.JWT_AUDIENCE ?? 'crosswalk-api',
    expiresIn: options.expiresIn,
  });
  process.stdout.write(`${token}\n`);
}

main();
