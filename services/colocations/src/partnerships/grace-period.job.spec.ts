import { SchedulerRegistry } from '@nestjs/schedule';
import type { ColocationsConfig } from '../colocations.config';
import { GracePeriodJob } from './grace-period.job';
import type { PartnershipsService } from './partnerships.service';

describe('GracePeriodJob', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const jobWith = (seconds: number, evaluate: jest.Mock) =>
    new GracePeriodJob({ evaluateGracePeriods: evaluate } as unknown as PartnershipsService, new SchedulerRegistry(), {
      COLOCATION_GRACE_CHECK_INTERVAL_SECONDS: seconds,
    } as ColocationsConfig);

  it('evaluates as of today a minute after start, then at every interval', async () => {
    const evaluate = jest.fn().mockResolvedValue({ asOf: '2026-05-02', lapsed: [] });
    const job = jobWith(3600, evaluate);
    job.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(59_000);
    expect(evaluate).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(evaluate).toHaveBeenCalledTimes(1);
    expect(evaluate).toHaveBeenCalledWith();
    await jest.advanceTimersByTimeAsync(3_540_000);
    expect(evaluate).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(evaluate).toHaveBeenCalledTimes(3);
    await job.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(7_200_000);
    expect(evaluate).toHaveBeenCalledTimes(3);
  });

  it('does not start a second evaluation while one is still running, and survives a failed one', async () => {
    let finish: () => void = () => undefined;
    const evaluate = jest
      .fn()
      .mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)).then(() => ({ asOf: '2026-05-02', lapsed: [] })))
      .mockRejectedValueOnce(new Error('database gone'))
      .mockResolvedValue({ asOf: '2026-05-03', lapsed: ['p1'] });
    const job = jobWith(10, evaluate);
    job.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(30_000);
    expect(evaluate).toHaveBeenCalledTimes(1);
    finish();
    await jest.advanceTimersByTimeAsync(10_000);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(evaluate).toHaveBeenCalledTimes(3);
    await job.beforeApplicationShutdown();
  });

  it('never runs with an interval of 0', async () => {
    const evaluate = jest.fn();
    jobWith(0, evaluate).onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(10_000_000);
    expect(evaluate).not.toHaveBeenCalled();
  });
});
