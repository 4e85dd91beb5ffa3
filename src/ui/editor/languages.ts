/**
 * Syntax highlighting for the router config formats, as Monarch tokenizers: BIRD (1.x and 2),
 * and the line-oriented CLI configs (FRR, EOS, NX-OS) which share one; Junos braces.
 */
import type * as Monaco from 'monaco-editor/editor';

const bird: Monaco.languages.IMonarchLanguage = {
  keywords: [
    'protocol', 'template', 'filter', 'function', 'from', 'if', 'then', 'else', 'accept', 'reject', 'return', 'import', 'export',
    'neighbor', 'as', 'local', 'router', 'id', 'include', 'define', 'bool', 'int', 'prefix', 'ip', 'defined', 'print', 'case',
    'all', 'none', 'where', 'table', 'ipv4', 'ipv6', 'channel', 'passive', 'multihop', 'next', 'hop', 'self', 'keep', 'add', 'paths',
    'rr', 'client', 'cluster', 'source', 'address', 'route', 'blackhole', 'unreachable', 'via', 'merge', 'learn', 'persist', 'scan', 'time',
    'graceful', 'restart', 'debug', 'on', 'off', 'rx', 'tx', 'range', 'external', 'internal', 'description', 'ttl', 'security', 'gateway',
    'recursive', 'direct', 'interface', 'listen', 'bgp', 'kernel', 'static', 'device', 'preference',
  ],
  attributes: ['net', 'bgp_community', 'bgp_large_community', 'bgp_local_pref', 'bgp_path', 'bgp_next_hop', 'bgp_med', 'bgp_origin', 'krt_metric', 'ifname', 'RTS_BGP', 'RTS_STATIC', 'RTS_DEVICE', 'RTS_INHERIT'],
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [/\/\*/, 'comment', '@comment'],
      [/'[^']*'/, 'type.identifier'],
      [/"[^"]*"/, 'string'],
      [/\d+\.\d+\.\d+\.\d+(\/\d+)?(\{\d+,\d+\})?/, 'number'],
      [/\d+/, 'number'],
      [/[a-zA-Z_][\w]*/, { cases: { '@keywords': 'keyword', '@attributes': 'variable.predefined', '@default': 'identifier' } }],
      [/[{}()[\]]/, '@brackets'],
      [/[~=!<>&|+\-*]+/, 'operator'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
  },
};

const cli: Monaco.languages.IMonarchLanguage = {
  keywords: [
    'router', 'bgp', 'neighbor', 'remote-as', 'peer-group', 'listen', 'range', 'address-family', 'exit-address-family', 'route-map', 'permit', 'deny',
    'match', 'set', 'community', 'local-preference', 'ip', 'prefix-list', 'seq', 'le', 'ge', 'maximum-paths', 'bestpath', 'as-path', 'multipath-relax',
    'send-community', 'next-hop-self', 'route-reflector-client', 'cluster-id', 'ebgp-multihop', 'update-source', 'default-originate', 'activate',
    'no', 'network', 'redistribute', 'hostname', 'interface', 'description', 'peer-filter', 'vrf', 'router-id', 'exit', 'end', 'additional-paths',
    'receive', 'address-family', 'ipv4', 'unicast', 'external', 'internal', 'community-list', 'standard', 'expanded', 'route-policy', 'inherit', 'template', 'peer',
  ],
  tokenizer: {
    root: [
      [/^\s*!.*$/, 'comment'],
      [/#.*$/, 'comment'],
      [/\d+\.\d+\.\d+\.\d+(\/\d+)?/, 'number'],
      [/\d+:\d+(:\d+)?/, 'number'],
      [/\d+/, 'number'],
      [/[a-zA-Z][\w-]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
    ],
  },
};

const junos: Monaco.languages.IMonarchLanguage = {
  keywords: ['protocols', 'bgp', 'group', 'neighbor', 'type', 'external', 'internal', 'peer-as', 'local-as', 'allow', 'multipath', 'multiple-as', 'import', 'export',
    'policy-options', 'policy-statement', 'term', 'from', 'then', 'accept', 'reject', 'community', 'members', 'local-preference', 'route-filter', 'exact', 'upto',
    'prefix-length-range', 'routing-options', 'router-id', 'autonomous-system', 'cluster', 'family', 'inet', 'unicast', 'add-path', 'receive', 'multihop', 'passive',
    'delete', 'protocol', 'static', 'route', 'discard', 'next-hop', 'self', 'local-address', 'generate', 'no-install'],
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [/\/\*/, 'comment', '@comment'],
      [/"[^"]*"/, 'string'],
      [/\d+\.\d+\.\d+\.\d+(\/\d+)?/, 'number'],
      [/\d+:\d+(:\d+)?/, 'number'],
      [/\d+/, 'number'],
      [/[a-zA-Z][\w-]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
      [/[{};[\]]/, '@brackets'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
  },
};

/** calico/settings.sh: comments, single-quoted words, the commands it runs. */
const shell: Monaco.languages.IMonarchLanguage = {
  keywords: ['if', 'then', 'else', 'fi', 'set', 'cd', 'echo', 'calicoctl', 'kubectl', 'get', 'patch', 'create', 'label'],
  tokenizer: {
    root: [
      [/^\s*#.*$/, 'comment'],
      [/'[^']*'/, 'string'],
      [/"[^"]*"/, 'string'],
      [/--?[a-zA-Z][\w-]*/, 'attribute.name'],
      [/[a-zA-Z][\w-]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
    ],
  },
};

export const LANGUAGES = { bird, cli, junos, shell } as const;
export type RouterLanguage = keyof typeof LANGUAGES;

export function registerLanguages(monaco: typeof Monaco): void {
  for (const [id, def] of Object.entries(LANGUAGES)) {
    if (monaco.languages.getLanguages().some((l) => l.id === id)) continue;
    monaco.languages.register({ id });
    monaco.languages.setMonarchTokensProvider(id, def);
  }
}
