/**
 * The Chromium liveroute's scripts and browser tests use: Debian's /usr/bin/chromium when present
 * (or LIVEROUTE_CHROMIUM), else Playwright's own browser. Flags keep it off the network.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

export function chromiumExecutable(): string | undefined {
  const override = process.env.LIVEROUTE_CHROMIUM;
  if (override) return override;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}
