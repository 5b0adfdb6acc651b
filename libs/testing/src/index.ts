export * from './databases';
export * from './poll';
export * from './processes';
export * from './apps';
export * from './queries';
// The dev Kafka cluster, for tests of any project: services may depend on libraries only, never on tools.
export { DevKafkaCluster } from '@crosswalk/dev-kafka';
// The SMTP sink `npm start` runs, for tests that exchange real SMTP with a service.
export { MailSink, type ReceivedMail } from '@crosswalk/mail-sink';
export * from './event-wire';
export * from './directory-events';
export * from './service-under-test';
export * from './identity-provider';
export * from './topic-contents';
