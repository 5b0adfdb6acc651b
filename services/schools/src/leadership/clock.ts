import { Injectable } from '@nestjs/common';

/** "Today" for questions about the present (who holds a role now, is a compact signer still in role); tests replace it. */
@Injectable()
export class Clock {
  today(): string {
    return new Date().toISOString().slice(0, 10);
  }
}
