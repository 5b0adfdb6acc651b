// What the integration and e2e layers need on the machine, made ready (or explained) before any test runs.
const { createConnection } = require('mysql2/promise');
const { ensureDevKafkaBinary } = require('../dev-kafka/build');

async function assertMariaDbAnswers() {
  const uri = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  try {
    const connection = await createConnection({ uri, connectTimeout: 5000 });
    await connection.end();
  } catch (error) {
    throw new Error(
      `Integration tests need a MySQL-compatible server at ${uri} (root, no password): ${error.message}. ` +
        'Start MariaDB (e.g. `start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd`) or set TEST_MYSQL_URL.',
    );
  }
}

async function ensurePrerequisites() {
  ensureDevKafkaBinary();
  await assertMariaDbAnswers();
}

module.exports = { ensurePrerequisites };
