/**
 * Each policy feature of DESIGN §6, per platform: the lines a config must have (and must not
 * have) when the design asks for the feature. Lines are compared trimmed and whole.
 */
import { describe, expect, it } from 'vitest';
import { PLATFORMS, type Platform } from '../model';
import { routerConfig } from './index';
import { fabric, linesOf, type FabricOptions } from './test-designs';
import { structuralProblems } from './test-structure';

interface Expect {
  readonly has: readonly string[];
  readonly hasNot?: readonly string[];
}

interface Feature {
  readonly name: string;
  readonly design: Omit<FabricOptions, 'platform'>;
  readonly router?: string;
  readonly expect: Readonly<Record<Platform, Expect>>;
}

/** The same expectation for BIRD 1.x and 2 (filters and most protocol options are written alike). */
const bird = (e: Expect) => ({ bird1: e, bird2: e });

const FEATURES: readonly Feature[] = [
  {
    name: 'elevated community: LOCAL_PREF 2147483647 - elevated priority (and BIRD preference 200)',
    design: { policy: { elevatedCommunity: '65000:100' }, cluster: { routePriority: { elevated: 256 } } },
    expect: {
      ...bird({
        has: [
          'if ((65000,100) ~ bgp_community) then {',
          'bgp_local_pref = 2147483391;',
          'preference = 200;',
          'import filter lr_import;',
        ],
      }),
      frr: {
        has: [
          'bgp community-list standard LR-COMMUNITY-65000-100 seq 10 permit 65000:100',
          'match community LR-COMMUNITY-65000-100',
          'set local-preference 2147483391',
          'neighbor 10.0.0.1 route-map LR-IMPORT in',
          'neighbor calico-rack-a route-map LR-IMPORT in',
        ],
      },
      eos: {
        has: [
          'ip community-list LR-COMMUNITY-65000-100 permit 65000:100',
          'match community LR-COMMUNITY-65000-100',
          'set local-preference 2147483391',
          'neighbor 10.0.0.1 route-map LR-IMPORT in',
          'neighbor calico-rack-a route-map LR-IMPORT in',
        ],
      },
      nxos: {
        has: [
          'ip community-list standard LR-COMMUNITY-65000-100 seq 10 permit 65000:100',
          'match community LR-COMMUNITY-65000-100',
          'set local-preference 2147483391',
          'route-map LR-IMPORT in',
        ],
      },
      junos: {
        has: [
          'community LR-COMMUNITY-65000-100 members 65000:100;',
          'from community LR-COMMUNITY-65000-100;',
          'local-preference 2147483391;',
          'import LR-IMPORT;',
        ],
      },
    },
  },
  {
    name: 'no elevated community: routes are imported unchanged',
    design: {},
    expect: {
      ...bird({ has: ['accept;'], hasNot: ['preference = 200;', 'bgp_local_pref = 2147483135;'] }),
      frr: { has: ['route-map LR-IMPORT permit 1000'], hasNot: ['set local-preference 2147483135'] },
      eos: { has: ['route-map LR-IMPORT permit 1000'], hasNot: ['set local-preference 2147483135'] },
      nxos: { has: ['route-map LR-IMPORT permit 1000'], hasNot: ['set local-preference 2147483135'] },
      junos: { has: ['term otherwise {'], hasNot: ['local-preference 2147483135;'] },
    },
  },
  {
    name: 'elevated large community',
    design: { policy: { elevatedCommunity: '4200000000:1:2' } },
    expect: {
      ...bird({ has: ['if ((4200000000,1,2) ~ bgp_large_community) then {'] }),
      frr: {
        has: [
          'bgp large-community-list standard LR-LARGE-COMMUNITY-4200000000-1-2 seq 10 permit 4200000000:1:2',
          'match large-community LR-LARGE-COMMUNITY-4200000000-1-2',
        ],
      },
      eos: {
        has: [
          'ip large-community-list LR-LARGE-COMMUNITY-4200000000-1-2 permit 4200000000:1:2',
          'match large-community LR-LARGE-COMMUNITY-4200000000-1-2',
          'neighbor 10.0.0.1 send-community standard large',
        ],
      },
      nxos: {
        has: [
          'ip large-community-list standard LR-LARGE-COMMUNITY-4200000000-1-2 seq 10 permit 4200000000:1:2',
          'match large-community LR-LARGE-COMMUNITY-4200000000-1-2',
          'send-community large',
        ],
      },
      junos: {
        has: [
          'community LR-LARGE-COMMUNITY-4200000000-1-2 members large:4200000000:1:2;',
          'from community LR-LARGE-COMMUNITY-4200000000-1-2;',
        ],
      },
    },
  },
  {
    name: 'sendCommunity: false removes standard communities on every export',
    design: { policy: { sendCommunity: false } },
    expect: {
      ...bird({ has: ['bgp_community.delete([(*,*)]);'] }),
      frr: { has: ['set community none'] },
      eos: {
        has: [
          'set community none',
          'neighbor 10.0.0.1 send-community large',
          'neighbor calico-rack-a send-community large',
        ],
        hasNot: ['neighbor 10.0.0.1 send-community standard large'],
      },
      nxos: { has: ['set community none'], hasNot: ['send-community'] },
      junos: {
        has: ['community LR-ALL-STANDARD-COMMUNITIES members "*:*";', 'community delete LR-ALL-STANDARD-COMMUNITIES;'],
      },
    },
  },
  {
    name: 'sendCommunity: true (default) passes communities on',
    design: {},
    expect: {
      ...bird({ has: ['if (source = RTS_BGP) then accept;'], hasNot: ['bgp_community.delete([(*,*)]);'] }),
      frr: {
        has: ['route-map LR-EXPORT-ROUTERS permit 10'],
        hasNot: ['set community none', 'no neighbor 10.0.0.1 send-community'],
      },
      eos: {
        has: [
          'neighbor 10.0.0.1 send-community standard large',
          'neighbor calico-rack-a send-community standard large',
        ],
        hasNot: ['set community none'],
      },
      nxos: { has: ['send-community'], hasNot: ['set community none'] },
      junos: { has: ['from protocol bgp;'], hasNot: ['community delete LR-ALL-STANDARD-COMMUNITIES;'] },
    },
  },
  {
    name: 'multipath: ECMP, across neighbour AS numbers',
    design: { policy: { multipath: true } },
    expect: {
      ...bird({ has: ['merge paths on;'] }),
      frr: { has: ['bgp bestpath as-path multipath-relax', 'maximum-paths 64', 'maximum-paths ibgp 64'] },
      eos: { has: ['bgp bestpath as-path multipath-relax', 'maximum-paths 64'] },
      nxos: { has: ['bestpath as-path multipath-relax', 'maximum-paths 64', 'maximum-paths ibgp 64'] },
      junos: { has: ['multiple-as;', 'export LR-LOAD-BALANCE;', 'then load-balance per-packet;'] },
    },
  },
  {
    name: 'multipath: false (default), one path',
    design: {},
    expect: {
      ...bird({ has: ['scan time 10;'], hasNot: ['merge paths on;'] }),
      frr: { has: ['maximum-paths 1', 'maximum-paths ibgp 1'], hasNot: ['bgp bestpath as-path multipath-relax'] },
      eos: { has: ['maximum-paths 1'], hasNot: ['bgp bestpath as-path multipath-relax'] },
      nxos: { has: ['maximum-paths 1', 'maximum-paths ibgp 1'], hasNot: ['bestpath as-path multipath-relax'] },
      junos: { has: ['type external;'], hasNot: ['multiple-as;', 'export LR-LOAD-BALANCE;'] },
    },
  },
  {
    name: 'toNodes: all sends every BGP route, no default',
    design: { policy: { toNodes: 'all' } },
    expect: {
      ...bird({
        has: ['export filter lr_export_nodes;', 'if (source = RTS_BGP) then accept;'],
        hasNot: ['route 0.0.0.0/0 blackhole;'],
      }),
      frr: {
        has: ['neighbor calico-rack-a route-map LR-EXPORT-NODES out'],
        hasNot: ['neighbor calico-rack-a default-originate', 'ip prefix-list LR-DEFAULT-ROUTE seq 10 permit 0.0.0.0/0'],
      },
      eos: {
        has: ['neighbor calico-rack-a route-map LR-EXPORT-NODES out'],
        hasNot: ['neighbor calico-rack-a default-originate'],
      },
      nxos: { has: ['route-map LR-EXPORT-NODES out'], hasNot: ['default-originate'] },
      junos: { has: ['export [ LR-NEXT-HOP-SELF LR-EXPORT-NODES ];'], hasNot: ['route 0.0.0.0/0 {'] },
    },
  },
  {
    name: 'toNodes: default-only sends only the originated default, kept out of the FIB',
    design: { policy: { toNodes: 'default-only' } },
    expect: {
      ...bird({
        has: [
          'protocol static lr_default {',
          'route 0.0.0.0/0 blackhole;',
          'if ((source = RTS_STATIC) && (net = 0.0.0.0/0)) then accept;',
          'export filter lr_kernel;',
        ],
        hasNot: ['if ((source = RTS_BGP) && (net ~ [ 10.244.0.0/16{32,32} ])) then accept;'],
      }),
      frr: {
        has: [
          'neighbor calico-rack-a default-originate',
          'ip prefix-list LR-DEFAULT-ROUTE seq 10 permit 0.0.0.0/0',
          'match ip address prefix-list LR-DEFAULT-ROUTE',
        ],
        hasNot: ['match ip address prefix-list LR-POOL-HOST-ROUTES'],
      },
      eos: {
        has: [
          'neighbor calico-rack-a default-originate',
          'ip prefix-list LR-DEFAULT-ROUTE seq 10 permit 0.0.0.0/0',
          'match ip address prefix-list LR-DEFAULT-ROUTE',
        ],
        hasNot: ['match ip address prefix-list LR-POOL-HOST-ROUTES'],
      },
      nxos: {
        has: [
          'default-originate',
          'ip prefix-list LR-DEFAULT-ROUTE seq 10 permit 0.0.0.0/0',
          'match ip address prefix-list LR-DEFAULT-ROUTE',
        ],
        hasNot: ['match ip address prefix-list LR-POOL-HOST-ROUTES'],
      },
      junos: {
        has: ['route 0.0.0.0/0 {', 'discard;', 'no-install;', 'protocol static;', 'route-filter 0.0.0.0/0 exact;'],
        hasNot: ['route-filter 10.244.0.0/16 prefix-length-range /32-/32;'],
      },
    },
  },
  {
    name: "toNodes: default-plus-host-routes adds the pools' BGP-learned /32s",
    design: {
      policy: { toNodes: 'default-plus-host-routes' },
      cluster: {
        ipPools: [
          { name: 'a', cidr: '10.244.0.0/16' },
          { name: 'b', cidr: '10.96.0.0/16' },
        ],
      },
    },
    expect: {
      ...bird({
        has: [
          'route 0.0.0.0/0 blackhole;',
          'if ((source = RTS_BGP) && (net ~ [ 10.244.0.0/16{32,32}, 10.96.0.0/16{32,32} ])) then accept;',
        ],
      }),
      frr: {
        has: [
          'ip prefix-list LR-POOL-HOST-ROUTES seq 10 permit 10.244.0.0/16 ge 32',
          'ip prefix-list LR-POOL-HOST-ROUTES seq 20 permit 10.96.0.0/16 ge 32',
          'match ip address prefix-list LR-POOL-HOST-ROUTES',
          'neighbor calico-rack-a default-originate',
        ],
      },
      eos: {
        has: [
          'ip prefix-list LR-POOL-HOST-ROUTES seq 10 permit 10.244.0.0/16 ge 32',
          'match ip address prefix-list LR-POOL-HOST-ROUTES',
          'neighbor calico-rack-a default-originate',
        ],
      },
      nxos: {
        has: [
          'ip prefix-list LR-POOL-HOST-ROUTES seq 20 permit 10.96.0.0/16 ge 32',
          'match ip address prefix-list LR-POOL-HOST-ROUTES',
          'default-originate',
        ],
      },
      junos: {
        has: [
          'route-filter 10.244.0.0/16 prefix-length-range /32-/32;',
          'route-filter 10.96.0.0/16 prefix-length-range /32-/32;',
          'protocol bgp;',
          'no-install;',
        ],
      },
    },
  },
  {
    name: 'route reflector: iBGP neighbours and iBGP nodes are clients, next hop unchanged',
    design: { routeReflector: true, torAs: 65000, nodeAs: [65000, 65000] },
    expect: {
      ...bird({ has: ['rr client;', 'rr cluster id 10.0.1.1;', 'next hop keep;'], hasNot: ['next hop self;'] }),
      frr: {
        has: [
          'bgp cluster-id 10.0.1.1',
          'neighbor 10.0.0.1 route-reflector-client',
          'neighbor calico-rack-a route-reflector-client',
          'neighbor calico-rack-a remote-as internal',
        ],
        hasNot: ['neighbor calico-rack-a next-hop-self'],
      },
      eos: {
        has: [
          'bgp cluster-id 10.0.1.1',
          'neighbor 10.0.0.1 route-reflector-client',
          'neighbor calico-rack-a route-reflector-client',
          'bgp listen range 10.0.1.0/24 peer-group calico-rack-a remote-as 65000',
        ],
        hasNot: ['neighbor calico-rack-a next-hop-self'],
      },
      nxos: {
        has: ['cluster-id 10.0.1.1', 'route-reflector-client', 'neighbor 10.0.1.0/24 remote-as 65000'],
        hasNot: ['next-hop-self'],
      },
      junos: {
        has: ['cluster 10.0.1.1;', 'type internal;', 'allow 10.0.1.0/24;', 'export LR-EXPORT-NODES;'],
        hasNot: ['export [ LR-NEXT-HOP-SELF LR-EXPORT-NODES ];'],
      },
    },
  },
  {
    name: 'router sessions: multihop, over a link, on the shared rack segment',
    design: { multihopSpine: true, torPair: true },
    expect: {
      ...bird({
        has: [
          'neighbor 10.0.0.2 as 65000;',
          'multihop;',
          'multihop 2;',
          'direct;',
          'protocol direct {',
          'learn;',
          'local 10.0.1.1 as 65001;',
        ],
      }),
      frr: {
        has: [
          'neighbor 10.0.0.2 ebgp-multihop 255',
          'neighbor 10.0.0.2 update-source 10.0.1.1',
          'neighbor 10.0.0.1 disable-connected-check',
          'neighbor 10.0.1.2 remote-as 65001',
        ],
        hasNot: ['neighbor 10.0.1.2 update-source 10.0.1.1'],
      },
      eos: {
        has: [
          'neighbor 10.0.0.2 ebgp-multihop 255',
          'neighbor 10.0.0.2 update-source Vlan100',
          'neighbor 10.0.0.1 ebgp-multihop 2',
          'interface Vlan100',
          'ip address 10.0.1.1/24',
        ],
        hasNot: ['neighbor 10.0.1.2 update-source Vlan100'],
      },
      nxos: {
        has: ['ebgp-multihop 255', 'disable-connected-check', 'update-source Vlan100', 'feature interface-vlan'],
      },
      junos: { has: ['multihop;', 'ttl 2;', 'local-address 10.0.1.1;', 'group peer-tor-b {', 'l3-interface irb.100;'] },
    },
  },
  {
    name: 'multihop node group (nodes peering with a spine)',
    design: { nodesToSpine: true },
    router: 'spine-1',
    expect: {
      ...bird({ has: ['multihop;', 'passive on;', 'local 10.0.0.1 as 65000;'] }),
      frr: {
        has: [
          'neighbor calico-rack-a ebgp-multihop 255',
          'neighbor calico-rack-a update-source 10.0.0.1',
          'neighbor calico-rack-a passive',
        ],
      },
      eos: {
        has: [
          'neighbor calico-rack-a ebgp-multihop 255',
          'neighbor calico-rack-a update-source Loopback0',
          'interface Loopback0',
          'ip address 10.0.0.1/32',
        ],
      },
      nxos: { has: ['ebgp-multihop 255', 'update-source loopback0', 'interface loopback0'] },
      junos: { has: ['multihop;', 'local-address 10.0.0.1;', 'passive;', 'address 10.0.0.1/32;'] },
    },
  },
  {
    name: 'eBGP node group of several AS numbers: dynamic where the platform accepts several AS numbers',
    design: { nodeAs: [65101, 65102, 65104] },
    expect: {
      bird1: {
        has: [
          'template bgp group_calico_rack_a {',
          'protocol bgp node_node_a1 from group_calico_rack_a {',
          'neighbor 10.0.1.11 as 65101;',
          'neighbor 10.0.1.13 as 65104;',
        ],
      },
      bird2: {
        has: [
          'protocol bgp group_calico_rack_a {',
          'neighbor range 10.0.1.0/24 external;',
          'dynamic name "dyn_calico_rack_a_";',
        ],
        hasNot: ['neighbor 10.0.1.11 as 65101;'],
      },
      frr: {
        has: ['neighbor calico-rack-a remote-as external', 'bgp listen range 10.0.1.0/24 peer-group calico-rack-a'],
      },
      eos: {
        has: [
          'peer-filter LR-AS-calico-rack-a',
          '10 match as-range 65101-65102 result accept',
          '20 match as-range 65104 result accept',
          'bgp listen range 10.0.1.0/24 peer-group calico-rack-a peer-filter LR-AS-calico-rack-a',
        ],
      },
      nxos: {
        has: [
          'route-map LR-AS-calico-rack-a permit 10',
          'match as-number 65101-65102, 65104',
          'neighbor 10.0.1.0/24 remote-as route-map LR-AS-calico-rack-a',
          'inherit peer calico-rack-a',
        ],
      },
      junos: { has: ['neighbor 10.0.1.11 {', 'peer-as 65101;', 'peer-as 65104;'], hasNot: ['allow 10.0.1.0/24;'] },
    },
  },
  {
    name: 'eBGP node group of one AS number: dynamic on Junos too',
    design: { nodeAs: [65101, 65101] },
    expect: {
      bird1: { has: ['neighbor 10.0.1.12 as 65101;'] },
      bird2: { has: ['neighbor range 10.0.1.0/24 external;'] },
      frr: { has: ['bgp listen range 10.0.1.0/24 peer-group calico-rack-a'] },
      eos: { has: ['10 match as-range 65101 result accept'] },
      nxos: { has: ['match as-number 65101'] },
      junos: { has: ['peer-as 65101;', 'allow 10.0.1.0/24;'], hasNot: ['neighbor 10.0.1.11 {'] },
    },
  },
  {
    name: 'mixed node group (iBGP and eBGP nodes): split into two groups of explicit neighbours',
    design: { torAs: 64512, nodeAs: [undefined, 65102] },
    expect: {
      ...bird({
        has: [
          'template bgp group_calico_rack_a_ebgp {',
          'template bgp group_calico_rack_a_ibgp {',
          'protocol bgp node_node_a1 from group_calico_rack_a_ibgp {',
          'neighbor 10.0.1.11 as 64512;',
          'neighbor 10.0.1.12 as 65102;',
        ],
        hasNot: ['neighbor range 10.0.1.0/24 external;'],
      }),
      frr: {
        has: [
          'neighbor calico-rack-a-ebgp peer-group',
          'neighbor calico-rack-a-ibgp peer-group',
          'neighbor 10.0.1.11 remote-as 64512',
          'neighbor 10.0.1.11 peer-group calico-rack-a-ibgp',
          'neighbor 10.0.1.12 peer-group calico-rack-a-ebgp',
        ],
        hasNot: ['bgp listen range 10.0.1.0/24 peer-group calico-rack-a'],
      },
      eos: {
        has: [
          'neighbor calico-rack-a-ibgp peer group',
          'neighbor 10.0.1.11 peer group calico-rack-a-ibgp',
          'neighbor 10.0.1.12 remote-as 65102',
        ],
        hasNot: ['bgp listen range 10.0.1.0/24 peer-group calico-rack-a peer-filter LR-AS-calico-rack-a'],
      },
      nxos: {
        has: [
          'template peer calico-rack-a-ebgp',
          'template peer calico-rack-a-ibgp',
          'neighbor 10.0.1.12 remote-as 65102',
          'inherit peer calico-rack-a-ebgp',
        ],
      },
      junos: {
        has: ['group calico-rack-a-ebgp {', 'group calico-rack-a-ibgp {', 'neighbor 10.0.1.12 {', 'peer-as 65102;'],
        hasNot: ['allow 10.0.1.0/24;'],
      },
    },
  },
  {
    name: 'addPaths: accept ADD-PATH from the nodes',
    design: { policy: { addPaths: true } },
    expect: {
      ...bird({ has: ['add paths rx;'] }),
      frr: { has: ['neighbor calico-rack-a activate'], hasNot: ['neighbor calico-rack-a disable-addpath-rx'] },
      eos: { has: ['neighbor calico-rack-a additional-paths receive'] },
      nxos: { has: ['capability additional-paths receive'] },
      junos: { has: ['add-path {', 'receive;'] },
    },
  },
  {
    name: 'addPaths: false (default)',
    design: {},
    expect: {
      ...bird({ has: ['passive on;'], hasNot: ['add paths rx;'] }),
      frr: { has: ['neighbor calico-rack-a disable-addpath-rx'] },
      eos: { has: ['no neighbor calico-rack-a additional-paths receive'] },
      nxos: { has: ['transport connection-mode passive'], hasNot: ['capability additional-paths receive'] },
      junos: { has: ['passive;'], hasNot: ['add-path {'] },
    },
  },
  {
    name: 'eBGP: next hop self; node sessions passive',
    design: {},
    expect: {
      ...bird({ has: ['next hop self;', 'passive on;'], hasNot: ['next hop keep;'] }),
      frr: {
        has: [
          'neighbor 10.0.0.1 next-hop-self',
          'neighbor calico-rack-a next-hop-self',
          'neighbor calico-rack-a passive',
        ],
      },
      eos: {
        has: [
          'neighbor 10.0.0.1 next-hop-self',
          'neighbor calico-rack-a next-hop-self',
          'neighbor calico-rack-a passive',
        ],
      },
      nxos: { has: ['next-hop-self', 'transport connection-mode passive'] },
      junos: {
        has: [
          'export [ LR-NEXT-HOP-SELF LR-EXPORT-ROUTERS ];',
          'export [ LR-NEXT-HOP-SELF LR-EXPORT-NODES ];',
          'then next-hop self;',
          'passive;',
        ],
      },
    },
  },
];

describe.each(FEATURES)('$name', (feature) => {
  it.each(PLATFORMS)('%s', (platform) => {
    const doc = fabric({ ...feature.design, platform });
    const { text } = routerConfig(doc, feature.router ?? 'tor-a');
    const lines = new Set(linesOf(text));
    const e = feature.expect[platform];
    expect(
      e.has.filter((l) => !lines.has(l)),
      `missing from:\n${text}`,
    ).toEqual([]);
    expect(
      (e.hasNot ?? []).filter((l) => lines.has(l)),
      `unexpected in:\n${text}`,
    ).toEqual([]);
    expect(structuralProblems(text, platform)).toEqual([]);
  });
});
