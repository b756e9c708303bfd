import type { SmartApproval } from '../../content-bundle/model/approval';

const text = (zh: string, en: string) => ({ zh, en });

/** Rules every 秒批 item of this catalogue shares. */
const inGoodStanding = {
  id: 'standing',
  title: text('企业登记状态为存续（在营），未被列入经营异常名录', 'The enterprise is in normal standing and not on the abnormal-operations list'),
  fix: text('请先办理移出经营异常名录或联系登记机关核实状态，本次申请转人工审核', 'Have the enterprise removed from the abnormal list or ask the registration office; this application goes to manual review'),
  check: { equals: { path: 'enterprise.standing', value: 'normal' } },
} as const;
const legalRepInPerson = {
  id: 'legal-rep',
  title: text('申请人为登记在册的法定代表人本人', 'The applicant is the registered legal representative in person'),
  fix: text('请由法定代表人本人刷身份证办理；委托经办人办理的，转人工审核', 'The legal representative must apply with their own ID card; applications by an agent go to manual review'),
  check: { same: { left: 'idCard.name', right: 'enterprise.legalRepresentative' } },
} as const;
const identifiedByCard = {
  id: 'id-card',
  title: text('申请人已刷身份证完成实名核验', 'The applicant was identified with an ID card'),
  fix: text('请在读卡器上放置本人二代身份证', 'Place your resident ID card on the reader'),
  check: { present: { path: 'idCard.name' } },
} as const;

/**
 * 秒批 rules of the sample catalogue, by item code. The platform holds the same rules and re-evaluates
 * them on its own data; the kiosk's verdict is only a pre-check.
 */
export const smartApprovalRules: Record<string, SmartApproval> = {
  // 企业名称变更登记: a name already declared (自主申报) and unchanged legal form.
  'NH-AMR-0201': {
    result: { kind: 'business-licence', name: text('营业执照（变更后）', 'Business licence (amended)') },
    rules: [
      inGoodStanding,
      legalRepInPerson,
      {
        id: 'change-is-name',
        title: text('变更事项为企业名称', 'The change is a change of name'),
        fix: text('在“变更事项”中选择“名称”；其他事项请选择对应的变更登记', 'Choose “name” as the change; other changes have their own items'),
        check: { equals: { path: 'form.changeItem', value: 'name' } },
      },
      {
        id: 'new-name-form',
        title: text('新名称保留“有限公司”组织形式', 'The new name keeps the “有限公司” legal form'),
        fix: text('新名称须以“有限公司”或“有限责任公司”结尾；变更组织形式的不能秒批，提交后转人工审核', 'The new name must end in 有限公司 or 有限责任公司; a change of legal form cannot be approved instantly and goes to manual review'),
        check: { any: [{ contains: { path: 'form.after', text: '有限公司' } }, { contains: { path: 'form.after', text: '有限责任公司' } }] },
      },
      {
        id: 'resolution-date',
        title: text('已填写股东会决议日期', 'The date of the shareholders’ resolution is given'),
        fix: text('填写作出变更决议的日期（应在30日内申请）', 'Enter the date of the resolution (apply within 30 days)'),
        check: { present: { path: 'form.resolutionDate' } },
      },
    ],
  },
  // 住所变更登记: a new address within the same district (no change of registration authority).
  'NH-AMR-0202': {
    result: { kind: 'business-licence', name: text('营业执照（变更后）', 'Business licence (amended)') },
    rules: [
      inGoodStanding,
      legalRepInPerson,
      {
        id: 'change-is-address',
        title: text('变更事项为住所', 'The change is a change of address'),
        fix: text('在“变更事项”中选择“住所”', 'Choose “address” as the change'),
        check: { equals: { path: 'form.changeItem', value: 'address' } },
      },
      {
        id: 'address-in-district',
        title: text('新住所位于佛山市南海区内', 'The new address is in Nanhai District, Foshan'),
        fix: text(
          '迁出南海区的由迁入地登记机关办理，不在南海区提交：迁入地可跨域通办的，可在本终端提交至迁入地；否则请到迁入地办理或预约',
          'A move out of Nanhai is handled by the registration office of the new district, not filed here: where that district takes it across regions, this kiosk can file it there; otherwise apply there in person or book a visit',
        ),
        // Only an address change can move the matter: any other change is checked by its own rules.
        check: { any: [{ not: { equals: { path: 'form.changeItem', value: 'address' } } }, { contains: { path: 'form.after', text: '佛山市南海区' } }] },
        elsewhere: { authority: text('迁入地登记机关', 'the registration office of the new district'), address: 'form.after' },
      },
    ],
  },
  // 食品经营许可延续: renewal without changes, while the licence is still valid.
  'NH-AMR-0302': {
    result: { kind: 'food-business-licence', name: text('食品经营许可证（延续）', 'Food business licence (renewed)') },
    rules: [
      inGoodStanding,
      identifiedByCard,
      {
        id: 'licence-valid',
        title: text('原食品经营许可证仍在有效期内', 'The current food business licence is still valid'),
        fix: text('许可证已过期的不能延续，请申请食品经营许可（新办）', 'An expired licence cannot be renewed: apply for a new food business licence'),
        check: { certificateValid: { kind: 'food-business-licence', minDays: 1 } },
      },
      {
        id: 'unchanged',
        title: text('申请人声明经营条件未发生变化', 'The applicant declares the operating conditions unchanged'),
        fix: text('经营条件有变化的不能秒批：提交后转人工审核，并接受现场核查', 'If conditions changed there is no instant approval: the application goes to manual review with an on-site check'),
        check: { equals: { path: 'form.conditionsUnchanged', value: true } },
      },
    ],
  },
  // 公共场所卫生许可延续: applied at least 30 days before expiry, conditions unchanged.
  'NH-HLT-0402': {
    result: { kind: 'public-place-hygiene-licence', name: text('公共场所卫生许可证（延续）', 'Public place hygiene licence (renewed)') },
    rules: [
      inGoodStanding,
      identifiedByCard,
      {
        id: 'licence-30-days',
        title: text('卫生许可证距有效期届满不少于30日', 'The hygiene licence has at least 30 days left'),
        fix: text(
          '应在有效期届满30日前申请延续：不足30日的不能秒批，提交后转人工审核；已过期的不能延续，请申请公共场所卫生许可（新办）',
          'Apply at least 30 days before expiry: with less time left there is no instant approval and the application goes to manual review; an expired licence cannot be renewed, apply for a new hygiene licence',
        ),
        check: { certificateValid: { kind: 'public-place-hygiene-licence', minDays: 30 } },
      },
      {
        id: 'area',
        title: text('经营面积在1至3000平方米之间', 'The floor area is between 1 and 3,000 m²'),
        fix: text('面积超过3000平方米的场所须现场核查，不能秒批：提交后转人工审核，由审批部门安排核查', 'Premises over 3,000 m² need an on-site check, so no instant approval: the application goes to manual review and the department arranges the check'),
        check: { between: { path: 'form.areaSqm', min: 1, max: 3000 } },
      },
      {
        id: 'unchanged',
        title: text('申请人声明卫生条件和设施未发生变化', 'The applicant declares the hygiene conditions unchanged'),
        fix: text('卫生条件或设施有变化的不能秒批：提交后转人工审核，审批部门可能现场核查', 'If conditions changed there is no instant approval: the application goes to manual review and may get an on-site check'),
        check: { equals: { path: 'form.conditionsUnchanged', value: true } },
      },
    ],
  },
};
