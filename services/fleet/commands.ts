import type { CommandAttachment, Diagnostics, FleetCommand } from '../../console/wire/protocol';

export interface CommandOutcome {
  readonly outcome: 'done' | 'failed';
  readonly detail: string;
  readonly attachment?: CommandAttachment;
}

/** What the kiosk can do for a remote command, handed in by the composition root. */
export interface CommandAbilities {
  /** Polls the update channel now; resolves with what is installed afterwards. */
  readonly checkContent?: () => Promise<string>;
  /** Asks the renderer to restart; resolves true once a fresh renderer has started (false: none did in time). */
  readonly restartRenderer: (withinMs: number) => Promise<boolean>;
  readonly diagnostics: () => Diagnostics;
  /** A picture of the screen as the person sees it (a host that can take one: the Electron shell's capturePage). */
  readonly captureScreen?: () => Promise<Buffer>;
  /** Resolves true as soon as no person's session is open, false if one is still open at `deadline`. */
  readonly noSessionBy: (deadline: number) => Promise<boolean>;
}

/**
 * Runs one command. Whatever would touch the screen (restart, screenshot) waits until no person is at
 * the kiosk: a restart would end their visit, and outside a visit the screen shows nothing personal,
 * which is how a screenshot keeps personal data out. Past the command's expiry it gives up.
 */
export async function runCommand(cmd: FleetCommand, can: CommandAbilities, now: () => number = Date.now): Promise<CommandOutcome> {
  const deadline = Date.parse(cmd.expiresAt);
  const failed = (detail: string): CommandOutcome => ({ outcome: 'failed', detail });
  switch (cmd.kind) {
    case 'check-content': {
      if (!can.checkContent) return failed('this kiosk has no update channel to check');
      return { outcome: 'done', detail: await can.checkContent() };
    }
    case 'upload-diagnostics':
      return { outcome: 'done', detail: 'diagnostics attached', attachment: { type: 'diagnostics', data: can.diagnostics() } };
    case 'restart-renderer': {
      if (!(await can.noSessionBy(deadline))) return failed('a person was using the kiosk until the command expired');
      return (await can.restartRenderer(Math.max(1_000, Math.min(30_000, deadline - now()))))
        ? { outcome: 'done', detail: 'the renderer restarted' }
        : failed('no renderer restarted (is a screen connected?)');
    }
    case 'screenshot': {
      if (!can.captureScreen) return failed('this host cannot capture its screen yet (the Electron shell will)');
      if (!(await can.noSessionBy(deadline))) return failed('a person was using the kiosk until the command expired');
      const png = await can.captureScreen();
      return { outcome: 'done', detail: `screenshot of ${png.length} bytes, taken with no session open`, attachment: { type: 'screenshot', pngBase64: png.toString('base64') } };
    }
  }
}
