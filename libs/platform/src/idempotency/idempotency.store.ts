import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { isUniqueViolation } from '@crosswalk/persistence';
import { IdempotencyRecord } from './idempotency-record.entity';
import { IDEMPOTENCY_RETENTION_MS, type IdempotencyDecision, decideOnStoredAttempt } from './idempotency.rules';

export interface StoredAnswer {
  status: number;
  body: unknown;
  location: string | null;
}

export type Claim = { kind: 'claimed' } | Exclude<IdempotencyDecision, { kind: 'take_over' | 'replay' }> | { kind: 'replay'; answer: StoredAnswer };

const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * Keys in the service's own database, so every instance of the service sees them. The primary key
 * (caller, key) is what makes two concurrent first requests with one key run the use case once: only one
 * insert of the pending row succeeds.
 */
@Injectable()
export class IdempotencyStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private purgeTimer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    // Every instance purges; deleting what another instance already deleted is harmless.
    this.purgeTimer ??= setInterval(
      () => void this.purgeExpired(new Date()).catch((error: unknown) => this.logger.warn(`Purge failed: ${String(error)}`)),
      PURGE_EVERY_MS,
    ).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purgeTimer);
  }

  /** Takes the key for this request, or says what the request answers instead. */
  async claim(caller: string, idempotencyKey: string, fingerprint: string, now: Date): Promise<Claim> {
    const records = this.dataSource.getRepository(IdempotencyRecord);
    // Twice at most: a stored attempt that no longer binds is removed once, then the insert is tried again.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await records.insert({
          caller,
          idempotencyKey,
          fingerprint,
          state: 'pending',
          responseStatus: null,
          responseBody: null,
          responseLocation: null,
          createdAt: now,
        });
        return { kind: 'claimed' };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const stored = await records.findOneBy({ caller, idempotencyKey });
      if (!stored) continue;
      const decision = decideOnStoredAttempt(stored, fingerprint, now);
      if (decision.kind === 'replay') {
        return {
          kind: 'replay',
          answer: {
            status: stored.responseStatus ?? 200,
            body: stored.responseBody === null ? null : JSON.parse(stored.responseBody),
            location: stored.responseLocation,
          },
        };
      }
      if (decision.kind !== 'take_over') return decision;
      // Only the request that deletes this very attempt (same createdAt) goes on to insert; a concurrent taker
      // deletes nothing and meets the new pending row.
      await records.delete({ caller, idempotencyKey, createdAt: stored.createdAt });
    }
    return { kind: 'in_progress' };
  }

  async complete(caller: string, idempotencyKey: string, answer: StoredAnswer): Promise<void> {
    await this.dataSource
      .getRepository(IdempotencyRecord)
      .update(
        { caller, idempotencyKey, state: 'pending' },
        { state: 'completed', responseStatus: answer.status, responseBody: JSON.stringify(answer.body ?? null), responseLocation: answer.location },
      );
  }

  /** A request that failed leaves no answer behind: a retry runs again (and fails again, or succeeds). */
  async release(caller: string, idempotencyKey: string): Promise<void> {
    await this.dataSource.getRepository(IdempotencyRecord).delete({ caller, idempotencyKey, state: 'pending' });
  }

  async purgeExpired(now: Date): Promise<number> {
    const result = await this.dataSource.getRepository(IdempotencyRecord).delete({ createdAt: LessThan(new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS)) });
    return result.affected ?? 0;
  }
}
