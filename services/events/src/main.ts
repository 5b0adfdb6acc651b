import { runService } from '@crosswalk/platform';
import { AppModule } from './app.module';

void runService({ name: 'events', module: AppModule, defaultPort: 3002 });
