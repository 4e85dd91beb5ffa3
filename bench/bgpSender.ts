/**
 * A minimal BGP-4 speaker for the BIRD benchmark (bench/bird.ts): connects to a BIRD, opens the
 * session (no capabilities: two-octet AS numbers), sends N /32 routes and keeps the session up
 * (KEEPALIVEs) until it is killed; BIRD would withdraw the routes if it closed.
 *
 *   node --import tsx bench/bgpSender.ts LOCAL_IP LOCAL_AS PEER_IP ROUTES distinct|packed
 *
 * `distinct`: every route has its own MED (and one of 64 AS paths), so each needs its own UPDATE (as
 * the engine's routes do: one prefix per UPDATE). `packed`: identical attributes, 500 routes per
 * UPDATE (what BIRD does with static routes it exports, and the cheapest case for a receiver).
 */
import { connect } from 'node:net';

const [localIp = '', localAsText = '', peerIp = '', routesText = '', mode = 'distinct'] = process.argv.slice(2);
const localAs = Number(localAsText);
const routes = Number(routesText);
const PACK = 500;

const ipBytes = (ip: string) => ip.split('.').map(Number);

function message(type: number, body: number[]): Buffer {
  const b = Buffer.alloc(19 + body.length);
  b.fill(0xff, 0, 16);
  b.writeUInt16BE(19 + body.length, 16);
  b[18] = type;
  Buffer.from(body).copy(b, 19);
  return b;
}

const u16 = (v: number) => [(v >> 8) & 255, v & 255];

/** 100.64.0.0 + i: never a real route of the bench's namespaces. */
function prefixBytes(i: number): number[] {
  const a = 0x64400000 + i;
  return [32, a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255];
}

function update(
  asPath: readonly number[],
  community: readonly [number, number],
  nlri: readonly number[],
  med?: number,
): Buffer {
  const path = [2, asPath.length, ...asPath.flatMap(u16)];
  const attrs = [
    ...[0x40, 1, 1, 0], // ORIGIN IGP
    ...[0x40, 2, path.length, ...path], // AS_PATH: one AS_SEQUENCE
    ...[0x40, 3, 4, ...ipBytes(localIp)], // NEXT_HOP
    ...[0xc0, 8, 4, ...u16(community[0]), ...u16(community[1])], // COMMUNITIES
    ...(med !== undefined ? [0x80, 4, 4, ...u16(med >>> 16), ...u16(med & 0xffff)] : []), // MULTI_EXIT_DISC
  ];
  return message(2, [...u16(0), ...u16(attrs.length), ...attrs, ...nlri]);
}

function* updates(): Generator<Buffer> {
  if (mode === 'packed') {
    for (let i = 0; i < routes; i += PACK) {
      const nlri: number[] = [];
      for (let j = i; j < Math.min(routes, i + PACK); j++) nlri.push(...prefixBytes(j));
      yield update([localAs, 64512], [65000, 1], nlri);
    }
    return;
  }
  // Two more ASes and a community from the route's index: no two routes share their attributes.
  // MED is the route's index: no two routes share their attributes. The AS path (one of 64, as
  // racks would give) and the community vary too, over few values. BIRD 1.6 hashes its attribute
  // cache by XOR-folding the AS path's words, so millions of distinct paths would make it
  // quadratic: a cost of this synthetic load that no fabric has, which would flatter the engine.
  for (let i = 0; i < routes; i++) yield update([localAs, 64512 + (i & 63)], [65000, 100 + (i & 1)], prefixBytes(i), i);
}

const socket = connect({ host: peerIp, port: 179, localAddress: localIp });
socket.on('error', (e) => {
  process.stderr.write(`bgpSender: ${e.message}\n`);
  process.exit(1);
});
socket.on('connect', () => {
  const routerId = ipBytes(localIp);
  socket.write(message(1, [4, ...u16(localAs), ...u16(240), ...routerId, 0]));
  socket.write(message(4, []));
});
let received = Buffer.alloc(0);
let sending = false;
socket.on('data', (chunk: Buffer) => {
  received = Buffer.concat([received, chunk]);
  while (received.length >= 19) {
    const length = received.readUInt16BE(16);
    if (received.length < length) break;
    const type = received[18];
    received = received.subarray(length);
    if (type === 3) {
      process.stderr.write('bgpSender: the peer sent a NOTIFICATION\n');
      process.exit(1);
    }
    // The peer's KEEPALIVE confirms our OPEN: the session is established.
    if (type === 4 && !sending) {
      sending = true;
      send(updates());
    }
  }
});

function send(it: Generator<Buffer>): void {
  for (let r = it.next(); !r.done; r = it.next()) {
    if (!socket.write(r.value)) {
      socket.once('drain', () => send(it));
      return;
    }
  }
}

setInterval(() => socket.write(message(4, [])), 30_000);
