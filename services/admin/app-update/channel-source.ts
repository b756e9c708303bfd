import fs from 'node:fs';
import path from 'node:path';
import { compareAppVersions, type SignedTarget } from '../../../content-bundle/channel/targets';
import { UpdateChannel, type ChannelSource, type TrustedMetadata } from '../../../content-bundle/channel/update-channel';
import type { AppSource, AppTarget } from './machine';

type AppSigned = Extract<SignedTarget, { kind: 'app' }>;

/**
 * App builds from the same signed update channel as content: every `latest()` runs the TUF client
 * workflow from what this kiosk trusts for apps (its own copy, started from the pinned root, so the
 * content side and the app side each keep their rollback protection), and `download` fetches a target
 * bounded by its signed length and checked against its signed hash.
 */
export function channelAppSource(o: { source: ChannelSource; rootFile: string; workDir: string; channel: string }): AppSource {
  const channel = new UpdateChannel(o.source, path.join(o.workDir, 'channel'));
  const trustedFile = path.join(o.workDir, 'trusted.json');
  const trusted = (): TrustedMetadata => {
    try {
      return JSON.parse(fs.readFileSync(trustedFile, 'utf8')) as TrustedMetadata;
    } catch {
      return { 'root.json': fs.readFileSync(o.rootFile, 'utf8') };
    }
  };
  let offered: AppSigned[] = [];
  return {
    latest: async () => {
      const refreshed = await channel.refresh(trusted());
      fs.mkdirSync(o.workDir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(`${trustedFile}.tmp`, JSON.stringify(refreshed.trusted));
      fs.renameSync(`${trustedFile}.tmp`, trustedFile);
      offered = refreshed.targets.filter((t): t is AppSigned => t.kind === 'app' && t.channel === o.channel);
      const newest = [...offered].sort((a, b) => compareAppVersions(b.version, a.version))[0];
      return newest ? { name: newest.name, version: newest.version, length: newest.length, sha256: newest.sha256 } : null;
    },
    download: async (target: AppTarget, dest: string) => {
      const signed = offered.find((t) => t.name === target.name);
      if (!signed) throw new Error(`${target.name} is not among the signed app targets`);
      try {
        await channel.fetch(signed, dest);
      } finally {
        channel.close();
      }
    },
  };
}
