import { DirectoryCopy1764400000000 } from './1764400000000-directory-copy';
import { EventsAndRegistrations1764400000001 } from './1764400000001-events-and-registrations';
import { AttendanceReasons1764400000002 } from './1764400000002-attendance-reasons';
import { Surveys1764400000003 } from './1764400000003-surveys';
import { CalendarSubscriptions1764400000020 } from './1764400000020-calendar-subscriptions';
import { SeriesCreditWindowsFacilitators1764400000040 } from './1764400000040-series-credit-windows-facilitators';
import { PersonEmail1764400000100 } from './1764400000100-person-email';
import { Notifications1764400000101 } from './1764400000101-notifications';

/** In order; each schema change is a new file, never an edit of a landed one. */
export const EVENTS_MIGRATIONS = [
  DirectoryCopy1764400000000,
  EventsAndRegistrations1764400000001,
  AttendanceReasons1764400000002,
  Surveys1764400000003,
  CalendarSubscriptions1764400000020,
  SeriesCreditWindowsFacilitators1764400000040,
  PersonEmail1764400000100,
  Notifications1764400000101,
];
