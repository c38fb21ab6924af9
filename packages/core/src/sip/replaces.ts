import type { DialogId } from '../call/call-leg.js';

/** What an INVITE's `Replaces` header names (RFC 3891 section 6.1). */
export interface ReplacesTarget {
  /** The dialog to replace, from our side: its `to-tag` is our tag, its `from-tag` the peer's. */
  readonly dialog: DialogId;
  /** Only an early dialog may be replaced. */
  readonly earlyOnly: boolean;
}

const CALL_ID = /^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}@]{1,256}$/;
const TAG = /^[A-Za-z0-9\-.!%*_+`'~]{1,128}$/;

/**
 * Reads a `Replaces` header value: `call-id;to-tag=…;from-tag=…[;early-only]`.
 * Parameter names are compared without regard to case; `undefined` when the
 * value is malformed (no Call-ID, a missing or invalid tag), so the INVITE
 * can be refused with 400.
 *
 * @example
 * parseReplaces('98732@sip.example;to-tag=r33th4x0r;from-tag=ff87ff')
 * // { dialog: { callId: '98732@sip.example', localTag: 'r33th4x0r', remoteTag: 'ff87ff' }, earlyOnly: false }
 */
export function parseReplaces(value: string): ReplacesTarget | undefined {
  if (typeof value !== 'string' || value.length > 1024) return undefined;
  const [callId = '', ...params] = value.split(';').map((part) => part.trim());
  if (!CALL_ID.test(callId)) return undefined;
  let toTag: string | undefined;
  let fromTag: string | undefined;
  let earlyOnly = false;
  for (const param of params) {
    const eq = param.indexOf('=');
    const name = (eq < 0 ? param : param.slice(0, eq)).trim().toLowerCase();
    const raw = eq < 0 ? '' : param.slice(eq + 1).trim();
    if (name === 'to-tag') toTag = raw;
    else if (name === 'from-tag') fromTag = raw;
    else if (name === 'early-only') earlyOnly = true;
  }
  if (toTag === undefined || fromTag === undefined || !TAG.test(toTag) || !TAG.test(fromTag)) return undefined;
  return { dialog: { callId, localTag: toTag, remoteTag: fromTag }, earlyOnly };
}
