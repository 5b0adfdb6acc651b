import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CompactSignatoryAdded, CompactSigned, type CompactSignatureV1, type EventOf } from '@crosswalk/contracts';
import { HandlesEvent, type InboxContext } from '@crosswalk/messaging';
import type { EntityManager } from 'typeorm';
import { CompactFact } from './compact-fact.entity';
import { SignatureFact } from './signature-fact.entity';

function saveSignature(manager: EntityManager, compactId: string, cityId: string, s: CompactSignatureV1): Promise<SignatureFact> {
  return manager.save(SignatureFact, {
    signatoryId: s.signatoryId,
    compactId,
    cityId,
    organizationId: s.organizationId,
    personId: s.personId,
    roleAtSigning: s.roleAtSigning ?? null,
    signedOn: s.signedOn,
  });
}

/** Compacts and their signatures as facts; whether signers are still in post is decided when read. */
@Controller()
export class CompactsHandler {
  @HandlesEvent(CompactSigned)
  async onSigned(@Payload() event: EventOf<typeof CompactSigned>, @Ctx() ctx: InboxContext): Promise<void> {
    const { compactId, cityId, title, signedOn, signatories } = event.payload;
    await ctx.manager.save(CompactFact, { compactId, cityId, title, signedOn });
    for (const signature of signatories) await saveSignature(ctx.manager, compactId, cityId, signature);
  }

  @HandlesEvent(CompactSignatoryAdded)
  async onSignatoryAdded(@Payload() event: EventOf<typeof CompactSignatoryAdded>, @Ctx() ctx: InboxContext): Promise<void> {
    const { compactId, cityId, ...signature } = event.payload;
    await saveSignature(ctx.manager, compactId, cityId, signature);
  }
}
