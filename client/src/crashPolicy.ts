// What the client does when the language server process dies unexpectedly: start
// it again and tell the user once per session, so a crash is neither silent nor a
// stream of pop-ups. A server that keeps dying (more than MAX_RESTARTS times within
// WINDOW_MS) is left stopped with one error naming the way back (the restart
// command). No vscode import here, so the policy is unit-tested in plain Node.
// Nothing here touches documents: the server only ever changes a file through a
// quick fix the user picked.

export const MAX_RESTARTS = 4;
export const WINDOW_MS = 3 * 60 * 1000;

export const RESTARTED_MESSAGE =
  'Breakwater: the language server stopped unexpectedly and was restarted. Your files were not changed; details are in the Output panel (Breakwater).';
export const GAVE_UP_MESSAGE = `Breakwater: the language server stopped ${MAX_RESTARTS + 1} times in 3 minutes, so it is not restarted again. Details are in the Output panel (Breakwater); run "Breakwater: Restart Language Server" to try again.`;

export type CrashDecision =
  /** Restart; `notify` is the message to show, set only the first time. */
  { action: 'restart'; notify?: string } | { action: 'stop'; notify: string };

export class CrashPolicy {
  private restarts: number[] = [];
  private told = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** The server's connection closed while the client did not ask it to stop. */
  closed(): CrashDecision {
    const t = this.now();
    this.restarts = [...this.restarts.filter((r) => t - r <= WINDOW_MS), t];
    if (this.restarts.length > MAX_RESTARTS) return { action: 'stop', notify: GAVE_UP_MESSAGE };
    if (this.told) return { action: 'restart' };
    this.told = true;
    return { action: 'restart', notify: RESTARTED_MESSAGE };
  }

  /** The user restarted the server by hand: past crashes no longer count towards giving up. */
  reset(): void {
    this.restarts = [];
  }
}
