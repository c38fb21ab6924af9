// `npm start`: build everything, then serve the demo CRM page on a free port.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed.`);
    process.exit(r.status ?? 1);
  }
};

const direct = process.argv[1] && new URL(import.meta.url).pathname === process.argv[1];
if (direct && !existsSync(join(root, 'node_modules/.package-lock.json'))) {
  console.log('Installing dependencies (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
if (direct || process.env.CX_DEMO_BUILD === '1') {
  console.log('Building...');
  run('npx', ['tsc', '-b']);
  run('npx', ['rollup', '-c', '--silent']);
}

// URL path -> file. The banner is served from the package's own build, as a CDN would.
const routes = {
  '/cx-banner.js': 'packages/elements/dist/cx-banner.js',
  '/cx-banner.js.map': 'packages/elements/dist/cx-banner.js.map',
  '/demo.js': 'packages/demo/dist/demo.js',
  '/demo.js.map': 'packages/demo/dist/demo.js.map',
};
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };
const publicDir = join(root, 'packages/demo/public');

// The script tag's lazily loaded chunks sit next to it: cx-banner.<name>.js.
const bannerChunk = /^\/(cx-banner\.[\w-]+\.js(?:\.map)?)$/;
// The React example (packages/demo/react): its page at /react/, its bundle (built by rollup) beside it.
const reactPage = { '/react': 'packages/demo/react/index.html', '/react/': 'packages/demo/react/index.html', '/react/react.css': 'packages/demo/react/react.css' };
const reactBundle = /^\/react\/([\w.-]+\.js(?:\.map)?)$/;

/** The file a URL path names, or '' when it names none we serve. */
function fileFor(path) {
  if (routes[path]) return join(root, routes[path]);
  if (reactPage[path]) return join(root, reactPage[path]);
  const react = reactBundle.exec(path);
  if (react) return join(root, 'packages/demo/dist/react', react[1]);
  const chunk = bannerChunk.exec(path);
  if (chunk) return join(root, 'packages/elements/dist', chunk[1]);
  const file = join(publicDir, normalize(path === '/' ? '/index.html' : path));
  return file.startsWith(publicDir) ? file : '';
}

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = fileFor(path);
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  createReadStream(file).pipe(res);
});

/** Serves the demo; resolves with its URL. */
export function serveDemo(port = Number(process.env.PORT ?? 8080)) {
  return new Promise((resolve) => listen(port, 20, resolve));
}
export function stopDemo() {
  server.close();
}

function listen(port, attempts, onListening) {
  server.once('error', (error) => {
    if (error.code === 'EADDRINUSE' && attempts > 0) listen(port + 1, attempts - 1, onListening);
    else {
      console.error(`Cannot listen on port ${port}: ${error.message}`);
      process.exit(1);
    }
  });
  server.listen(port, '127.0.0.1', () => onListening(`http://localhost:${port}/`));
}

if (direct) {
  const url = await serveDemo();
  console.log(`\nCX Banner demo: ${url}\nThe React example: ${url}react/\n(Ctrl+C to stop)`);
}
