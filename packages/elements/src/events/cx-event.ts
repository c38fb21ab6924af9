/**
 * The base of every DOM event of CX Banner: it bubbles, crosses shadow
 * roots (composed) and carries a typed `detail`. Events that announce what
 * the agent is about to do are cancelable: call `preventDefault()` and the
 * element does not do it.
 */
export abstract class CxEvent<D> extends Event {
  readonly detail: D;

  protected constructor(type: string, detail: D, options: { cancelable: boolean }) {
    super(type, { bubbles: true, composed: true, cancelable: options.cancelable });
    this.detail = detail;
  }
}
