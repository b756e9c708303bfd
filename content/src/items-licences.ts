import { common, item, mat } from './helpers';

const FOOD_LAW: [string, string?][] = [
  ['《中华人民共和国食品安全法》', '第三十五条'],
  ['《食品经营许可和备案管理办法》（市场监管总局令第78号）', '第二条、第四条、第二十三条'],
];
const inspection = { zh: '现场核查', en: 'On-site inspection', days: 3 };

/** Sector licences and filings (准营准办). */
export const licenceItems = [
  item({
    code: 'NH-AMR-0301', zh: '食品经营许可（新办）', en: 'Food business licence (new)', parent: '食品经营许可', type: 'administrative_licence', dept: 'amr', stages: ['licence'],
    keywords: ['开餐馆', '餐饮', '饭店', '食品许可', '食品经营许可证'], objects: ['enterprise_legal_person', 'individual_business', 'unincorporated_enterprise'],
    law: FOOD_LAW, conditions: ['具有与经营的食品品种、数量相适应的经营场所', '具有相适应的经营设备或者设施', '有专职或者兼职的食品安全管理人员和保证食品安全的规章制度'],
    materials: [
      mat('m_food_application', '食品经营许可申请书', 'Food business licence application'),
      common.licence(),
      mat('m_layout', '主要设备设施、经营布局、操作流程等文件', 'Equipment, layout and process documents', 'e defer:5', { appliesWhen: { answer: 'q_scope', includesAny: ['hot_food', 'cold_food', 'raw_food'] } }),
      mat('m_food_safety_rules', '食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等规章制度', 'Food safety management rules', 'e commit'),
      mat('m_vending', '自动售货设备的产品合格证明、具体放置地点、经营者名称及食品安全投诉举报电话的公示方法', 'Vending machine documents', 'copy e', { appliesWhen: { answer: 'q_vending', eq: 'yes' } }),
      common.agent(),
    ],
    statutory: [10, 'working_day'], promised: [5, 'working_day'], visits: 1, result: ['食品经营许可证', 'licence', true], flowId: 'flow_food_licence', crossRegion: 'province', specialSteps: [inspection],
    faq: [['只卖预包装食品要办许可证吗？', '仅销售预包装食品的，办理备案即可，无需申请食品经营许可。'], ['许可证有效期多久？', '食品经营许可证有效期为5年。']],
  }),
  item({
    code: 'NH-AMR-0302', zh: '食品经营许可（延续）', en: 'Food business licence (renewal)', parent: '食品经营许可', type: 'administrative_licence', dept: 'amr', stages: ['licence', 'operate'], keywords: ['食品许可延续', '换证'],
    law: FOOD_LAW, conditions: ['在许可证有效期届满前提出延续申请'],
    materials: [mat('m_food_renewal_application', '食品经营许可延续申请书', 'Renewal application', '', { formId: 'f_food_renewal' }), common.licence(), mat('m_unchanged_declaration', '经营条件未发生变化的声明', 'Declaration that conditions are unchanged', 'opt')],
    statutory: [10, 'working_day'], promised: [3, 'working_day'], visits: 0, result: ['食品经营许可证', 'licence', true], kiosk: { formId: 'f_food_renewal' },
  }),
  item({
    code: 'NH-AMR-0303', zh: '食品经营许可（注销）', en: 'Food business licence (cancellation)', parent: '食品经营许可', type: 'administrative_licence', dept: 'amr', stages: ['licence', 'exit'], keywords: ['食品许可注销'],
    law: FOOD_LAW, conditions: ['停止经营、许可证有效期届满未延续或营业执照被注销等'],
    materials: [mat('m_food_cancel_application', '食品经营许可注销申请书', 'Cancellation application'), mat('m_food_licence_original', '食品经营许可证正副本', 'Food business licence originals', 'paper opt')],
    promised: [0, 'on_the_spot'], visits: 0,
  }),
  item({
    code: 'NH-AMR-0304', zh: '仅销售预包装食品备案', en: 'Filing for selling prepackaged food only', type: 'other_power', dept: 'amr', stages: ['licence'], keywords: ['预包装食品', '食品备案', '小卖部'],
    law: [['《中华人民共和国食品安全法》', '第三十五条'], ['《食品经营许可和备案管理办法》（市场监管总局令第78号）', '第四条、第五条']],
    conditions: ['仅销售预包装食品', '具有与经营的食品品种相适应的经营场所和贮存条件'],
    materials: [mat('m_filing_form', '仅销售预包装食品备案信息表', 'Prepackaged food filing form', 'e', { formId: 'f_prepack_filing' }), common.licence(), common.agent()],
    promised: [0, 'on_the_spot'], visits: 0, result: ['备案回执', 'registration', true], kiosk: { formId: 'f_prepack_filing' },
  }),
  item({
    code: 'NH-HLT-0401', zh: '公共场所卫生许可（新办）', en: 'Public place hygiene licence (new)', parent: '公共场所卫生许可', type: 'administrative_licence', dept: 'health', stages: ['licence'], keywords: ['卫生许可证', '美容美发', '酒店', '宾馆', '游泳馆'], commit: true,
    law: [['《公共场所卫生管理条例》', '第四条、第八条'], ['《公共场所卫生管理条例实施细则》'], ['《广东省卫生健康委关于公共场所卫生许可实行告知承诺制的通知》（粤卫规〔2019〕9号）']],
    conditions: ['属于住宿、沐浴、美容美发、文化娱乐、游泳场（馆）等应当取得卫生许可的场所', '卫生设施和卫生管理制度符合要求'],
    materials: [
      mat('m_hygiene_application', '卫生许可证申请表', 'Hygiene licence application'),
      mat('m_commitment_letter', '告知承诺书', 'Notify-and-commit letter', 'letter', { appliesWhen: { answer: 'q_route', eq: 'commitment' } }),
      common.idCard('法定代表人或负责人身份证明', 'ID of the legal representative'),
      mat('m_floor_plan', '地址方位示意图、平面图和卫生设施平面布局图', 'Location sketch, floor plan and hygiene facilities plan', 'e'),
      mat('m_hygiene_test', '公共场所卫生检测或者评价报告', 'Hygiene test or assessment report', 'e defer:20'),
      mat('m_ac_test', '集中空调通风系统卫生检测报告', 'Central air-conditioning hygiene test report', 'e', { appliesWhen: { answer: 'q_central_ac', eq: 'yes' } }),
      mat('m_hygiene_rules', '卫生管理制度', 'Hygiene management rules', 'e commit'),
      common.licence(),
      mat('m_health_certs', '从业人员健康证明', 'Staff health certificates', 'copy e ecert-sub:健康证明（电子）'),
    ],
    statutory: [20, 'working_day'], promised: [0, 'on_the_spot'], visits: 0, result: ['公共场所卫生许可证', 'licence', true], flowId: 'flow_public_hygiene',
  }),
  item({
    code: 'NH-HLT-0402', zh: '公共场所卫生许可（延续）', en: 'Public place hygiene licence (renewal)', parent: '公共场所卫生许可', type: 'administrative_licence', dept: 'health', stages: ['licence', 'operate'], keywords: ['卫生许可延续'], commit: true,
    law: [['《公共场所卫生管理条例实施细则》'], ['粤卫规〔2019〕9号']], conditions: ['卫生许可证有效期4年，届满30日前申请延续'],
    materials: [mat('m_hygiene_application', '卫生许可证延续申请表', 'Renewal application', '', { formId: 'f_hygiene_renewal' }), mat('m_commitment_letter', '告知承诺书', 'Notify-and-commit letter', 'letter')],
    statutory: [20, 'working_day'], promised: [0, 'on_the_spot'], visits: 0, result: ['公共场所卫生许可证', 'licence', true], kiosk: { formId: 'f_hygiene_renewal' },
  }),
  item({
    code: 'NH-HOU-0501', zh: '建筑工程施工许可证核发', en: 'Construction permit', type: 'administrative_licence', dept: 'housing', stages: ['construction'], keywords: ['施工许可', '开工', '报建'],
    law: [['《中华人民共和国建筑法》', '第七条、第八条、第九条'], ['《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）', '第二条、第四条']],
    conditions: ['已办理用地批准手续', '在城市、镇规划区的，已取得建设工程规划许可证', '已确定施工企业', '有满足施工需要的施工图纸及技术资料', '有保证工程质量和安全的具体措施', '建设资金已经落实（承诺）'],
    materials: [
      mat('m_permit_application', '建筑工程施工许可申请表', 'Construction permit application', 'e'),
      mat('m_land_use', '用地批准手续或不动产权证书', 'Land use approval', 'copy e ecert:不动产权证书'),
      mat('m_planning_permit', '建设工程规划许可证', 'Construction planning permit', 'copy e ecert:建设工程规划许可证 gov:自然资源主管部门'),
      mat('m_contract', '中标通知书及施工合同', 'Bid award notice and construction contract', 'copy e'),
      mat('m_funds_commitment', '建设资金已落实承诺书', 'Commitment that funds are secured', 'e'),
    ],
    statutory: [7, 'natural_day'], promised: [3, 'working_day'], visits: 0, result: ['建筑工程施工许可证', 'licence', true], windows: ['工程建设专窗'],
    faq: [['哪些工程可以不办施工许可证？', '工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证。']],
  }),
  item({
    code: 'NH-HOU-0502', zh: '城镇污水排入排水管网许可', en: 'Permit to discharge wastewater into the sewer network', type: 'administrative_licence', dept: 'housing', stages: ['licence', 'construction'], keywords: ['排水许可', '排水证'],
    law: [['《城镇排水与污水处理条例》（国务院令第641号）', '第二十一条'], ['《城镇污水排入排水管网许可管理办法》（住房和城乡建设部令第21号）', '第六条、第七条']],
    conditions: ['从事工业、建筑、餐饮、医疗等活动向城镇排水设施排放污水'],
    materials: [
      mat('m_drain_application', '排水许可申请表', 'Discharge permit application'),
      mat('m_drain_drawings', '内部排水管网、专用检测井、雨污排放口位置和口径的图纸及说明', 'Drainage drawings', 'e'),
      mat('m_hidden_works', '排水隐蔽工程竣工报告', 'Completion report of concealed drainage works', 'copy e commit'),
      mat('m_water_test', '排水水质检测报告', 'Wastewater quality report', 'e commit'),
      common.licence(),
    ],
    statutory: [15, 'natural_day'], promised: [5, 'working_day'], visits: 1, result: ['城镇污水排入排水管网许可证', 'licence', true],
  }),
  item({
    code: 'NH-URB-0503', zh: '户外广告设施设置审批', en: 'Approval of outdoor advertising facilities', type: 'administrative_licence', dept: 'urban', stages: ['licence', 'operate'], keywords: ['招牌', '广告牌', '户外广告'],
    law: [['《城市市容和环境卫生管理条例》', '第十一条'], ['《中华人民共和国广告法》', '第四十一条']], conditions: ['符合户外广告设施设置规划'],
    materials: [mat('m_ad_application', '户外广告设施设置申请表', 'Application form'), mat('m_ad_drawings', '设置位置图及效果图', 'Location plan and rendering', 'e'), mat('m_carrier_right', '场地或载体使用权证明', 'Right to use the site', 'copy e'), common.licence()],
    statutory: [20, 'working_day'], promised: [5, 'working_day'], visits: 1,
  }),
  item({
    code: 'NH-AMR-0601', zh: '药品零售企业许可（核发）', en: 'Drug retail licence (new)', parent: '药品经营许可', type: 'administrative_licence', dept: 'amr', stages: ['licence'], keywords: ['药店', '药房', '药品经营许可证'],
    law: [['《中华人民共和国药品管理法》', '第五十一条、第五十二条'], ['《药品经营和使用质量监督管理办法》（市场监管总局令第84号）']],
    conditions: ['依法经过资格认定的药师或者其他药学技术人员', '与所经营药品相适应的营业场所、设备、仓储设施和卫生环境', '质量管理机构或者人员和质量管理制度'],
    materials: [mat('m_drug_application', '药品经营许可证申请表', 'Application form'), mat('m_quality_docs', '质量管理文件及制度目录', 'Quality management documents', 'e'), mat('m_pharmacist', '执业药师注册证', 'Licensed pharmacist registration', 'copy e ecert-sub:执业药师注册证'), mat('m_store_plan', '经营场所、仓储设施平面布置图及使用证明', 'Premises plans and proof of use', 'copy e'), common.licence()],
    statutory: [20, 'working_day'], promised: [15, 'working_day'], visits: 1, result: ['药品经营许可证', 'licence', true], specialSteps: [inspection],
  }),
  item({
    code: 'NH-AMR-0602', zh: '第二类医疗器械经营备案', en: 'Filing for class II medical device trading', type: 'other_power', dept: 'amr', stages: ['licence'], keywords: ['医疗器械', '二类备案'],
    law: [['《医疗器械监督管理条例》（国务院令第739号）', '第四十条、第四十一条']], conditions: ['有与经营规模和经营范围相适应的经营场所和贮存条件', '有与经营的医疗器械相适应的质量管理制度和质量管理机构或者人员'],
    materials: [mat('m_device_filing', '第二类医疗器械经营备案表', 'Filing form'), common.licence(), mat('m_quality_staff', '法定代表人、企业负责人、质量负责人的身份、学历或者职称相关材料', 'Documents of responsible persons', 'copy e'), mat('m_device_premises', '经营场所、库房地址证明及平面图', 'Premises and warehouse plans', 'copy e')],
    promised: [0, 'on_the_spot'], visits: 0, result: ['第二类医疗器械经营备案凭证', 'registration', true],
  }),
  item({
    code: 'NH-TRN-0701', zh: '道路普通货物运输经营许可', en: 'Road freight transport licence', type: 'administrative_licence', dept: 'transport', stages: ['licence'], keywords: ['货运', '道路运输经营许可证', '营运证', '物流'],
    law: [['《中华人民共和国道路运输条例》', '第二十一条、第二十四条']],
    conditions: ['有与其经营业务相适应并经检测合格的车辆', '有符合规定条件的驾驶人员', '有健全的安全生产管理制度', '总质量4500千克及以下普通货运车辆无需办理'],
    materials: [mat('m_freight_application', '道路货物运输经营申请表', 'Application form'), common.idCard('负责人身份证明', 'ID of the person in charge'), mat('m_vehicle_commitment', '拟投入车辆承诺书或车辆行驶证', 'Vehicle commitment or registration', 'copy e'), mat('m_driver_docs', '驾驶人员驾驶证和从业资格证', 'Driver licences and qualifications', 'copy e ecert-sub:道路运输从业人员从业资格证'), mat('m_safety_rules', '安全生产管理制度文本', 'Safety management rules', 'e'), common.agent()],
    statutory: [20, 'natural_day'], promised: [5, 'working_day'], visits: 0, result: ['道路运输经营许可证', 'licence', true], flowId: 'flow_road_freight', commit: true,
  }),
  item({
    code: 'NH-FIR-0801', zh: '公众聚集场所投入使用、营业前消防安全检查', en: 'Fire safety inspection before opening a public gathering place', type: 'administrative_licence', dept: 'fire', stages: ['licence'], keywords: ['消防检查', '消防许可', '开业消防'], commit: true,
    law: [['《中华人民共和国消防法》（2021年修正）', '第十五条']],
    conditions: ['属于宾馆、饭店、商场、集贸市场、公共娱乐场所等公众聚集场所', '已依法通过消防验收或备案'],
    materials: [mat('m_fire_commitment', '公众聚集场所投入使用、营业消防安全告知承诺书', 'Fire safety commitment letter', 'e letter'), common.licence(), mat('m_fire_plan', '消防安全制度、灭火和应急疏散预案', 'Fire safety rules and evacuation plan', 'e defer:5'), mat('m_fire_drawings', '场所平面布置图、消防设施平面图', 'Floor plan and fire facilities plan', 'e defer:5')],
    statutory: [10, 'working_day'], promised: [1, 'working_day'], visits: 0, result: ['公众聚集场所投入使用、营业前消防安全检查合格证', 'licence', true],
  }),
  item({
    code: 'NH-AMR-0802', zh: '特种设备使用登记', en: 'Registration of special equipment use', type: 'administrative_licence', dept: 'amr', stages: ['operate'], keywords: ['电梯', '锅炉', '叉车', '压力容器'],
    law: [['《中华人民共和国特种设备安全法》', '第三十三条'], ['《特种设备使用管理规则》（TSG 08-2017）']], conditions: ['在特种设备投入使用前或者投入使用后30日内办理'],
    materials: [mat('m_equipment_form', '特种设备使用登记表（一式两份）', 'Registration form (two copies)'), common.licence(), mat('m_product_cert', '产品合格证（含产品数据表）', 'Product certificate', 'copy e'), mat('m_supervision_cert', '监督检验证明', 'Supervisory inspection certificate', 'copy e')],
    statutory: [15, 'working_day'], promised: [2, 'working_day'], visits: 0, result: ['特种设备使用登记证', 'registration', true],
  }),
  item({
    code: 'NH-CUL-0803', zh: '出版物零售业务经营许可', en: 'Publication retail licence', type: 'administrative_licence', dept: 'culture', stages: ['licence'], keywords: ['书店', '出版物经营许可证', '卖书'],
    law: [['《出版管理条例》'], ['《出版物市场管理规定》（国家新闻出版广电总局、商务部令第10号）']], conditions: ['已取得营业执照，经营范围含出版物零售', '有固定的经营场所'],
    materials: [mat('m_pub_application', '出版物零售业务经营许可申请书', 'Application'), mat('m_pub_premises', '经营场所情况及使用权证明', 'Premises and proof of use', 'copy e'), common.idCard('经营者身份证明', 'ID of the operator'), common.licence()],
    statutory: [20, 'working_day'], promised: [5, 'working_day'], visits: 0, result: ['出版物经营许可证', 'licence', true], commit: true,
  }),
];
