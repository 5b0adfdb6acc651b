import { Injectable } from '@nestjs/common';

/** "Today" for questions asked about the present (is the signer still in role?); tests replace it. */
@Injectable()
export class Clock {
  today(): string {
    return new Date().toISOString().slice(0, 10);
  }
}
