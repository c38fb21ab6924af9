import type { CallInfo, CallSnapshot, ConnectionStatus, AgentStatus } from '@cx/core';
import { msg, str } from '@lit/localize';
import { formatNumber } from './format-number.js';

/*
 * The words the banner shows for the state of things, in the locale of the
 * moment (English, the language of the specification's labels, is the source).
 */

/** The kind of call in words, so that colour is never the only clue. */
export function callTypeLabel(info: CallInfo): string {
  switch (info.callType) {
    case 'smart':
      return msg('Smart routing call');
    case 'campaign':
      return msg('Campaign call');
    case 'preview':
      return msg('Preview call');
    case 'direct':
      return info.remote.internal ? msg('Internal call') : msg('Direct call');
  }
}

/** The parts of a call snapshot that say who the other party is. */
export type CallerSnapshot = Pick<CallSnapshot, 'info' | 'contactName'>;

/**
 * Who is calling: the contact name the phone's lookup found, else the
 * caller's display name, else the number formatted for people.
 */
export function callerLabel({ info, contactName }: CallerSnapshot): string {
  return contactName || info.remote.displayName || formatNumber(info.remote.number) || msg('Unknown caller');
}

/** The caller's number for people, or '' when the name already is the number. */
export function callerNumberLabel({ info, contactName }: CallerSnapshot): string {
  const number = formatNumber(info.remote.number);
  return contactName || info.remote.displayName ? number : '';
}

/** Where a call stands, in a few words. */
export function callStateLabel(snapshot: CallSnapshot): string {
  switch (snapshot.state) {
    case 'ringing':
      return msg('Ringing');
    case 'dialing':
      return snapshot.remoteRinging ? msg('Ringing at the other end') : msg('Calling');
    case 'connecting':
      return msg('Connecting');
    case 'active':
      return snapshot.remoteHeld ? msg('On call, held by the other party') : msg('On call');
    case 'held':
      return msg('On hold');
    case 'ended':
      return endLabel(snapshot);
  }
}

/** Why a call ended, in words. */
export function endLabel(snapshot: CallSnapshot): string {
  switch (snapshot.endReason) {
    case 'local-hangup':
      return msg('Ended: you hung up');
    case 'remote-hangup':
      return msg('Ended: the other party hung up');
    case 'declined':
      return msg('Declined');
    case 'ring-timeout':
      return msg('Missed: not answered in time');
    case 'caller-cancelled':
      return msg('Missed: the caller hung up');
    case 'cancelled':
      return msg('Cancelled');
    case 'rejected':
      return snapshot.statusCode === 486 || snapshot.statusCode === 600 ? msg('Not answered: busy') : msg('Not answered');
    case 'failed':
      return msg('Call failed');
    case 'transferred':
      return msg('Transferred');
    case 'tab-closed':
      return msg('Lost with its tab');
    default:
      return msg('Ended');
  }
}

/** The link to the SIP server, in words. */
export function connectionLabel(status: ConnectionStatus): string {
  switch (status.state) {
    case 'registered':
      return msg('Connected');
    case 'connected':
      return msg('Registering');
    case 'connecting':
      return status.attempt ? msg(str`Reconnecting (attempt ${status.attempt})`) : msg('Connecting');
    case 'failed':
      return status.reason ? msg(str`Connection failed: ${status.reason}`) : msg('Connection failed');
    case 'disconnected':
      return status.reason ? msg(str`Disconnected: ${status.reason}`) : msg('Disconnected');
  }
}

/** The agent's status, in words. */
export function agentLabel(status: AgentStatus): string {
  switch (status) {
    case 'offline':
      return msg('Offline');
    case 'available':
      return msg('Available');
    case 'ringing':
      return msg('Ringing');
    case 'on-call':
      return msg('On a call');
    case 'post-interaction':
      return msg('Wrapping up');
    case 'paused':
      return msg('Paused');
  }
}
