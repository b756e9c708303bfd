import { describe, expect, it } from 'vitest';
import { HIDDEN, maskNumbers, maskScreen } from '../../../renderer/src/features/video-help/mirror';

describe('the masked screen mirror of a video call', () => {
  it('masks ID numbers, mobiles and other long numbers wherever they are in a text', () => {
    expect(maskNumbers('身份证号 44060519900101371X 请核对')).toBe('身份证号 440605********371X 请核对');
    expect(maskNumbers('旧证 440605900101371')).toBe('旧证 440605*****1371');
    expect(maskNumbers('联系电话：13800138000、139 1234 5678')).toBe('联系电话：138****8000、139****5678');
    expect(maskNumbers('银行卡 6222021234567890123')).toBe('银行卡 ***************0123');
  });

  it('leaves what identifies nobody: masked numbers, dates, item codes, short numbers', () => {
    for (const text of ['440605********3714', '2026-12-05 09:30', '事项 NH-AMR-0101', '第 3 步，共 5 步', '取号 A023']) expect(maskNumbers(text)).toBe(text);
  });

  it('hides elements marked personal and every typed value, keeping labels and field ids', () => {
    const m = maskScreen('/form/f1?draft=440605199001013714', [
      { role: 'heading', text: '填写申请表', personal: false },
      { role: 'text', text: '黄测试', personal: true },
      { role: 'field', text: '联系电话', personal: false, value: '13800138000', fieldId: 'mobile' },
      { role: 'field', text: '备注', personal: false, value: '', fieldId: 'note' },
      { role: 'text', text: '   ', personal: false },
      { role: 'button', text: '下一步', personal: false },
    ]);
    expect(m).toEqual({
      path: '/form/f1',
      blocks: [
        { role: 'heading', text: '填写申请表' },
        { role: 'text', text: HIDDEN },
        { role: 'field', text: '联系电话', value: HIDDEN, fieldId: 'mobile' },
        { role: 'field', text: '备注', value: '', fieldId: 'note' },
        { role: 'button', text: '下一步' },
      ],
    });
    expect(JSON.stringify(m)).not.toContain('13800138000');
  });

  it('on screens of the person\'s own data every value is hidden, whatever its shape; labels, headings and buttons stay', () => {
    const review = [
      { role: 'heading', text: '核对申请信息', personal: false },
      { role: 'label', text: '经营者姓名', personal: false },
      { role: 'text', text: '黄测试', personal: false },
      { role: 'label', text: '经营场所', personal: false },
      { role: 'text', text: '佛山市南海区桂城街道南海大道北 1 号', personal: false },
      { role: 'button', text: '确认提交', personal: false },
    ] as const;
    for (const path of ['/review', '/form/f-geti', '/my-cases', '/identify', '/progress']) {
      expect(maskScreen(path, review).blocks.map((b) => b.text), path).toEqual(['核对申请信息', '经营者姓名', HIDDEN, '经营场所', HIDDEN, '确认提交']);
    }
    // Elsewhere (an item's guide) texts are the content's own and stay readable.
    expect(maskScreen('/item/NH-AMR-0102', review).blocks[2]).toEqual({ role: 'text', text: '黄测试' });
  });

  it('a field id that is not a plain identifier is not sent', () => {
    const m = maskScreen('/', [{ role: 'field', text: 'x', personal: false, value: '', fieldId: 'a b<' }]);
    expect(m.blocks[0]).toEqual({ role: 'field', text: 'x', value: '' });
  });
});
