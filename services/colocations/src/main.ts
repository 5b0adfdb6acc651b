import { runService } from '@crosswalk/platform';
import { AppModule } from './app.module';

void runService({ name: 'colocations', module: AppModule, defaultPort: 3004 });
