import type { PhoneApi } from '../phone/phone-api.js';
import type { PhoneApiEventMap } from '../phone/phone-events.js';
import type { LocalPhone } from '../phone/local-phone.js';
import type { Logger } from '../logger.js';

/** What a phone hands the tab group: its own phone and the means to show another tab's instead. */
export interface TabSeat {
  /** This tab's phone: it connects when this tab holds the registration. */
  readonly local: LocalPhone;
  /** Show `remote` (the holding tab's phone, mirrored) instead of the local one; `undefined`: the local one again. */
  mirror(remote: PhoneApi | undefined): void;
  /** Emit an event of the phone (the mirrored phone's events). */
  emit<K extends keyof PhoneApiEventMap>(name: K, ...args: PhoneApiEventMap[K]): void;
  readonly logger: Logger;
}

/** A phone's place among the agent's tabs (tab-group.ts). */
export interface TabGroup {
  /** Holds the registration if no tab does, else mirrors the one that does. */
  connect(): Promise<void>;
  /** Disconnects this tab: the holder unregisters and lets another tab take over; a mirror stops mirroring. */
  disconnect(): Promise<void>;
  /** Leaves for good (the phone is destroyed). */
  leave(): Promise<void>;
}
