import type { CallSnapshot } from '../call/call.js';
import type { ConnectionStatus } from '../sip/sip-agent.js';

/**
 * What the agent is doing, as the contact center sees it.
 *
 * ```
 * offline ──registered──> available ──offer──> ringing ──accept──> on-call
 *    ^                      ^  │                  │                   │
 *    │                      │  └──pause──> paused │                   │
 *    └── connection lost ───┴──────── call ends ──┴── post-interaction┘ (wrap-up)
 * ```
 */
export const AgentStatus = {
  Offline: 'offline',
  Available: 'available',
  Ringing: 'ringing',
  OnCall: 'on-call',
  PostInteraction: 'post-interaction',
  Paused: 'paused',
} as const;
export type AgentStatus = (typeof AgentStatus)[keyof typeof AgentStatus];

/**
 * Derives the agent status from the connection, the calls and the agent's
 * own choices. Pure: the `$agent` store recomputes it on every change.
 */
export function deriveAgentStatus(
  connection: ConnectionStatus,
  calls: readonly Pick<CallSnapshot, 'state'>[],
  choice: { paused: boolean; wrappingUp: boolean },
): AgentStatus {
  if (connection.state !== 'registered') return 'offline';
  if (calls.some((c) => c.state === 'active' || c.state === 'held' || c.state === 'connecting' || c.state === 'dialing')) {
    return 'on-call';
  }
  if (calls.some((c) => c.state === 'ringing')) return 'ringing';
  if (choice.wrappingUp) return 'post-interaction';
  if (choice.paused) return 'paused';
  return 'available';
}
