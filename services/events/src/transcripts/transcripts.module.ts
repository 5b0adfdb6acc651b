import { Module } from '@nestjs/common';
import { DirectoryCopyModule } from '@crosswalk/directory-copy';
import { TranscriptsController } from './transcripts.controller';
import { TranscriptsService } from './transcripts.service';

@Module({
  imports: [DirectoryCopyModule],
  controllers: [TranscriptsController],
  providers: [TranscriptsService],
})
export class TranscriptsModule {}
