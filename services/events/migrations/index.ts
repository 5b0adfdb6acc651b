import { DIRECTORY_COPY_MIGRATIONS } from '@crosswalk/directory-copy';
import { DirectoryCopy1764400000000 } from './1764400000000-directory-copy';
import { EventsAndRegistrations1764400000001 } from './1764400000001-events-and-registrations';
import { AttendanceReasons1764400000002 } from './1764400000002-attendance-reasons';
import { Surveys1764400000003 } from './1764400000003-surveys';
import { CalendarSubscriptions1764400000020 } from './1764400000020-calendar-subscriptions';
import { SeriesCreditWindowsFacilitators1764400000040 } from './1764400000040-series-credit-windows-facilitators';
import { PersonEmail1764400000100 } from './1764400000100-person-email';
import { Notifications1764400000101 } from './1764400000101-notifications';
import { PersonContacts1796100000000 } from './1796100000000-person-contacts';
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
  CalendarSubscriptions1764400000020,
  SeriesCreditWindowsFacilitators1764400000040,
  PersonEmail1764400000100,
  Notifications1764400000101,
  ...DIRECTORY_COPY_MIGRATIONS,
  PersonContacts1796100000000,
  DirectoryCopyMoved1796200000001,
];
