import { runService } from '@crosswalk/platform';
import { AppModule } from './app.module';

void runService({ name: 'fellowships', module: AppModule, defaultPort: 3003 });
