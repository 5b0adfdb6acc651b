import { Module } from '@nestjs/common';
import { SeriesCompletionService } from './series-completion.service';

/**
 * The completion decision on its own, so the events capability (whose close and cancel end sessions) can use
 * it while the series capability uses the events capability to schedule its sessions.
 */
@Module({ providers: [SeriesCompletionService], exports: [SeriesCompletionService] })
export class SeriesCompletionModule {}
