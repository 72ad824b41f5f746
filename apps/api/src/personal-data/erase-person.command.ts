import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Actor, notFound, personalDataDecider, personalDataStreamId } from '@ledger/domain';
import { PERSONAL_DATA_CIPHER, PersonalDataCipher } from '@ledger/personal-data';
import { CLOCK, Clock, CommandPipeline, MasterDataReader } from '@ledger/ledger';
import type { ErasureResponse } from './personal-data.dto';

export class ErasePersonCommand {
  constructor(
    readonly actor: Actor,
    readonly employeeId: string,
    readonly reason: string,
    readonly idempotencyKey?: string,
  ) {}
}

/**
 * Erasure (GDPR art. 17) by crypto-shredding: first the event that says who erased whom and why
 * (never the data), then the person's keys are destroyed. Should the destroy fail after the
 * event was written, the same request again destroys them: the decider records nothing twice.
 */
@CommandHandler(ErasePersonCommand)
export class ErasePersonHandler implements ICommandHandler<ErasePersonCommand, ErasureResponse> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly masterData: MasterDataReader,
    @Inject(PERSONAL_DATA_CIPHER) private readonly cipher: PersonalDataCipher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, employeeId, reason, idempotencyKey }: ErasePersonCommand): Promise<ErasureResponse> {
    if (!(await this.masterData.employee(employeeId)).exists) throw notFound(`employee ${employeeId} not found`);
    const outcome = await this.pipeline.run({
      name: 'erase_person',
      streamId: personalDataStreamId(employeeId),
      decider: personalDataDecider,
      command: { kind: 'erase', employeeId, reason },
      actor,
      idempotencyKey,
      request: { reason },
      context: async () => ({ actor }),
    });
    const destroyed = await this.cipher.destroy(employeeId, this.clock.now(), { erase: true });
    return { employeeId, version: outcome.version, position: outcome.position.toString(), erased: outcome.wrote, keysDestroyed: destroyed.length };
  }
}
