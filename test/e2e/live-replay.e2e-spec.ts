/**
 * Operating `npm start` (tools/start/start.js) on its embedded defaults, with two services: the dev Kafka
 * cluster keeps its topics across a restart (DATA_DIR/kafka), `npm run replay -- metrics metrics --live`
 * replays the metrics projection while schools and the gateway keep running, and a plain replay refuses while
 * the supervisor runs the service.
 */
import { rmSync } from 'node:fs';
import { pollUntil } from '@crosswalk/testing';
import { type RunningSystem, call, replay, startSystem, token } from './support';

// Two start-ups of the system and a replay: more than the e2e layer's default budget on a busy machine.
jest.setTimeout(600_000);

const admin = token({ role: 'network_admin' });
const SERVICES = { START_SERVICES: 'schools,metrics' };

async function knownCities(system: RunningSystem): Promise<string[]> {
  const reply = await call(system.gateway, '/v1/metrics/cities', { token: admin });
  return reply.status === 200 ? (reply.body.items as { name: string }[]).map((c) => c.name).sort() : [];
}

describe('npm start: a kept event log and a live replay', () => {
  let system: RunningSystem | undefined;
  let dataDir: string | undefined;

  afterAll(async () => {
    await system?.stopGracefully();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the topics across a restart, and replays metrics while schools and the gateway keep running', async () => {
    system = await startSystem({ env: SERVICES });
    dataDir = system.dataDir;
    const created = await call(system.gateway, '/v1/cities', { method: 'POST', token: admin, body: { name: 'Keptville', state: 'CO' } });
    expect(created.status).toBe(201);
    await pollUntil(
      () => knownCities(system as RunningSystem),
      (names) => names.includes('Keptville'),
      { description: 'metrics to know Keptville' },
    );

    // Ctrl-C, then start again on the same data directory.
    await system.stopGracefully();
    system = await startSystem({ env: SERVICES, dataDir });
    expect(system.output.some((line) => line.includes('"msg":"dev kafka log restored"') && line.includes('"records":1'))).toBe(true);

    // Without --live, the replay refuses: the supervisor runs metrics.
    const refused = await replay(system, 'metrics', 'metrics');
    expect(refused.status).toBe(2);
    expect(refused.output).toContain('metrics is running under `npm start`');
    expect(refused.output).toContain('--live');

    const [schoolsPid] = system.pidsOf('dist/services/schools/src/main.js');
    const [gatewayPid] = system.pidsOf('dist/services/gateway/src/main.js');
    const [metricsPid] = system.pidsOf('dist/services/metrics/src/main.js');
    expect(schoolsPid).toBeGreaterThan(0);
    expect(metricsPid).toBeGreaterThan(0);

    // The restored topic holds the city's event: the replay applies it (it would refuse an emptied topic).
    const live = await replay(system, 'metrics', 'metrics', '--live');
    expect(live.output).toContain('applied 1, duplicates 0');
    expect(live.output).toContain('metrics is back');
    expect(live.status).toBe(0);

    expect(system.pidsOf('dist/services/schools/src/main.js')).toEqual([schoolsPid]);
    expect(system.pidsOf('dist/services/gateway/src/main.js')).toEqual([gatewayPid]);
    const [newMetricsPid] = system.pidsOf('dist/services/metrics/src/main.js');
    expect(newMetricsPid).toBeGreaterThan(0);
    expect(newMetricsPid).not.toBe(metricsPid);
    expect(system.output.some((line) => line.includes('exited unexpectedly'))).toBe(false);
    expect(await knownCities(system)).toContain('Keptville');

    // The rest kept running and metrics consumes again: a city created now reaches it.
    const later = await call(system.gateway, '/v1/cities', { method: 'POST', token: admin, body: { name: 'Latertown', state: 'CO' } });
    expect(later.status).toBe(201);
    await pollUntil(
      () => knownCities(system as RunningSystem),
      (names) => names.includes('Latertown') && names.includes('Keptville'),
      { description: 'metrics to know Latertown' },
    );
  });
});
