import { Entity, Index, PrimaryColumn } from 'typeorm';

/** One topic of an event, a row each so the list filters by topic with an index. */
@Entity('event_topic')
@Index('ix_event_topic_topic', ['topic'])
export class EventTopic {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eventId!: string;
  @PrimaryColumn({ type: 'varchar', length: 60 }) topic!: string;
}
