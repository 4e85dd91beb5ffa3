/** What a command runs with (src/ui/commands.ts); a module a command loads names it from here. */
import type { ReactFlowInstance } from '@xyflow/react';
import type { Stores } from './context';

export interface CommandContext {
  readonly stores: Stores;
  readonly flow: ReactFlowInstance;
  readonly openFilePicker: () => void;
}
