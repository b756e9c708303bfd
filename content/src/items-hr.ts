import { common, item, mat } from './helpers';

/** Employment, social insurance, housing fund, talent and support items (人力资源 · 社保 · 惠企). */
export const hrItems = [
  item({
    code: 'NH-SI-1001', zh: '单位社会保险参保登记', en: 'Employer social insurance registration', parent: '社会保险登记', type: 'administrative_confirmation', dept: 'si', stages: ['start', 'hr'], keywords: ['社保开户', '社保登记', '社保', '参保'],
    law: [['《中华人民共和国社会保险法》', '第五十七条、第五十八条'], ['《社会保险登记管理暂行办法》']],
    conditions: ['用人单位应当自成立之日起30日内申请办理社会保险登记', '自用工之日起30日内为职工办理参保'],
    materials: [mat('m_si_form', '社会保险登记表', 'Social insurance registration form', 'e', { formId: 'f_social_insurance' }), common.licence(), mat('m_si_bank', '单位银行账户信息', 'Company bank account details', 'e')],
    statutory: [15, 'natural_day'], promised: [0, 'on_the_spot'], visits: 0, kiosk: { formId: 'f_social_insurance' }, crossRegion: 'province',
  }),
  item({
    code: 'NH-HPF-1002', zh: '住房公积金单位缴存登记', en: 'Employer housing provident fund registration', type: 'public_service', dept: 'hpf', stages: ['start', 'hr'], keywords: ['公积金开户', '公积金', '住房公积金'],
    law: [['《住房公积金管理条例》', '第十三条、第十四条、第十五条']], conditions: ['新设立的单位应当自设立之日起30日内办理缴存登记', '自登记之日起20日内为本单位职工办理账户设立'],
    materials: [mat('m_hpf_form', '住房公积金单位缴存登记表', 'Housing fund registration form', '', { formId: 'f_housing_fund' }), mat('m_hpf_staff_list', '住房公积金缴存人员清册', 'List of contributing staff', 'e'), common.licence(), common.agent()],
    promised: [1, 'working_day'], visits: 0, kiosk: { formId: 'f_housing_fund' },
  }),
  item({
    code: 'NH-HRS-1003', zh: '用人单位招用人员就业登记', en: 'Employment registration of new hires', parent: '就业登记', type: 'public_service', dept: 'hrss', stages: ['hr'], keywords: ['招工', '就业登记', '员工入职', '用工备案'],
    law: [['《中华人民共和国就业促进法》'], ['《广东省就业和失业登记管理办法》']], conditions: ['用人单位应当自招用人员之日起30日内办理就业登记'],
    materials: [mat('m_employment_form', '用人单位招用人员就业登记表', 'Employment registration form', 'e', { formId: 'f_employment' }), common.licence(), mat('m_worker_id', '劳动者身份证件或社会保障卡', 'Worker ID or social security card', 'copy e ecert:居民身份证（实名核验）'), mat('m_contract', '劳动合同', 'Labour contract', 'copy e')],
    promised: [0, 'on_the_spot'], visits: 0, kiosk: { formId: 'f_employment' },
  }),
  item({
    code: 'NH-SCI-1101', zh: '高新技术企业认定', en: 'High-tech enterprise recognition', type: 'administrative_confirmation', dept: 'science', stages: ['policy', 'operate'], keywords: ['高企', '高新企业', '高企认定', '研发'],
    law: [['《高新技术企业认定管理办法》（国科发火〔2016〕32号）', '第九条、第十一条'], ['《高新技术企业认定管理工作指引》（国科发火〔2016〕195号）']],
    conditions: ['注册成立一年以上', '拥有对主要产品（服务）发挥核心支持作用的知识产权', '科技人员占职工总数比例不低于10%', '近三个会计年度研究开发费用占销售收入比例符合要求', '近一年高新技术产品（服务）收入占总收入比例不低于60%'],
    materials: [mat('m_hte_application', '高新技术企业认定申请书', 'Recognition application', 'e'), mat('m_ip_proof', '知识产权相关证明材料', 'Intellectual property evidence', 'copy e'), mat('m_rd_audit', '研究开发费用和高新技术产品（服务）收入专项审计或鉴证报告', 'Special audit of R&D expenses', 'e'), mat('m_financials', '近三个会计年度财务会计报告', 'Financial statements of three years', 'e'), mat('m_tax_returns', '企业所得税年度纳税申报表', 'Annual corporate income tax returns', 'e ecert:纳税申报记录（税务共享）')],
    promised: [60, 'working_day'], visits: 0, online: true, specialSteps: [{ zh: '专家评审', en: 'Expert review', days: 20 }, { zh: '公示', en: 'Public notice', days: 10 }],
  }),
  item({
    code: 'NH-HRS-1102', zh: '创业担保贷款申请（小微企业）', en: 'Guaranteed start-up loan (small and micro firms)', type: 'public_service', dept: 'hrss', stages: ['policy', 'start'], keywords: ['创业贷款', '贴息', '担保贷款', '人才'],
    law: [['《广东省创业担保贷款实施办法》']], conditions: ['在广东省内注册的小型微型企业', '当年新招用符合条件人员达到规定比例', '无拖欠职工工资、欠缴社会保险费等严重违法违规信用记录'],
    materials: [mat('m_loan_application', '创业担保贷款申请表', 'Loan application'), common.licence(), mat('m_new_hires', '新招用人员名单、劳动合同及参保证明', 'List of new hires with contracts and insurance records', 'copy e'), mat('m_no_arrears', '无拖欠工资和社保费承诺书', 'No-arrears commitment')],
    promised: [15, 'working_day'], visits: 1,
  }),
  item({
    code: 'NH-HRS-1103', zh: '一次性扩岗补助申领', en: 'One-off subsidy for hiring young graduates', type: 'administrative_payment', dept: 'hrss', stages: ['policy', 'hr'], keywords: ['扩岗补助', '招用毕业生', '就业补贴', '人才'],
    law: [['人力资源社会保障部 教育部 财政部关于延续实施一次性扩岗补助政策的通知']], conditions: ['招用毕业年度或离校2年内未就业高校毕业生、16-24岁登记失业青年', '签订劳动合同并按月足额缴纳失业、工伤、职工养老保险费3个月以上'],
    materials: [mat('m_hire_list', '招用人员花名册', 'List of hires', 'e'), mat('m_contract', '劳动合同', 'Labour contracts', 'copy e')],
    promised: [20, 'working_day'], visits: 0,
  }),
  item({
    code: 'NH-HRS-1104', zh: '失业保险稳岗返还确认', en: 'Confirmation of the unemployment-insurance job-retention refund', type: 'administrative_payment', dept: 'hrss', stages: ['policy', 'hr'], keywords: ['稳岗返还', '稳岗补贴', '失业保险返还'],
    law: [['人力资源社会保障部 财政部 国家税务总局关于继续实施失业保险稳岗返还政策的通知']], conditions: ['足额缴纳失业保险费满12个月', '上年度未裁员或裁员率不高于规定比例'],
    materials: [mat('m_refund_confirmation', '稳岗返还确认书（含对公账户信息）', 'Refund confirmation with bank account', 'e')],
    promised: [10, 'working_day'], visits: 0,
  }),
  item({
    code: 'NH-HRS-1105', zh: '专业技术人才职称申报（企业单位）', en: 'Professional title application for enterprise staff', type: 'public_service', dept: 'hrss', stages: ['hr'], keywords: ['职称评审', '人才', '工程师', '会计师', '职称'],
    law: [['《职称评审管理暂行规定》（人力资源社会保障部令第40号）']], conditions: ['遵守国家法律法规和职业道德', '具备相应的学历（学位）和专业工作年限', '会计、工程等系列按相应评价标准'],
    materials: [mat('m_title_form', '专业技术资格评审表', 'Title evaluation form', 'e'), mat('m_degree', '学历（学位）证书', 'Degree certificate', 'copy e ecert-sub:学历证书（学信网）'), mat('m_work_proof', '单位推荐意见及任职年限证明', 'Employer recommendation and work record', 'e'), mat('m_achievements', '业绩成果材料', 'Achievement evidence', 'e')],
    promised: [90, 'working_day'], visits: 0,
  }),
];
