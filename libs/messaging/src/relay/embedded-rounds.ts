import { OutboxRecord } from '../entities/outbox-record.entity';
import { noteFailure } from './claims';
import type { CycleResult, RelayRounds, RoundsDependencies } from './rounds';

/**
 * Rounds on embedded SQLite, one process: no row locks exist and this relay is the only one, so read, publish,
 * then mark, one round at a time. A crash in between republishes the batch, which consumers dedupe.
 */
export class EmbeddedRounds implements RelayRounds {
  constructor(private readonly deps: RoundsDependencies) {}

  async next(): Promise<CycleResult> {
    const { dataSource, batchSize, publisher } = this.deps;
    let seqs: string[] = [];
    try {
      const rows = await dataSource.getRepository(OutboxRecord).find({ where: { status: 'pending' }, order: { seq: 'ASC' }, take: batchSize });
      seqs = rows.map((r) => String(r.seq));
      if (rows.length === 0) return { ...this.deps.finished({ claimed: 0, published: 0 }), inFlight: [] };
      await publisher.publish(rows);
      // The query builder, not the MySQL statement: it turns the Date into SQLite's text form.
      await dataSource
        .createQueryBuilder()
        .update(OutboxRecord)
        .set({ status: 'sent', sentAt: new Date(), attempts: () => 'attempts + 1', lastError: null })
        .where('seq IN (:...seqs)', { seqs })
        .execute();
      return { ...this.deps.finished({ claimed: rows.length, published: rows.length }), inFlight: [] };
    } catch (error) {
      await noteFailure(dataSource, seqs, error);
      throw error;
    }
  }

  async drain(): Promise<void> {}
}
