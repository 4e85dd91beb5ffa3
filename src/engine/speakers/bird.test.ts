/**
 * Session ends read from a BIRD configuration: the defaults BIRD applies when the text is
 * silent (BIRD 1.6 doc, "direct"/"multihop": iBGP sessions are multihop, eBGP ones direct).
 */
import { describe, expect, it } from 'vitest';
import { parseBirdConfig } from '../../bird/lang/configParser';
import { ip, oneRackUnderlay } from '../test-speakers';
import { birdSpeaker } from './bird';

function endsOf(protocolBody: string) {
  const text = `router id 10.0.1.11;\nprotocol bgp p {\n  local as 64512;\n${protocolBody}\n  import all;\n  export none;\n}\n`;
  const config = parseBirdConfig({ name: 'bird.cfg', text });
  return birdSpeaker({
    name: 'node-a1',
    kind: 'node',
    platform: 'bird1',
    address: ip('10.0.1.11'),
    config,
    underlay: oneRackUnderlay(),
  }).ends;
}

describe('multihop defaults', () => {
  it('iBGP without an option is multihop; `direct` makes it direct', () => {
    expect(endsOf('  neighbor 10.0.0.1 as 64512;').map((e) => [e.ebgp, e.multihop])).toEqual([[false, true]]);
    expect(endsOf('  neighbor 10.0.0.1 as 64512;\n  direct;').map((e) => [e.ebgp, e.multihop])).toEqual([
      [false, false],
    ]);
  });

  it('eBGP without an option is direct; `multihop` makes it multihop', () => {
    expect(endsOf('  neighbor 10.0.0.1 as 65000;').map((e) => [e.ebgp, e.multihop])).toEqual([[true, false]]);
    expect(endsOf('  neighbor 10.0.0.1 as 65000;\n  multihop;').map((e) => [e.ebgp, e.multihop])).toEqual([
      [true, true],
    ]);
  });
});

describe('gateway defaults', () => {
  it('direct for direct sessions, recursive for multihop ones, unless `gateway` says', () => {
    expect(endsOf('  neighbor 10.0.0.1 as 65000;').map((e) => e.gateway)).toEqual(['direct']);
    expect(endsOf('  neighbor 10.0.0.1 as 65000;\n  multihop;').map((e) => e.gateway)).toEqual(['recursive']);
    expect(endsOf('  neighbor 10.0.0.1 as 64512;').map((e) => e.gateway)).toEqual(['recursive']);
    expect(endsOf('  neighbor 10.0.0.1 as 65000;\n  gateway recursive;').map((e) => e.gateway)).toEqual(['recursive']);
  });
});
