/**
 * Router configs per platform (DESIGN §2.7): each router of a design is compiled to its
 * vendor-neutral model (src/model/policy) and printed for its platform. BIRD platforms go through
 * src/bird/router, whose filter text the engine executes.
 */
import { renderBirdRouter } from '../bird/router/render';
import { compileRouter, compileRouters } from '../model/policy/compile';
import type { RouterConfigModel } from '../model/policy/types';
import { compareStrings } from '../lib/names';
import type { Platform, Topology } from '../model/schema';
import { renderEos } from './eos';
import { renderFrr } from './frr';
import { renderJunos } from './junos';
import { renderNxos } from './nxos';

export interface RouterConfigFile {
  /** Path inside an export bundle, e.g. `routers/tor-a.bird.conf`. */
  readonly fileName: string;
  readonly text: string;
  readonly platform: Platform;
}

const EXTENSIONS: Readonly<Record<Platform, string>> = {
  bird1: 'bird.conf',
  bird2: 'bird2.conf',
  frr: 'frr.conf',
  eos: 'eos.cfg',
  nxos: 'nxos.cfg',
  junos: 'junos.conf',
};

export function routerFileName(name: string, platform: Platform): string {
  return `routers/${name}.${EXTENSIONS[platform]}`;
}

/** The config text of a compiled router for its platform. */
export function renderRouterConfig(model: RouterConfigModel): string {
  switch (model.platform) {
    case 'bird1':
      return renderBirdRouter(model, 1).text;
    case 'bird2':
      return renderBirdRouter(model, 2).text;
    case 'frr':
      return renderFrr(model);
    case 'eos':
      return renderEos(model);
    case 'nxos':
      return renderNxos(model);
    case 'junos':
      return renderJunos(model);
  }
}

function fileOf(model: RouterConfigModel): RouterConfigFile {
  return {
    fileName: routerFileName(model.name, model.platform),
    text: renderRouterConfig(model),
    platform: model.platform,
  };
}

/** The config of one router of the design, for the router's platform. */
export function routerConfig(doc: Topology, routerName: string): RouterConfigFile {
  return fileOf(compileRouter(doc, routerName));
}

/** The configs of every router of the design, sorted by router name. */
export function routerConfigs(doc: Topology): RouterConfigFile[] {
  return compileRouters(doc)
    .map(fileOf)
    .sort((a, b) => compareStrings(a.fileName, b.fileName));
}

export { renderFrr } from './frr';
export { renderEos } from './eos';
export { renderNxos } from './nxos';
export { renderJunos } from './junos';
