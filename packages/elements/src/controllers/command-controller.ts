import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommandOutcome } from '../commands/request-command.js';
import { errorMessage } from '../format/error-messages.js';

/**
 * Runs the agent's commands for an element: a command whose key is still
 * running is not started again (a double click does not hang up twice), and
 * the message of the last failure is kept in `error` for the element to
 * show. The host re-renders when `error` changes.
 *
 * @example
 * private readonly commands = new CommandController(this);
 * accept() { return this.commands.run('accept', () => acceptCall(this, call)); }
 * render() { return this.commands.error ? html`<p role="alert">${this.commands.error}</p>` : nothing; }
 */
export class CommandController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly pending = new Set<string>();
  private message = '';

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  /** Why the last command failed, '' when it did not. */
  get error(): string {
    return this.message;
  }

  hostConnected(): void {}

  /** Forget the last failure (e.g. when the element is given another call). */
  clear(): void {
    this.setError('');
  }

  /** Runs `command` unless one with the same `key` is running; resolves with its outcome (undefined when skipped). */
  async run(key: string, command: () => Promise<CommandOutcome>): Promise<CommandOutcome | undefined> {
    if (this.pending.has(key)) return undefined;
    this.pending.add(key);
    this.setError('');
    try {
      const outcome = await command();
      if (outcome.status === 'failed') this.setError(errorMessage(outcome.error));
      return outcome;
    } finally {
      this.pending.delete(key);
    }
  }

  private setError(message: string): void {
    if (message === this.message) return;
    this.message = message;
    this.host.requestUpdate();
  }
}
