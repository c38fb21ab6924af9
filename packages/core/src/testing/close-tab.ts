import { localPhoneOf, type Phone } from '../phone/phone.js';
import { vanishTab } from '../tabs/tab-group.js';

/**
 * What closing an agent's tab does to its phone, for tests of several tabs
 * in one page (where a real tab cannot be closed): the phone goes away
 * without a word (no un-REGISTER, no BYE; its media stops) and the agent's
 * other tabs take over. With `{ crash: true }` the other tabs are not told
 * either, as when the tab's process dies: they notice when the browser
 * hands them the lock.
 *
 * ```js
 * closeTab(holder);            // the next tab registers and takes the calls over
 * ```
 */
export function closeTab(phone: Phone, options: { crash?: boolean } = {}): void {
  vanishTab(localPhoneOf(phone), options.crash === true);
}
