// Why a record cannot be kept on or read from this device, as a text key the forms show in the
// person's language (the message is the English text, for logs).
import type { MessageId } from '../i18n/cs';

export class DeviceStoreError extends Error {
  constructor(
    readonly textKey: MessageId,
    message: string,
  ) {
    super(message);
    this.name = 'DeviceStoreError';
  }
}
