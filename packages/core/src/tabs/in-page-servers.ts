/**
 * SIP servers that live in this page (the simulated contact center's
 * switch), by WebSocket URL: a tab elsewhere cannot reach them, so phones
 * of such a server only share with phones of the same page and the same
 * server (two test pages with the same agent stay apart). Kept on the
 * global object under a registered symbol, so every copy of CX Banner on
 * the page sees the same list.
 */
export function inPageServers(): Map<string, string> {
  const key = Symbol.for('cx-banner.in-page-servers');
  const holder = globalThis as { [key: symbol]: Map<string, string> | undefined };
  return (holder[key] ??= new Map());
}
