/**
 * The design a first visit opens, on its own so the app's first load carries only this file:
 * the rest of the library (`./index.ts`) loads when a menu or the gallery needs it.
 */
import text from './two-racks-ebgp.liveroute.yaml?raw';
import { loadScenario, type Scenario } from './scenario';

export const DEFAULT_SCENARIO: Scenario = loadScenario('two-racks-ebgp.liveroute.yaml', text);
