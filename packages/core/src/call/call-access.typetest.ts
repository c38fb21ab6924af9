// Type tests: each line below must FAIL to compile (`@ts-expect-error`
// turns a success into an error). Only core moves a call: from outside,
// through the public exports, a call offers its snapshot, its store and its
// commands, nothing that changes its state directly.
import { Call, createPhone, type CallHandle, type PhoneApi } from '../index.js';

declare const call: Call;

// @ts-expect-error the transition function is private to core
call.transition('active');
// @ts-expect-error commits are private to core
call.commit({ muted: true });
// @ts-expect-error ending without SIP is private to core
call.end('failed');
// @ts-expect-error answering without SIP is private to core
call.markAnswered();
// @ts-expect-error the leg is private to core
void call.leg;
// @ts-expect-error calls are made by the phone only
void new Call({});
// @ts-expect-error a snapshot cannot be changed
call.snapshot.state = 'active';
// @ts-expect-error what a call allows is read-only
call.snapshot.can.hold = true;

// What is public compiles: a Phone is a PhoneApi, a Call a CallHandle.
const phone: PhoneApi = createPhone({ sip: { server: 'wss://x', aor: 'sip:1@x' } });
const handle: CallHandle = call;
void phone;
void handle.hangup();
