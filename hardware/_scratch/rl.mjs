import rl from 'receiptline';
const doc = `^^^政务服务中心
{code:https://z.gd.gov.cn/q?t=ABC123; option:qrcode,6,m}
=`;
for (const c of ['escpos','epson','generic','sii','citizen','fit']) {
const out = Buffer.from(rl.transform(doc, { cpl: 48, encoding: 'gb18030', command: c, cutting: true }),'binary');
console.log(c, out.length, out.includes(Buffer.from([0x1d,0x28,0x6b])), out.includes(Buffer.from([0x1d,0x76,0x30])), out.includes(Buffer.from([0x1d,0x38,0x4c])), out.subarray(0,60).toString('hex'), out.subarray(-20).toString('hex'));
}
