// The loopback SIP test bed: WebSocket upgrade, digest-protected REGISTER,
// CRLF keep-alives, routing errors, crash and restart on the same port.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { startSipServer } from './kamailio.mjs';

/** A minimal WebSocket client (RFC 6455 text frames) over node:net. */
function openWebSocket(host, port, protocol = 'sip') {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const key = randomBytes(16).toString('base64');
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    const messages = [];
    const waiters = [];
    let closed = false;

    const deliver = (text) => {
      const waiter = waiters.shift();
      if (waiter) waiter.resolve(text);
      else messages.push(text);
    };

    const client = {
      headers: /** @type {Record<string, string>} */ ({}),
      get closed() {
        return closed;
      },
      send(text) {
        const payload = Buffer.from(text, 'utf8');
        const mask = randomBytes(4);
        let header;
        if (payload.length < 126) {
          header = Buffer.from([0x81, 0x80 | payload.length]);
        } else {
          header = Buffer.alloc(4);
          header[0] = 0x81;
          header[1] = 0x80 | 126;
          header.writeUInt16BE(payload.length, 2);
        }
        const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
        socket.write(Buffer.concat([header, mask, masked]));
      },
      /** Next text message; rejects after `ms`. */
      next(ms = 3000) {
        if (messages.length > 0) return Promise.resolve(messages.shift());
        return new Promise((res, rej) => {
          const timer = setTimeout(() => {
            waiters.splice(waiters.indexOf(waiter), 1);
            rej(new Error(`no WebSocket message within ${ms} ms`));
          }, ms);
          const settle = (fn) => (value) => {
            clearTimeout(timer);
            fn(value);
          };
          const waiter = { resolve: settle(res), reject: settle(rej) };
          waiters.push(waiter);
        });
      },
      /** Next message that is a SIP response (skips CRLF pongs). */
      async response(ms = 3000) {
        for (;;) {
          const text = await client.next(ms);
          if (text.startsWith('SIP/2.0')) return text;
        }
      },
      close() {
        socket.destroy();
      },
    };

    const parseFrames = () => {
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = buffer[0] & 0x0f;
        let length = buffer[1] & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        const payload = buffer.subarray(offset, offset + length);
        buffer = buffer.subarray(offset + length);
        if (opcode === 0x1 || opcode === 0x2) deliver(payload.toString('utf8'));
        else if (opcode === 0x9) {
          // Answer a ping with a masked pong carrying the same payload.
          const mask = randomBytes(4);
          const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
          socket.write(Buffer.concat([Buffer.from([0x8a, 0x80 | payload.length]), mask, masked]));
        } else if (opcode === 0x8) socket.end();
      }
    };

    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [status, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
        buffer = buffer.subarray(end + 4);
        if (!/^HTTP\/1\.1 101/.test(status)) {
          socket.destroy();
          reject(new Error(`WebSocket upgrade refused: ${status}`));
          return;
        }
        for (const line of lines) {
          const colon = line.indexOf(':');
          client.headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        upgraded = true;
        resolve(client);
      }
      parseFrames();
    });
    socket.on('error', (error) => {
      if (!upgraded) reject(error);
    });
    socket.on('close', () => {
      closed = true;
      for (const waiter of waiters.splice(0)) waiter.reject(new Error('WebSocket closed'));
    });
    socket.on('connect', () => {
      socket.write(
        [
          'GET / HTTP/1.1',
          `Host: ${host}:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${key}`,
          'Sec-WebSocket-Version: 13',
          `Sec-WebSocket-Protocol: ${protocol}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
  });
}

const md5 = (text) => createHash('md5').update(text).digest('hex');
const token = () => randomBytes(6).toString('hex');

function request({ method, uri, from, to, transport, via, contact, callId, cseq, extra = [], body = '' }) {
  return [
    `${method} ${uri} SIP/2.0`,
    `Via: SIP/2.0/${transport} ${via};branch=z9hG4bK${token()};rport`,
    'Max-Forwards: 70',
    `From: <${from}>;tag=${token()}`,
    `To: <${to}>`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} ${method}`,
    ...(contact ? [`Contact: ${contact}`] : []),
    ...extra,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

const statusOf = (response) => Number(response.split(' ', 2)[1]);
const header = (response, name) =>
  response
    .split('\r\n')
    .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    ?.slice(name.length + 1)
    .trim();

/** @type {import('./kamailio.mjs').SipServer} */
let server;

before(async () => {
  server = await startSipServer();
});

after(async () => {
  await server?.stop();
});

function wsRegister(ws, user, { authorization, callId = token(), cseq = 1 } = {}) {
  const aor = `sip:${user}@${server.domain}`;
  ws.send(
    request({
      method: 'REGISTER',
      uri: `sip:${server.domain}`,
      from: aor,
      to: aor,
      transport: 'WSS',
      via: `${token()}.invalid`,
      contact: `<sip:${user}@${token()}.invalid;transport=ws>;expires=60`,
      callId,
      cseq,
      extra: authorization ? [`Authorization: ${authorization}`] : [],
    }),
  );
  return ws.response();
}

test('upgrades to a WebSocket with the sip subprotocol', async () => {
  const ws = await openWebSocket(server.host, server.wsPort);
  assert.equal(ws.headers['sec-websocket-protocol'], 'sip');
  ws.close();
});

test('challenges a REGISTER without credentials, accepts the right digest', async () => {
  const ws = await openWebSocket(server.host, server.wsPort);
  const { user, password } = server.users[0];
  const callId = token();
  const challenge = await wsRegister(ws, user, { callId });
  assert.equal(statusOf(challenge), 401, challenge);
  const authenticate = header(challenge, 'WWW-Authenticate') ?? '';
  assert.match(authenticate, /^Digest /);
  const realm = /realm="([^"]+)"/.exec(authenticate)?.[1];
  const nonce = /nonce="([^"]+)"/.exec(authenticate)?.[1];
  assert.equal(realm, server.domain);
  assert.ok(nonce, authenticate);

  const uri = `sip:${server.domain}`;
  const cnonce = token();
  const ha1 = md5(`${user}:${realm}:${password}`);
  const ha2 = md5(`REGISTER:${uri}`);
  const response = md5(`${ha1}:${nonce}:00000001:${cnonce}:auth:${ha2}`);
  const authorization =
    `Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", ` +
    `response="${response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="${cnonce}"`;
  const ok = await wsRegister(ws, user, { authorization, callId, cseq: 2 });
  assert.equal(statusOf(ok), 200, ok);
  assert.match(header(ok, 'Contact') ?? '', /expires=/);

  const wrong = authorization.replace(response, md5('wrong'));
  const refused = await wsRegister(ws, user, { authorization: wrong, callId, cseq: 3 });
  assert.equal(statusOf(refused), 401, refused);
  ws.close();
});

