import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema } from '../../../console/server/db/postgres';
import { postgresUrl } from '../../support/fleet-databases';

const root = path.resolve(import.meta.dirname, '../../..');

/**
 * `npm run console` against a PostgreSQL server (FLEET_DATABASE_URL): the program prints where it is
 * ready and /healthz names the database. (The end-to-end console test runs the same program on PGlite.)
 */
describe.skipIf(!postgresUrl)('the console program on a PostgreSQL server', () => {
  const schema = `fleet_program_${randomBytes(4).toString('hex')}`;
  afterAll(() => dropSchema(postgresUrl!, schema));

  it('prints "Console ready at" and names postgres on /healthz', async () => {
    const { Client } = await import('pg');
    const setup = new Client({ connectionString: postgresUrl! });
    await setup.connect();
    await setup.query(`CREATE SCHEMA ${schema}`);
    await setup.end();
    const url = `${postgresUrl}${postgresUrl!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'console/server/cli.ts')], {
      cwd: root,
      env: { ...process.env, FLEET_DATABASE_URL: url, CONSOLE_PORT: '0', CONSOLE_ADMIN_PASSWORD: 'program test password' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const ready = await new Promise<string>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ready line:\n${out}`)), 60_000);
        child.stdout.on('data', () => {
          const m = /Console ready at (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
          if (m) {
            clearTimeout(t);
            resolve(m[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
      });
      expect(await (await fetch(`${ready}/healthz`)).json()).toMatchObject({ ok: true, app: 'fleet-console', database: 'postgres' });
      expect(out).toContain('Database: PostgreSQL server (FLEET_DATABASE_URL)');
      expect(out).not.toContain('program test password');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
