// Through the package index: this module sits in the lazy chunks that use it.
import { formatNumber } from '../index.js';

/** A caller of the platform's lists as people read it: "Name (number)", else the number. */
export function partyText(party: { readonly number: string; readonly name?: string | undefined }): string {
  const number = formatNumber(party.number);
  return party.name ? `${party.name} (${number})` : number;
}