test('keeps the socket open across CRLF keep-alives', async () => {
  const ws = await openWebSocket(server.host, server.wsPort);
  ws.send('\r\n\r\n');
  assert.equal(await ws.next(), '\r\n', 'keep-alive answered with a CRLF pong');
  ws.send('\r\n\r\n');
  assert.equal(await ws.next(), '\r\n');
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(ws.closed, false, `socket closed after a keep-alive\n${server.logTail(20)}`);
  const challenge = await wsRegister(ws, server.users[1].user);
  assert.equal(statusOf(challenge), 401, challenge);
  ws.close();
});

test('answers 404 for an unknown user and 480 for a known one not registered', async () => {
  const ws = await openWebSocket(server.host, server.wsPort);
  const invite = (user) =>
    request({
      method: 'INVITE',
      uri: `sip:${user}@${server.domain}`,
      from: `sip:2005@${server.domain}`,
      to: `sip:${user}@${server.domain}`,
      transport: 'WSS',
      via: `${token()}.invalid`,
      contact: `<sip:2005@${token()}.invalid;transport=ws>`,
      callId: token(),
      cseq: 1,
    });
  ws.send(invite('9999'));
  let response = await ws.response();
  if (statusOf(response) === 100) response = await ws.response();
  assert.equal(statusOf(response), 404, response);
  ws.send(invite('1009'));
  response = await ws.response();
  if (statusOf(response) === 100) response = await ws.response();
  assert.equal(statusOf(response), 480, response);
  ws.close();
});

test('challenges a REGISTER over UDP', async () => {
  const socket = dgram.createSocket('udp4');
  await new Promise((resolve) => socket.bind(0, server.host, resolve));
  const { port } = socket.address();
  const aor = `sip:2001@${server.domain}`;
  const reply = new Promise((resolve) => socket.once('message', (msg) => resolve(msg.toString())));
  socket.send(
    request({
      method: 'REGISTER',
      uri: `sip:${server.domain}`,
      from: aor,
      to: aor,
      transport: 'UDP',
      via: `${server.host}:${port}`,
      contact: `<sip:2001@${server.host}:${port}>`,
      callId: token(),
      cseq: 1,
    }),
    server.udpPort,
    server.host,
  );
  const response = await Promise.race([
    reply,
    new Promise((_, reject) => setTimeout(() => reject(new Error('no UDP reply')), 3000).unref()),
  ]);
  socket.close();
  assert.equal(statusOf(response), 401, response);
});

test('comes back on the same port after a crash', async () => {
  const { wsUrl, wsPort } = server;
  await server.kill();
  assert.equal(server.running(), false);
  await assert.rejects(openWebSocket(server.host, wsPort));
  await server.restart();
  assert.equal(server.wsUrl, wsUrl);
  const ws = await openWebSocket(server.host, wsPort);
  const challenge = await wsRegister(ws, server.users[2].user);
  assert.equal(statusOf(challenge), 401, challenge);
  ws.close();
});
