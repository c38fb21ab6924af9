// Loaded with the first `phone.call()` of a page that has `hooks.beforeDial`
// (a chunk of its own in the script-tag build).
import { CxError, CxErrorCode } from '../index.js';
import type { CallOptions } from '../phone/phone-api.js';
import type { PhoneHooks } from '../phone/phone-options.js';
import type { BeforeDial } from './crm-types.js';

/** How long `hooks.beforeDial` may take, by default (ms). */
export const DEFAULT_HOOK_TIMEOUT = 5000;

/**
 * Asks `hooks.beforeDial` about a call: resolves with the target to dial
 * (the hook's string, else `target` as it is); rejects with a `CxError`
 * `dial-cancelled` when it answers `false` or throws, `hook-timeout` when
 * it has not answered within `hooks.timeout` ms. Nothing is dialled on a rejection.
 */
export async function beforeDial(hooks: PhoneHooks, target: string, options: CallOptions): Promise<string> {
  const hook = hooks.beforeDial;
  if (!hook) return target;
  const timeout = hooks.timeout ?? DEFAULT_HOOK_TIMEOUT;
  const origin = options.origin ?? 'call';
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new CxError(CxErrorCode.HookTimeout, `hooks.beforeDial gave no answer within ${timeout} ms: nothing was dialled.`, {
          solutions: ['Answer sooner, or give hooks.timeout more milliseconds.'],
        }),
      );
    }, timeout);
  });
  let answer: Awaited<ReturnType<BeforeDial>>;
  try {
    answer = await Promise.race([Promise.resolve().then(() => hook(target, { origin, options, signal: controller.signal })), expired]);
  } catch (error) {
    if (error instanceof CxError) throw error;
    throw new CxError(CxErrorCode.DialCancelled, 'hooks.beforeDial failed: nothing was dialled.', { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if (answer === false) throw new CxError(CxErrorCode.DialCancelled, `hooks.beforeDial cancelled the call to "${target.slice(0, 40)}".`);
  return typeof answer === 'string' ? answer : target;
}
