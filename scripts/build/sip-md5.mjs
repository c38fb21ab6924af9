// The script-tag build gives sip.js our MD5 (packages/core/src/sip/md5.ts,
// 1 KB) in place of its own (6 KB): sip.js uses it only as
// `Md5.hashStr(text)` for digest authentication, and a unit test
// (md5.unit.test.ts) checks both give the same digests, UTF-8 included.
import { fileURLToPath } from 'node:url';

const ours = fileURLToPath(new URL('../../packages/core/lib/sip/md5.js', import.meta.url));
const VIRTUAL = '\0cx-sip-md5';

export function sipMd5() {
  return {
    name: 'cx-sip-md5',
    resolveId(source, importer) {
      if (source === './md5.js' && importer && /[\\/]sip\.js[\\/]lib[\\/]core[\\/]messages[\\/]/.test(importer)) return VIRTUAL;
      return null;
    },
    load(id) {
      if (id !== VIRTUAL) return null;
      return `import { md5 } from ${JSON.stringify(ours)};\nexport const Md5 = { hashStr: (text) => md5(text) };\n`;
    },
  };
}
