// Decorator metadata (the entities, the handler's injection) needs the polyfill before anything below loads.
import 'reflect-metadata';

// # @crosswalk/directory-copy
//
// The local copy of the directory that a service keeps to do its job without calling the schools service
// (engineering guide: "it learns what it needs from events and keeps a local copy"): cities, organizations
// (city, name, kind), schools (city, sector, closed on), people (id and name, never contact data) and every
// leadership transition of any role at schools and organizations, corrections included. Built from
// `schools.directory.v1` and `schools.leadership.v1` only; replay rebuilds it. Colocations, events and
// fellowships keep it; practices will. Organizations came later (migration 1797400000000): a database migrated
// from before knows only the organizations created or updated since, until its consumer is replayed.
//
// ## Use
//
//   entities:   [...MESSAGING_ENTITIES, ...DIRECTORY_COPY_ENTITIES, ...mine]
//   migrations: [...MESSAGING_MIGRATIONS, ...DIRECTORY_COPY_MIGRATIONS, ...mine]
//   consumer:   topics [...DIRECTORY_COPY_TOPICS, ...], projection [...DIRECTORY_COPY_ENTITIES, ...]
//   app module: DirectoryCopyModule.forService({ reactions: MyReactions, imports: [MyCapabilityModule] })
//   capability: imports DirectoryCopyModule, injects DirectoryCopy (city, organization, school, schools, person,
//               people, transition, leader/leaders of a school or organization, optionally on a day, positionOn:
//               a person's role on a day, rolesHeldAt: the roles a person held at one school or organization on
//               a day, transitionsAt: every transition at some holders, to derive tenures from)
//
// Tables are `directory_copy_*` in every service (each has its own database, as with `messaging_*`), so the
// entities are plain classes and one migration list serves every service.
//
// ## Why one handler with reactions, rather than handlers in each service
//
// A consumer has one handler per event type (libs/messaging, "One handler per event": two would run in one
// inbox transaction in no chosen order, so the transport refuses to start). Closures and leadership
// transitions are facts the copy must record AND facts services act on (colocations asks partnerships for
// recommitment, events flags hosted events). The copy's handler therefore handles every directory event
// itself, records the fact, then calls the service's `DirectoryReactions` (a typed hook: plain methods that
// receive the same envelope and inbox context, not `@HandlesEvent` handlers, so nothing can collide). The
// alternative, letting each service handle closures and transitions and call the copy to record them, leaves
// a service free to forget the recording, and makes a service with no reactions write a handler anyway; here
// a service without reactions gets the whole copy from one line.
//
// ## Services with an earlier copy of their own
//
// Each keeps a forward migration (after DirectoryCopyTables) that moves its rows into these tables with
// `moveEarlierCopy` (same columns) or `copyRows` (another shape, e.g. colocations' principal transitions) and
// drops its tables, so existing databases keep what they learned.
export * from './definition';
export * from './directory-copy.handler';
export * from './directory-copy.module';
export * from './directory-copy.service';
export * from './directory-reactions';
export * from './entities';
export * from './migrations/earlier-copy';
export * from './migrations/tables-1796200000000';
