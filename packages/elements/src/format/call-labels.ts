import type { CallInfo, CallSnapshot, ConnectionStatus, AgentStatus } from '@cx/core';
import { formatNumber } from './format-number.js';

/*
 * The words the banner shows for the state of things. English, the
 * language of the specification's labels.
 */

/** The kind of call in words, so that colour is never the only clue. */
export function callTypeLabel(info: CallInfo): string {
  switch (info.callType) {
    case 'smart':
      return 'Smart routing call';
    case 'campaign':
      return 'Campaign call';
    case 'preview':
      return 'Preview call';
    case 'direct':
      return info.remote.internal ? 'Internal call' : 'Direct call';
  }
}

/** The parts of a call snapshot that say who the other party is. */
export type CallerSnapshot = Pick<CallSnapshot, 'info' | 'contactName'>;

/**
 * Who is calling: the contact name the phone's lookup found, else the
 * caller's display name, else the number formatted for people.
 */
export function callerLabel({ info, contactName }: CallerSnapshot): string {
  return contactName || info.remote.displayName || formatNumber(info.remote.number) || 'Unknown caller';
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
      return 'Ringing';
    case 'dialing':
      return snapshot.remoteRinging ? 'Ringing at the other end' : 'Calling';
    case 'connecting':
      return 'Connecting';
    case 'active':
      return snapshot.remoteHeld ? 'On call, held by the other party' : 'On call';
    case 'held':
      return 'On hold';
    case 'ended':
      return endLabel(snapshot);
  }
}

/** Why a call ended, in words. */
export function endLabel(snapshot: CallSnapshot): string {
  switch (snapshot.endReason) {
    case 'local-hangup':
      return 'Ended: you hung up';
    case 'remote-hangup':
      return 'Ended: the other party hung up';
    case 'declined':
      return 'Declined';
    case 'ring-timeout':
      return 'Missed: not answered in time';
    case 'caller-cancelled':
      return 'Missed: the caller hung up';
    case 'cancelled':
      return 'Cancelled';
    case 'rejected':
      return snapshot.statusCode === 486 || snapshot.statusCode === 600 ? 'Not answered: busy' : 'Not answered';
    case 'failed':
      return 'Call failed';
    case 'transferred':
      return 'Transferred';
    case 'tab-closed':
      return 'Lost: the tab that carried it was closed';
    default:
      return 'Ended';
  }
}

/** The link to the SIP server, in words. */
export function connectionLabel(status: ConnectionStatus): string {
  switch (status.state) {
    case 'registered':
      return 'Connected';
    case 'connected':
      return 'Registering';
    case 'connecting':
      return status.attempt ? `Reconnecting (attempt ${status.attempt})` : 'Connecting';
    case 'failed':
      return status.reason ? `Connection failed: ${status.reason}` : 'Connection failed';
    case 'disconnected':
      return status.reason ? `Disconnected: ${status.reason}` : 'Disconnected';
  }
}

/** The agent's status, in words. */
export function agentLabel(status: AgentStatus): string {
  switch (status) {
    case 'offline':
      return 'Offline';
    case 'available':
      return 'Available';
    case 'ringing':
      return 'Ringing';
    case 'on-call':
      return 'On a call';
    case 'post-interaction':
      return 'Wrapping up';
    case 'paused':
      return 'Paused';
  }
}
