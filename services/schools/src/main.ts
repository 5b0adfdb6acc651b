import { runService } from '@crosswalk/platform';
import { AppModule } from './app.module';

void runService({
  name: 'schools',
  module: AppModule,
  defaultPort: 3001,
  description: 'The directory: cities, organizations, schools, people, role tenures, leadership transitions, compacts.',
});
