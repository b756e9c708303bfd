import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layer rule holds mechanically: forbidden imports planted in temporary files of each layer are
 * refused by lint (every way of importing) or by the layer's own type-check, and allowed ones pass.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const planted: string[] = [];
let n = 0;
const plant = (dir: string, code: string, ext = 'ts'): string => {
  const file = path.join(root, dir, `__planted_${process.pid}_${n++}.${ext}`);
  fs.writeFileSync(file, code);
  planted.push(file);
  return file;
};
afterAll(() => {
  for (const f of planted) fs.rmSync(f, { force: true });
});

const eslint = new ESLint({ cwd: root });
const layerErrors = async (dir: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintFiles([plant(dir, code)]);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
};

describe('the layer rule in lint', () => {
  it.each([
    ['services', "export const e = import('electron');", /electron package "electron"/],
    ['services', "import { createRequire } from 'node:module';\nexport const e = createRequire(import.meta.url)('electron');", /electron/],
    ['services', "import { createRequire } from 'node:module';\nconst load = createRequire(import.meta.url);\nexport const e = load('electron');", /electron/],
    ['services', "export * from '../renderer/src/bridge';", /services may not import renderer/],
    ['services', "export { startSimulatedDevice } from '../hardware/testing';", /services may not import hardware-testing/],
    ['services', "const name = 'electron';\nexport const e = import(name);", /computed module specifier/],
    ['renderer/src', "export const s = import('../../services/kiosk-services');", /renderer may not import services/],
    ['renderer/src', "import fs from 'node:fs';\nexport const f = fs;", /renderer may not use node package/],
    ['renderer/src', "export type D = import('better-sqlite3').Database;", /renderer may not use node package "better-sqlite3"/],
    ['renderer/src', "export { channelOf } from '../../electron/preload/index';", /renderer may not import electron-preload/],
    ['kernel', "import { z } from 'zod';\nexport const s = z.string();", /kernel may not use std package "zod"|kernel is the ground floor/],
    ['kernel', "export * from '../contract';", /kernel may not import contract/],
    ['contract', "export * from '../services/config';", /contract may not import services/],
    ['hardware', "export * from '../contract';", /hardware may not import contract/],
    ['platform-sim', "export { precheck } from '../services/approval/evaluate';", /platform-sim may not import services/],
    ['operator', "export { createContentArea } from '../services/content/area';", /operator may not import services/],
    ['services', "import leftPad from 'left-pad';\nexport const l = leftPad;", /not classified/],
  ])('in %s: %s', async (dir, code, expected) => {
    const errors = await layerErrors(dir, code);
    expect(errors.join('\n')).toMatch(expected);
  });

  it.each([
    ['services', "export * from '../contract';\nexport * from '../hardware';\nexport { chinaToday } from '../kernel/china-date';"],
    ['renderer/src', "export * from '../../contract';\nexport { maskName } from '../../kernel/mask';\nexport { createApp } from 'vue';"],
    ['platform-sim', "export * from '../platform-wire/protocol';"],
    ['electron/main', "import { app } from 'electron';\nexport * from '../../services/kiosk-services';\nexport const a = app;"],
  ])('allowed in %s', async (dir, code) => {
    expect(await layerErrors(dir, code)).toEqual([]);
  });
});

describe('the layer rule in the compiler', () => {
  const tsc = async (project: string, code: string): Promise<string> => {
    const file = plant(project, code);
    const config = plant(project, JSON.stringify({ extends: './tsconfig.json', include: [path.basename(file)], compilerOptions: { noEmit: true } }), 'json');
    try {
      await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: root });
      return '';
    } catch (err) {
      return (err as { stdout?: string }).stdout ?? String(err);
    }
  };

  it("keeps Node's types out of the renderer, even through packages that carry them", async () => {
    const out = await tsc('renderer', "import QRCode from 'qrcode';\nexport const q = QRCode.toDataURL;\nexport const b = Buffer.from('x');\nexport const p = process.env;");
    expect(out).toMatch(/Cannot find name 'Buffer'/);
    expect(out).toMatch(/Cannot find name 'process'/);
  }, 60_000);

  it('keeps the DOM and Node out of the kernel', async () => {
    const out = await tsc('kernel', "export const d = document.title;\nexport const b = Buffer.alloc(1);");
    expect(out).toMatch(/Cannot find name 'document'/);
    expect(out).toMatch(/Cannot find name 'Buffer'/);
  }, 60_000);
});
