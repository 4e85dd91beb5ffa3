/**
 * Structural checks of generated configs for the platforms without a checker here (EOS, NX-OS,
 * Junos; also run on FRR): every referenced route-map, prefix list, community list, peer group,
 * peer filter, template and policy is defined; Junos braces balance and every line is a
 * statement, a block or a comment. Each returns the list of problems (empty when fine).
 */
import type { Platform } from '../model';

function all(text: string, re: RegExp): string[] {
  return [...text.matchAll(re)].map((m) => m[1] as string);
}

function missing(kind: string, referenced: readonly string[], defined: readonly string[]): string[] {
  const have = new Set(defined);
  return [...new Set(referenced)].filter((r) => !have.has(r)).map((r) => `${kind} ${r} is referenced but not defined`);
}

type Cisco = 'frr' | 'eos' | 'nxos';

const COMMUNITY_LISTS: Record<Cisco, { standard: RegExp; large: RegExp }> = {
  frr: { standard: /^bgp community-list standard (\S+) /gm, large: /^bgp large-community-list standard (\S+) /gm },
  eos: { standard: /^ip community-list (\S+) /gm, large: /^ip large-community-list (\S+) /gm },
  nxos: { standard: /^ip community-list standard (\S+) /gm, large: /^ip large-community-list standard (\S+) /gm },
};

/** FRR, EOS and NX-OS: references between objects. */
export function ciscoProblems(text: string, platform: Cisco): string[] {
  const problems = [
    ...missing(
      'route-map',
      [...all(text, / route-map (\S+) (?:in|out)$/gm), ...all(text, /remote-as route-map (\S+)$/gm)],
      all(text, /^route-map (\S+) (?:permit|deny) \d+$/gm),
    ),
    ...missing(
      'prefix-list',
      all(text, /match ip address prefix-list (\S+)$/gm),
      all(text, /^ip prefix-list (\S+) seq \d+ /gm),
    ),
    ...missing('community-list', all(text, /match community (\S+)$/gm), all(text, COMMUNITY_LISTS[platform].standard)),
    ...missing(
      'large-community-list',
      all(text, /match large-community (\S+)$/gm),
      all(text, COMMUNITY_LISTS[platform].large),
    ),
  ];
  if (platform === 'frr') {
    const groups = all(text, /^ neighbor (\S+) peer-group$/gm);
    problems.push(...missing('peer-group', all(text, /\S peer-group (\S+)$/gm), groups));
    const declared = [...groups, ...all(text, /^ neighbor (\S+) remote-as \S+$/gm)];
    problems.push(...missing('neighbor', all(text, /^ {1,2}neighbor (\S+) /gm), declared));
  }
  if (platform === 'eos') {
    const groups = all(text, /^ {3}neighbor (\S+) peer group$/gm);
    problems.push(
      ...missing(
        'peer group',
        [...all(text, /\S peer group (\S+)$/gm), ...all(text, /^ {3}bgp listen range \S+ peer-group (\S+) /gm)],
        groups,
      ),
    );
    problems.push(...missing('peer-filter', all(text, / peer-filter (\S+)$/gm), all(text, /^peer-filter (\S+)$/gm)));
    problems.push(
      ...missing('neighbor', all(text, /^ {3}(?:no )?neighbor (\S+) /gm), [
        ...groups,
        ...all(text, /^ {3}neighbor (\S+) (?:remote-as|peer group) \S+$/gm),
      ]),
    );
  }
  if (platform === 'nxos') {
    problems.push(
      ...missing('template peer', all(text, /^ {4}inherit peer (\S+)$/gm), all(text, /^ {2}template peer (\S+)$/gm)),
    );
  }
  return problems;
}

function stripJunosComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/"[^"\n]*"/g, '""');
}

/** Junos: braces balance, each line is a statement, block or comment, and references resolve. */
export function junosProblems(text: string): string[] {
  const problems: string[] = [];
  const body = stripJunosComments(text);
  let depth = 0;
  body.split('\n').forEach((line, i) => {
    const t = line.trim();
    if (t === '') return;
    if (!/(;|\{|\})$/.test(t)) problems.push(`line ${i + 1} is not a statement, block or comment: ${t}`);
    for (const ch of t) {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      if (depth < 0) problems.push(`line ${i + 1} closes a block that is not open`);
    }
  });
  if (depth !== 0) problems.push(`${depth} block(s) left open`);
  const policies = all(body, /^\s*policy-statement (\S+) \{$/gm);
  const exported = [
    ...all(body, /^\s*(?:import|export) ([^[\s;]+);$/gm),
    ...all(body, /^\s*export \[ ([^\]]+) \];$/gm).flatMap((l) => l.split(' ')),
  ];
  problems.push(...missing('policy-statement', exported, policies));
  const communities = all(body, /^\s*community (\S+) members /gm);
  problems.push(
    ...missing(
      'community',
      [...all(body, /from community (\S+);$/gm), ...all(body, /^\s*community delete (\S+);$/gm)],
      communities,
    ),
  );
  problems.push(...missing('irb unit', all(body, /l3-interface irb\.(\d+);$/gm), all(body, /^\s*unit (\d+) \{$/gm)));
  return problems;
}

/** The structural problems of a config of any non-BIRD platform (BIRD has `bird -p`). */
export function structuralProblems(text: string, platform: Platform): string[] {
  switch (platform) {
    case 'frr':
    case 'eos':
    case 'nxos':
      return ciscoProblems(text, platform);
    case 'junos':
      return junosProblems(text);
    case 'bird1':
    case 'bird2':
      return [];
  }
}
