/**
 * Personal data in event payloads, marked where the field is declared so the documents (JSON Schema
 * `x-personal-data`, AsyncAPI) and the rules below are generated from the contracts rather than kept beside them.
 *
 * - `contact`: how to reach a person (an email address). Travels only on restricted topics (a `readers` list in
 *   the catalog, enforced with ACLs by deploy/), never on the analytics topics every consumer reads.
 * - `name`: who a person is (their full name). The directory is a public list of who leads which school, so a
 *   name travels on the directory topic; it is marked so a consumer knows what it holds.
 */
export const PERSONAL_DATA_KINDS = ['contact', 'name'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

const marks = new WeakMap<object, Map<string, PersonalDataKind>>();

/** Marks a payload field as personal data of a kind: `@PersonalData('contact') @IsEmail() email!: string`. */
export function PersonalData(kind: PersonalDataKind): PropertyDecorator {
  return (target: object, property: string | symbol): void => {
    const own = marks.get(target.constructor) ?? new Map<string, PersonalDataKind>();
    own.set(String(property), kind);
    marks.set(target.constructor, own);
  };
}

/** The personal fields of a payload class, inherited ones included (`PersonUpdatedV2 extends PersonCreatedV2`). */
export function personalFieldsOf(payload: abstract new (...args: never[]) => object): ReadonlyMap<string, PersonalDataKind> {
  const fields = new Map<string, PersonalDataKind>();
  const chain: object[] = [];
  for (let cls: unknown = payload; typeof cls === 'function' && cls !== Function.prototype; cls = Object.getPrototypeOf(cls)) chain.push(cls);
  // Base classes first, so a subclass's own mark wins.
  for (const cls of chain.reverse()) for (const [field, kind] of marks.get(cls) ?? []) fields.set(field, kind);
  return fields;
}
