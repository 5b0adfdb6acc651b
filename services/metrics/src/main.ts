import { runService } from '@crosswalk/platform';
import { AppModule } from './app.module';

void runService({ name: 'metrics', module: AppModule, defaultPort: 3005 });
