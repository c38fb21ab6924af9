// The script-tag build leaves out of sip.js what the phone never uses, or
// gives it a smaller equivalent:
//
// - MD5: our own (packages/core/src/sip/md5.ts, 1 KB) in place of sip.js's
//   (6 KB). sip.js uses it only as `Md5.hashStr(text)` for digest
//   authentication; a unit test (md5.unit.test.ts) checks both give the same
//   digests, UTF-8 included.
// - SUBSCRIBE: `UserAgentCore.subscribe()` is the only user of sip.js's
//   SUBSCRIBE client and subscription dialogs (4 KB with them), and only its
//   `Subscriber` API calls it, which the phone does not use. In this build it
//   throws. (REFER's NOTIFYs travel in the call's own dialog, not there.)
import { fileURLToPath } from 'node:url';

const ourMd5 = fileURLToPath(new URL('../../packages/core/lib/sip/md5.js', import.meta.url));
const MD5 = '\0cx-sip-md5';
const NO_SUBSCRIBE = '\0cx-sip-no-subscribe';
const inSipJs = (importer, folder) => Boolean(importer) && new RegExp(`[\\\\/]sip\\.js[\\\\/]lib[\\\\/]core[\\\\/]${folder}[\\\\/]`).test(importer);

export function sipSlim() {
  return {
    name: 'cx-sip-slim',
    resolveId(source, importer) {
      if (source === './md5.js' && inSipJs(importer, 'messages')) return MD5;
      if (source === '../user-agents/subscribe-user-agent-client.js' && inSipJs(importer, 'user-agent-core')) return NO_SUBSCRIBE;
      return null;
    },
    load(id) {
      if (id === MD5) return `import { md5 } from ${JSON.stringify(ourMd5)};\nexport const Md5 = { hashStr: (text) => md5(text) };\n`;
      if (id === NO_SUBSCRIBE) {
        return 'export class SubscribeUserAgentClient {\n  constructor() {\n    throw new Error("SUBSCRIBE is not part of the cx-banner.js build of sip.js");\n  }\n}\n';
      }
      return null;
    },
  };
}
