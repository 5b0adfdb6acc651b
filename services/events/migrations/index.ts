import { DIRECTORY_COPY_MIGRATIONS } from '@crosswalk/directory-copy';
import { DirectoryCopy1764400000000 } from './1764400000000-directory-copy';
import { EventsAndRegistrations1764400000001 } from './1764400000001-events-and-registrations';
import { AttendanceReasons1764400000002 } from './1764400000002-attendance-reasons';
import { Surveys1764400000003 } from './1764400000003-surveys';
import { DirectoryCopyMoved1796200000001 } from './1796200000001-directory-copy-moved';

/**
 * In order; each schema change is a new file, never an edit of a landed one. The directory copy's tables come
 * from @crosswalk/directory-copy; DirectoryCopyMoved moves the service's earlier copy into them.
 */
export const EVENTS_MIGRATIONS = [
  DirectoryCopy1764400000000,
  EventsAndRegistrations1764400000001,
  AttendanceReasons1764400000002,
  Surveys1764400000003,
  ...DIRECTORY_COPY_MIGRATIONS,
  DirectoryCopyMoved1796200000001,
];
