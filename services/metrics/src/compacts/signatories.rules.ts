import { SINGLE_HOLDER_ROLES } from '@crosswalk/contracts';
import { byKey, groupBy } from '../reporting/group-by';
import { share } from '../reporting/share.rules';
import { type Transition, chronologically, withoutSuperseded } from '../leadership/transitions.rules';

export interface Signature {
  compactId: string;
  cityId: string;
  organizationId: string;
  personId: string;
  /** The role the signer held at the organization on the signing day; null if none. */
  roleAtSigning: string | null;
  signedOn: string;
}

export interface SignatoryCount {
  signatories: number;
  inPost: number;
  /** inPost / signatories, four decimals; null without signatories. */
  inPostShare: number | null;
}

export interface CityCompactsRow extends SignatoryCount {
  cityId: string;
  compacts: number;
}

/**
 * Whether the signer still holds `roleAtSigning` at the organization on `asOf`, replaying the counted
 * (not superseded) transitions of that role there from the signing day on. A transition whose outgoing
 * person is the signer ends their post and one whose incoming person is the signer (re)starts it; for the
 * chief, a single-holder role, any transition hands the one seat to its incoming person. A signer who held
 * no role when signing is not in post.
 */
export function stillInPost(signature: Signature, transitions: readonly Transition[], asOf: string): boolean {
  const role = signature.roleAtSigning;
  if (role === null) return false;
  const singleHolder = role === SINGLE_HOLDER_ROLES.organization;
  const person = signature.personId;
  return withoutSuperseded(transitions)
    .filter(
      (t) =>
        t.holderKind === 'organization' &&
        t.holderId === signature.organizationId &&
        t.role === role &&
        t.effectiveDate >= signature.signedOn &&
        t.effectiveDate <= asOf,
    )
    .sort(chronologically)
    .reduce((inPost, t) => {
      if (singleHolder || t.incomingPersonId === person) return t.incomingPersonId === person;
      return t.outgoingPersonId === person ? false : inPost;
    }, true);
}

export function countSignatories(signatures: readonly Signature[], transitions: readonly Transition[], asOf: string): SignatoryCount {
  const inPost = signatures.filter((s) => stillInPost(s, transitions, asOf)).length;
  return { signatories: signatures.length, inPost, inPostShare: share(inPost, signatures.length) };
}

/** Per city (in id order): its compacts, their signatures, and how many signers are still in post. */
export function compactsByCity(
  compacts: readonly { compactId: string; cityId: string }[],
  signatures: readonly Signature[],
  transitions: readonly Transition[],
  asOf: string,
): CityCompactsRow[] {
  const signed = groupBy(signatures, (s) => s.cityId);
  return byKey(groupBy(compacts, (c) => c.cityId)).map(([cityId, cityCompacts]) => {
    const ids = new Set(cityCompacts.map((c) => c.compactId));
    const citySignatures = (signed.get(cityId) ?? []).filter((s) => ids.has(s.compactId));
    return { cityId, compacts: cityCompacts.length, ...countSignatories(citySignatures, transitions, asOf) };
  });
}
