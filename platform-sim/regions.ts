import type { CrossRegionTarget } from '../platform-wire/model';

/**
 * The regions the simulated platform knows for 跨域通办: a matter that belongs to another district
 * (e.g. a company moving its address out of Nanhai) is handled by that district's authority. Some
 * take it through the platform from any hall (广佛跨城通办: 番禺, 南沙 and the rest of Foshan);
 * others only at their own halls. Sample data, fictional addresses.
 */
interface Region {
  readonly prefix: string;
  readonly region: string;
  readonly authority: string;
  readonly acceptsCrossRegion: boolean;
  readonly hall: CrossRegionTarget['hall'];
}

const REGIONS: readonly Region[] = [
  {
    prefix: '佛山市禅城区',
    region: '佛山市禅城区',
    authority: '佛山市禅城区市场监督管理局',
    acceptsCrossRegion: true,
    hall: { name: '佛山市禅城区行政服务中心', address: '佛山市禅城区季华五路（示例地址）', hours: '周一至周五 9:00-12:00，14:00-17:30', phone: '0757-12345' },
  },
  {
    prefix: '佛山市顺德区',
    region: '佛山市顺德区',
    authority: '佛山市顺德区市场监督管理局',
    acceptsCrossRegion: true,
    hall: { name: '佛山市顺德区行政服务中心', address: '佛山市顺德区大良街道（示例地址）', hours: '周一至周五 9:00-12:00，14:00-17:30', phone: '0757-12345' },
  },
  {
    prefix: '广州市番禺区',
    region: '广州市番禺区',
    authority: '广州市番禺区市场监督管理局',
    acceptsCrossRegion: true,
    hall: { name: '广州市番禺区政务服务中心', address: '广州市番禺区市桥街道（示例地址）', hours: '周一至周五 9:00-12:00，13:00-17:00', phone: '020-12345' },
  },
  {
    prefix: '深圳市',
    region: '深圳市',
    authority: '深圳市市场监督管理局',
    acceptsCrossRegion: false,
    hall: { name: '深圳市行政服务大厅', address: '深圳市福田区（示例地址）', hours: '周一至周五 9:00-12:00，14:00-18:00', phone: '0755-12345' },
  },
];

/** The authority of the region an address lies in; a region the platform does not list is handled only there. */
export function regionOf(address: string): CrossRegionTarget {
  const text = address.replace(/\s+/g, '');
  const r = REGIONS.find((x) => text.startsWith(x.prefix) || text.includes(x.prefix));
  if (r) return { region: r.region, authority: r.authority, acceptsCrossRegion: r.acceptsCrossRegion, hall: r.hall };
  const named = /^(.{2,8}?[省市])?(.{2,8}?[市区县])/.exec(text)?.[0] ?? '迁入地';
  return { region: named, authority: `${named}登记机关`, acceptsCrossRegion: false, hall: null };
}
