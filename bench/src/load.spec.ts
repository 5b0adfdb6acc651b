import { closedLoop } from './load';

/** A request the test answers by hand, so it sees what is in flight at every moment. */
interface Pending {
  index: number;
  answer(): void;
}

describe('closedLoop', () => {
  it('sends every index once, never more than the clients at a time, and times each from send to answer', async () => {
    let clock = 0;
    const pending: Pending[] = [];
    let mostInFlight = 0;
    const sent: number[] = [];
    const run = closedLoop(
      7,
      3,
      (index) =>
        new Promise<string>((resolve) => {
          sent.push(index);
          pending.push({ index, answer: () => resolve(`answer ${index}`) });
          mostInFlight = Math.max(mostInFlight, pending.length);
        }),
      () => clock,
    );
    // Answer the oldest request one at a time, the clock advancing 10 ms before each answer.
    while (sent.length < 7 || pending.length) {
      await new Promise((resolve) => setImmediate(resolve));
      const oldest = pending.shift();
      if (!oldest) continue;
      clock += 10;
      oldest.answer();
    }
    const result = await run;
    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(mostInFlight).toBe(3);
    expect(result.answers).toEqual(Array.from({ length: 7 }, (_, i) => `answer ${i}`));
    // The first three wait 10, 20, 30 ms; each later one is sent as one answer arrives and waits for three.
    expect(result.latenciesMs).toEqual([10, 20, 30, 30, 30, 30, 30]);
    expect(result.elapsedMs).toBe(70);
  });

  it('uses no more clients than requests', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    await closedLoop(2, 16, async () => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
    });
    expect(mostInFlight).toBe(2);
  });

  it('stops at the first request that throws', async () => {
    await expect(closedLoop(5, 2, async (i) => (i === 3 ? Promise.reject(new Error('connection reset')) : i))).rejects.toThrow('connection reset');
  });

  it('refuses counts that are not positive integers', async () => {
    await expect(closedLoop(0, 4, async () => 1)).rejects.toThrow('count must be a positive integer');
    await expect(closedLoop(4, 1.5, async () => 1)).rejects.toThrow('clients must be a positive integer');
  });
});
