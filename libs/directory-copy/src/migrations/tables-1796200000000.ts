import type { TableColumnOptions, TableOptions } from 'typeorm';

const id = (name: string, isPrimary = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary });
const optionalId = (name: string): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: true });

/**
 * The copy's tables as DirectoryCopyTables1796200000000 creates them, and as services moved their earlier copies
 * into them. Frozen, not read from the entities: a migration must do tomorrow what it did the day it was
 * written, whatever the copy gains later (a later change is a later migration).
 */
export const DIRECTORY_COPY_TABLES = {
  city: {
    name: 'directory_copy_city',
    columns: [id('id', true), { name: 'name', type: 'varchar', length: '200' }, { name: 'state', type: 'varchar', length: '2' }],
  },
  school: {
    name: 'directory_copy_school',
    columns: [
      id('id', true),
      id('cityId'),
      { name: 'name', type: 'varchar', length: '200' },
      { name: 'sector', type: 'varchar', length: '30' },
      { name: 'closedOn', type: 'date', isNullable: true },
    ],
  },
  person: { name: 'directory_copy_person', columns: [id('id', true), { name: 'fullName', type: 'varchar', length: '200' }] },
  roleTransition: {
    name: 'directory_copy_role_transition',
    columns: [
      id('id', true),
      { name: 'holderKind', type: 'varchar', length: '20' },
      id('holderId'),
      optionalId('cityId'),
      { name: 'role', type: 'varchar', length: '60' },
      optionalId('outgoingPersonId'),
      optionalId('incomingPersonId'),
      { name: 'effectiveDate', type: 'date' },
      optionalId('supersedesTransitionId'),
      optionalId('supersededBy'),
      { name: 'recordedAt', type: 'datetime', precision: 3 },
    ],
    indices: [
      { name: 'ix_directory_copy_transition_incoming', columnNames: ['incomingPersonId'] },
      { name: 'ix_directory_copy_transition_holder', columnNames: ['holderId', 'role'] },
    ],
  },
} as const satisfies Record<string, TableOptions & { columns: readonly TableColumnOptions[] }>;

/** The names of a table's columns, in order: what an `INSERT ... SELECT` lists. */
export function columnNamesOf(table: { columns: readonly TableColumnOptions[] }): string[] {
  return table.columns.map((column) => column.name);
}
