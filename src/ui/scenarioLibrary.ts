/**
 * The scenario library loads after start-up (it is ten designs with their lessons): the first
 * load carries only the default design. Menus render it once it has arrived.
 */
import { useEffect, useState } from 'react';
import type { Scenario } from '../scenarios/scenario';

let library: readonly Scenario[] | undefined;
let loading: Promise<readonly Scenario[]> | undefined;

export function loadScenarioLibrary(): Promise<readonly Scenario[]> {
  loading ??= import('../scenarios').then((m) => (library = m.SCENARIOS));
  return loading;
}

/** The built-in scenarios, or undefined while they load. */
export function useScenarioLibrary(): readonly Scenario[] | undefined {
  const [scenarios, setScenarios] = useState(library);
  useEffect(() => {
    if (scenarios) return;
    let live = true;
    void loadScenarioLibrary().then((s) => live && setScenarios(s));
    return () => {
      live = false;
    };
  }, [scenarios]);
  return scenarios;
}
