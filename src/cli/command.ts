/** What a CLI command is: the registry (commands.ts) lists them, each command's module defines one. */
export interface CliCommand {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly run: (
    argv: readonly string[],
    out: (s: string) => void,
    err: (s: string) => void,
  ) => Promise<number> | number;
}
