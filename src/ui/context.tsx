/** The stores of one app instance, provided to every component (tests create their own). */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DesignState, DesignStore } from '../store/design';
import type { UiState, UiStore } from '../store/ui';
import type { SimulationState, SimulationStore } from '../store/simulation';
import type { FilesClient } from '../worker/client';

export interface Stores {
  readonly design: DesignStore;
  readonly ui: UiStore;
  readonly simulation: SimulationStore;
  /** The engine worker's config work: generated files, downloads, Calico import (the main thread loads no generator). */
  readonly worker: FilesClient;
}

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside StoresProvider');
  return stores;
}

export function useDesign<T>(selector: (s: DesignState) => T): T {
  return useStore(useStores().design, selector);
}

export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(useStores().ui, selector);
}

export function useSimulation<T>(selector: (s: SimulationState) => T): T {
  return useStore(useStores().simulation, selector);
}

export function useHistory(): { canUndo: boolean; canRedo: boolean } {
  const temporal = useStores().design.temporal;
  const canUndo = useStore(temporal, (s) => s.pastStates.length > 0);
  const canRedo = useStore(temporal, (s) => s.futureStates.length > 0);
  return { canUndo, canRedo };
}
