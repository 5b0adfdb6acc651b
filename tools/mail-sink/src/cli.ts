/**
 * `npm start`'s mail sink as a standalone process:
 *
 *   node -r ./tools/runtime/paths.js dist/tools/mail-sink/src/cli.js --dir .data/mail [--port N]
 *
 * Stores every message it receives as one `.eml` file in `--dir`, prints one JSON line
 * `{"msg":"mail sink ready","host":"127.0.0.1","port":...,"dir":"..."}` on stdout, then one line per message, and
 * runs until SIGINT/SIGTERM, or until its stdin closes when stdin is a pipe (a supervisor).
 */
import fs from 'node:fs';
import path from 'node:path';
import { MailSink } from './index';

function log(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'mail-sink', ...fields })}\n`);
}

function parseArgs(argv: readonly string[]): { dir: string; port: number } {
  let dir: string | undefined;
  let port = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dir') dir = argv[++i];
    else if (arg === '--port') port = Number(argv[++i]);
    else throw new Error(`unknown argument ${arg} (usage: mail-sink --dir <folder> [--port N])`);
  }
  if (!dir) throw new Error('--dir is required (usage: mail-sink --dir <folder> [--port N])');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port wants a port number (0: any free port)');
  return { dir: path.resolve(dir), port };
}

function stdinIsPipe(): boolean {
  try {
    const stat = fs.fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { dir, port } = parseArgs(process.argv.slice(2));
  const sink = await MailSink.start({ dir, port, onMessage: (mail) => log({ msg: 'mail received', to: mail.to, file: mail.file }) });
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    log({ msg: 'mail sink stopping', reason });
    sink.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  if (stdinIsPipe()) {
    // The supervisor's end of the pipe closing means it is gone (even after a SIGKILL).
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin closed'));
    process.stdin.resume();
  }
  log({ msg: 'mail sink ready', host: sink.host, port: sink.port, dir });
}

main().catch((error: unknown) => {
  log({ msg: 'mail sink failed', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
