import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { quoteInput } from '@app/registration-app';

/** Whether `raw` has the form of a DIP id: 10 digits (DT-006). */
export function isDipId(raw: string): boolean {
  return /^\d{10}$/.test(raw);
}

/**
 * The `{dipId}` path parameter of `/participants/{dipId}/…` (portfolio and notification feed):
 * 10 digits (DT-006), else 400 `a DIP id is 10 digits (DT-006), got "…"`. Whether a participant
 * has it is the endpoint's business (404).
 */
@Injectable()
export class DipIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isDipId(value)) throw new BadRequestException(`a DIP id is 10 digits (DT-006), got ${quoteInput(value)}`);
    return value;
  }
}
