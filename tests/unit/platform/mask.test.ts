import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskMobile, maskName } from '../../../kernel/mask';

describe('masking', () => {
  it('masks ID numbers keeping 6+4, or 3+4 when strict', () => {
    expect(maskIdNumber('440106199003071231')).toBe('440106********1231');
    expect(maskIdNumber('440106199003071231', true)).toBe('440***********1231');
  });
  it('masks names by length', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳明华')).toBe('欧**华');
    expect(maskName('李')).toBe('*');
  });
  it('masks mobiles and addresses', () => {
    expect(maskMobile('13800138000')).toBe('138****8000');
    expect(maskAddress('佛山市南海区桂城街道南海大道北68号')).toBe('佛山市南海区****');
  });
});
