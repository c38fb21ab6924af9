// Pure rules of device choices: how they are stored, which ones no longer
// hold once the browser's lists change. No DOM: unit tested in Node.
import type { DeviceRole, DeviceSelection, MediaDeviceEntry } from './devices-types.js';
import { savedObject } from '../rules/saved-object.js';

/** The roles of a {@link DeviceSelection}, in the order they are checked. */
export const DEVICE_ROLES: readonly DeviceRole[] = ['input', 'output', 'ringer'];

/** The localStorage key of an agent's choices: one per AOR, so the agent's tabs share them and another agent on the same browser has their own. */
export function devicesStorageKey(aor: string): string {
  return `cx-banner.devices:${aor.trim().toLowerCase()}`;
}

/** Saved choices (JSON text from localStorage); anything damaged or missing is the default (`''`), so a bad entry never breaks the phone. */
export function readSelection(saved: string | null | undefined): DeviceSelection {
  const value = savedObject(saved);
  const pick = (role: DeviceRole): string => {
    const id = value?.[role];
    return typeof id === 'string' ? id : '';
  };
  return { input: pick('input'), output: pick('output'), ringer: pick('ringer') };
}

/**
 * The choices whose device is no longer listed. A list that is empty (the
 * permission is not granted yet, or the browser cannot choose outputs)
 * proves nothing, so its choices stand.
 */
export function vanished(selection: DeviceSelection, inputs: readonly MediaDeviceEntry[], outputs: readonly MediaDeviceEntry[]): DeviceRole[] {
  return DEVICE_ROLES.filter((role) => {
    const id = selection[role];
    const list = role === 'input' ? inputs : outputs;
    return id !== '' && list.length > 0 && !list.some((entry) => entry.id === id);
  });
}
