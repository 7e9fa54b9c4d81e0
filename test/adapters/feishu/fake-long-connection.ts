// A fake of Feishu's long-connection gateway on 127.0.0.1: a WebSocket
// server speaking the SDK's pbbp2 frames (a tiny protobuf codec below), so
// the real WSClient connects, receives an event frame and answers it.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

interface Socket {
  on(event: 'message', fn: (data: Buffer) => void): void;
  send(data: Uint8Array): void;
  terminate(): void;
}
interface Server {
  on(event: 'connection', fn: (socket: Socket) => void): void;
  on(event: 'listening', fn: () => void): void;
  address(): AddressInfo;
  close(cb?: () => void): void;
  clients: Set<Socket>;
}
// `ws` comes with the Feishu SDK (it is what WSClient uses); it has no types here
const { WebSocketServer } = createRequire(import.meta.url)('ws') as {
  WebSocketServer: new (opts: { port: number; host: string }) => Server;
};

interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: { key: string; value: string }[];
  payload?: Uint8Array;
}

// ---- protobuf, just enough for pbbp2.Frame -------------------------------
function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 127) {
    out.push((v & 127) | 128);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
function field(no: number, bytes: Uint8Array): number[] {
  return [...varint((no << 3) | 2), ...varint(bytes.length), ...bytes];
}
const utf8 = (s: string) => new TextEncoder().encode(s);

export function encodeFrame(f: Frame): Uint8Array {
  const out: number[] = [
    ...varint(1 << 3), ...varint(f.SeqID), ...varint(2 << 3), ...varint(f.LogID),
    ...varint(3 << 3), ...varint(f.service), ...varint(4 << 3), ...varint(f.method),
  ];
  for (const h of f.headers) out.push(...field(5, new Uint8Array([...field(1, utf8(h.key)), ...field(2, utf8(h.value))])));
  if (f.payload) out.push(...field(8, f.payload));
  return new Uint8Array(out);
}

function readFields(buf: Uint8Array): { no: number; value: number | Uint8Array }[] {
  const fields: { no: number; value: number | Uint8Array }[] = [];
  let i = 0;
  const readVarint = () => {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = buf[i++]!;
      result += (b & 127) * mul;
      if (b < 128) return result;
      mul *= 128;
    }
  };
  while (i < buf.length) {
    const tag = readVarint();
    const no = tag >> 3;
    if ((tag & 7) === 0) fields.push({ no, value: readVarint() });
    else {
      const len = readVarint();
      fields.push({ no, value: buf.subarray(i, i + len) });
      i += len;
    }
  }
  return fields;
}

export function decodeFrame(buf: Uint8Array): Frame {
  const frame: Frame = { SeqID: 0, LogID: 0, service: 0, method: 0, headers: [] };
  for (const { no, value } of readFields(buf)) {
    if (no === 4) frame.method = value as number;
    if (no === 5) {
      const h = readFields(value as Uint8Array);
      const text = (n: number) => new TextDecoder().decode(h.find((x) => x.no === n)?.value as Uint8Array | undefined);
      frame.headers.push({ key: text(1), value: text(2) });
    }
    if (no === 8) frame.payload = value as Uint8Array;
  }
  return frame;
}

// ---- the gateway ----------------------------------------------------------
export interface FakeGateway {
  url: string;
  connected: Promise<void>;
  /** push an event (a plain schema 2.0 envelope) down the socket, as Feishu does */
  sendEvent(envelope: object): string;
  /** the client's answers to data frames, by frame message id: { code, data? (decoded JSON) } */
  answers: Map<string, { code: number; data?: unknown }>;
  close(): Promise<void>;
}

export async function startFakeGateway(): Promise<FakeGateway> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.on('listening', resolve));
  let socket: Socket | undefined;
  let connectedResolve: () => void = () => {};
  const connected = new Promise<void>((r) => { connectedResolve = r; });
  const answers = new Map<string, { code: number; data?: unknown }>();
  server.on('connection', (s) => {
    socket = s;
    connectedResolve();
    s.on('message', (data) => {
      const frame = decodeFrame(new Uint8Array(data));
      const id = frame.headers.find((h) => h.key === 'message_id')?.value;
      if (frame.method !== 1 || !id || !frame.payload) return; // pings
      const body = JSON.parse(new TextDecoder().decode(frame.payload)) as { code: number; data?: string };
      answers.set(id, { code: body.code, data: body.data ? JSON.parse(Buffer.from(body.data, 'base64').toString('utf8')) : undefined });
    });
  });
  const { port } = server.address();
  return {
    url: `ws://127.0.0.1:${port}/ws?device_id=fake-device&service_id=7`,
    connected,
    answers,
    sendEvent(envelope) {
      if (!socket) throw new Error('no client connected');
      const messageId = `frame_${randomUUID().slice(0, 8)}`;
      socket.send(encodeFrame({
        SeqID: 1, LogID: 1, service: 7, method: 1,
        headers: [
          { key: 'type', value: 'event' }, { key: 'message_id', value: messageId },
          { key: 'sum', value: '1' }, { key: 'seq', value: '0' }, { key: 'trace_id', value: randomUUID() },
        ],
        payload: utf8(JSON.stringify(envelope)),
      }));
      return messageId;
    },
    close: () => new Promise<void>((resolve) => {
      for (const c of server.clients) c.terminate();
      server.close(() => resolve());
    }),
  };
}
