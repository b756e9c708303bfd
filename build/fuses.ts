import path from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, type FuseV1Config } from '@electron/fuses';

/**
 * Electron fuses flipped into the packaged binary (before signing), so the shipped kiosk cannot be
 * turned back into a general-purpose Node runtime or debugged from outside:
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot run arbitrary scripts with the app's privileges;
 * - NODE_OPTIONS and --inspect* off: no code injection or debugger through the command line;
 * - cookie encryption on; the app loads only from app.asar, and the asar's integrity is checked against
 *   the hash embedded at packaging time — enforced by Electron on Windows and macOS only, not on Linux.
 * Not `strictlyRequireAllFuses`: @electron/fuses 1.x (the last line that runs on Node 20) does not
 * name the fuses newer Electron wires carry (e.g. WasmTrapHandlers), which then keep their defaults.
 */
export const kioskFuses: FuseV1Config = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The part of electron-builder's AfterPackContext this hook reads (electron-builder is not a dependency). */
export interface AfterPackContext {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  readonly packager: { readonly executableName?: string; readonly appInfo: { readonly productFilename: string } };
}

/** Where the Electron binary sits in a packed app, per platform. */
export function electronBinaryPath(context: AfterPackContext): string {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${name}.app`);
    case 'win32':
      return path.join(appOutDir, `${name}.exe`);
    default:
      return path.join(appOutDir, packager.executableName ?? name);
  }
}

/** electron-builder `afterPack` hook (see build/electron-builder.config.ts). */
export async function afterPack(
  context: AfterPackContext,
  flip: typeof flipFuses = flipFuses,
): Promise<void> {
  const binary = electronBinaryPath(context);
  await flip(binary, { ...kioskFuses, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' });
}

export default afterPack;
