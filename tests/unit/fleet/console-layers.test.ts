import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The console's layers hold like the kiosk's: its server never reaches into the kiosk's services, its
 * web app never into Node, its protocol with the kiosk (console/wire) stays std + zod, and the kiosk
 * sees of the console only that protocol. Forbidden imports planted in temporary files are refused.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const planted: string[] = [];
let n = 0;
const eslint = new ESLint({ cwd: root });
const layerErrors = async (dir: string, code: string): Promise<string[]> => {
  const file = path.join(root, dir, `__planted_${process.pid}_${n++}.ts`);
  fs.writeFileSync(file, code);
  planted.push(file);
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
};
afterAll(() => {
  for (const f of planted) fs.rmSync(f, { force: true });
});

describe('the console\'s layers', () => {
  it.each([
    ['console/server', "export { createKioskServices } from '../../services/kiosk-services';", /console-server may not import services/],
    ['console/server', "export * from '../ui/src/api';", /console-server may not import console-ui/],
    ['console/ui/src', "import fs from 'node:fs';\nexport const f = fs;", /console-ui may not use node package/],
    ['console/ui/src', "export * from '../../server/app';", /console-ui may not import console-server/],
    ['console/shared', "export * from '../server/clock';", /console-shared may not import console-server/],
    ['console/wire', "import fs from 'node:fs';\nexport const f = fs;", /console-wire may not use node package/],
    ['services/fleet', "export * from '../../console/server/fleet/heartbeats';", /services may not import console-server/],
    ['services/fleet', "export * from '../../console/shared/api';", /services may not import console-shared/],
  ])('refuses in %s: %s', async (dir, code, expected) => {
    expect((await layerErrors(dir, code)).join('\n')).toMatch(expected);
  });

  it.each([
    ['console/server', "export * from '../../platform-wire/signing';\nexport * from '../wire/protocol';\nexport * from '../shared/api';"],
    ['console/ui/src', "export * from '../../shared/roles';\nexport { createApp } from 'vue';"],
    ['services/fleet', "export * from '../../console/wire/protocol';"],
  ])('allows in %s', async (dir, code) => {
    expect(await layerErrors(dir, code)).toEqual([]);
  });
});
