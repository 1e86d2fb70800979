import type { DecoderChoice } from '../device-matching';
import { createHidPosDecoder } from './hid-pos-decoder';
import { createKeyboardDecoder } from './keyboard-decoder';
import { createMagstripeDecoder } from './magstripe-decoder';
import type { ReportDecoder } from './report-decoder';

export function createDecoder(choice: DecoderChoice): ReportDecoder {
  switch (choice.decoder) {
    case 'hid-pos':
      return createHidPosDecoder();
    case 'hid-keyboard':
      return createKeyboardDecoder({ layout: choice.layout });
    case 'magstripe':
      return createMagstripeDecoder();
  }
}
