import { SchedulerRegistry } from '@nestjs/schedule';
import { RecurringJob } from './recurring-job';

describe('RecurringJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('registers its timers by name, once however often it is started, and removes them when stopped', async () => {
    const registry = new SchedulerRegistry();
    const run = jest.fn().mockResolvedValue(undefined);
    const job = new RecurringJob(registry, { name: 'test.job', everySeconds: 3600, run });
    job.start();
    job.start();
    expect(registry.getIntervals()).toEqual(['test.job']);
    expect(registry.getTimeouts()).toEqual(['test.job:first-run']);
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(run).toHaveBeenCalledTimes(2);
    await job.stop();
    expect(registry.getIntervals()).toEqual([]);
    expect(registry.getTimeouts()).toEqual([]);
  });

  it('runs first at the first tick when that comes before the first-run delay', async () => {
    const run = jest.fn().mockResolvedValue(undefined);
    const job = new RecurringJob(new SchedulerRegistry(), { name: 'test.job', everySeconds: 20, firstRunAfterMs: 30_000, run });
    job.start();
    await jest.advanceTimersByTimeAsync(19_999);
    expect(run).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(run).toHaveBeenCalledTimes(2);
    await job.stop();
  });

  it('waits for the run in flight when stopped, and starts no other', async () => {
    let finish: () => void = () => undefined;
    const run = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const job = new RecurringJob(new SchedulerRegistry(), { name: 'test.job', everySeconds: 3600, firstRunAfterMs: 1_000, run });
    job.start();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = job.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(10_000_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
