import type { PartnershipStatus } from '@crosswalk/contracts';
import { byKey, groupBy } from '../reporting/group-by';
import { share } from '../reporting/share.rules';

/** Statuses a partnership does not come back from through a recommitment request. */
export const ENDING_STATUSES: readonly PartnershipStatus[] = ['lapsed', 'dissolved', 'ended'];

export interface RecommitmentRequest {
  partnershipId: string;
  cityId: string;
  schoolId: string;
  transitionId: string;
  /** When it was requested (ms). */
  requestedAt: number;
}

export interface Recommitment {
  partnershipId: string;
  schoolId: string;
  /** The transition whose request it answers. */
  transitionId: string;
  recordedAt: number;
}

export interface PartnershipEnding {
  partnershipId: string;
  status: PartnershipStatus;
  recordedAt: number;
}

/**
 * What became of a request. `recommitted`: a recommitment answered it, or the school's principal
 * recommitted for a later transition before anything else happened (the partnership was carried across
 * both); `lapsed`: the partnership lapsed while it was waiting; `dissolved`: the partnership was dissolved
 * (a member school closed) or ended while it was waiting; `pending`: none of these yet.
 */
export type RequestOutcome = 'recommitted' | 'lapsed' | 'dissolved' | 'pending';

export function requestOutcome(request: RecommitmentRequest, recommitments: readonly Recommitment[], endings: readonly PartnershipEnding[]): RequestOutcome {
  const mine = recommitments.filter((r) => r.partnershipId === request.partnershipId);
  if (mine.some((r) => r.transitionId === request.transitionId)) return 'recommitted';
  const after = [
    ...mine
      .filter((r) => r.schoolId === request.schoolId && r.recordedAt >= request.requestedAt)
      .map((r) => ({ at: r.recordedAt, outcome: 'recommitted' as const })),
    ...endings
      .filter((e) => e.partnershipId === request.partnershipId && ENDING_STATUSES.includes(e.status) && e.recordedAt >= request.requestedAt)
      .map((e) => ({ at: e.recordedAt, outcome: e.status === 'lapsed' ? ('lapsed' as const) : ('dissolved' as const) })),
  ];
  // Stable sort: on an exact tie the recommitment (listed first) wins.
  return after.sort((a, b) => a.at - b.at)[0]?.outcome ?? 'pending';
}

export interface SurvivalRow {
  cityId: string;
  /** Recommitment requests: one per leadership transition at a member school of a partnership. */
  transitionsFaced: number;
  recommitted: number;
  lapsed: number;
  pending: number;
  /** Requests still waiting when the partnership was dissolved by a closure or ended. */
  dissolved: number;
  /** recommitted / (recommitted + lapsed), four decimals; null when neither happened yet. */
  survivalShare: number | null;
}

/** Partnership survival across leadership transitions, per city in id order. */
export function survivalByCity(
  requests: readonly RecommitmentRequest[],
  recommitments: readonly Recommitment[],
  endings: readonly PartnershipEnding[],
): SurvivalRow[] {
  const recommitmentsOf = groupBy(recommitments, (r) => r.partnershipId);
  const endingsOf = groupBy(endings, (e) => e.partnershipId);
  return byKey(groupBy(requests, (r) => r.cityId)).map(([cityId, cityRequests]) => {
    const tally: Record<RequestOutcome, number> = { recommitted: 0, lapsed: 0, dissolved: 0, pending: 0 };
    for (const request of cityRequests) {
      tally[requestOutcome(request, recommitmentsOf.get(request.partnershipId) ?? [], endingsOf.get(request.partnershipId) ?? [])] += 1;
    }
    return {
      cityId,
      transitionsFaced: cityRequests.length,
      recommitted: tally.recommitted,
      lapsed: tally.lapsed,
      pending: tally.pending,
      dissolved: tally.dissolved,
      survivalShare: share(tally.recommitted, tally.recommitted + tally.lapsed),
    };
  });
}
