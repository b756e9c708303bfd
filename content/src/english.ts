/**
 * English for texts the item specs give only in Chinese (conditions, parent items, results, issuers,
 * e-certificates). Looked up by the Chinese, so a spec stays one line; a text not listed here has no
 * English and the kiosk shows it marked "仅中文 Chinese only". Laws are cited by their Chinese titles.
 */
export const ENGLISH: Readonly<Record<string, string>> = {
  // Parent items (事项分组)
  公司设立登记: 'Company registration',
  个体工商户登记: 'Individual business registration',
  公司变更登记: 'Company change registration',
  企业注销登记: 'Enterprise deregistration',
  食品经营许可: 'Food business licence',
  公共场所卫生许可: 'Public place hygiene licence',
  药品经营许可: 'Pharmaceutical business licence',
  社会保险登记: 'Social insurance registration',
  就业登记: 'Employment registration',
  // Results
  营业执照: 'Business licence',
  食品经营许可证: 'Food business licence',
  公共场所卫生许可证: 'Public place hygiene licence',
  备案回执: 'Filing receipt',
  建筑工程施工许可证: 'Construction permit',
  城镇污水排入排水管网许可证: 'Sewer discharge permit',
  药品经营许可证: 'Pharmaceutical business licence',
  第二类医疗器械经营备案凭证: 'Class II medical device business filing certificate',
  道路运输经营许可证: 'Road transport business licence',
  '公众聚集场所投入使用、营业前消防安全检查合格证': 'Fire safety inspection certificate for a public assembly venue',
  特种设备使用登记证: 'Special equipment use registration certificate',
  出版物经营许可证: 'Publications business licence',
  // Issuers of government-issued materials
  市场监督管理部门: 'Market regulation authority',
  公安机关: 'Public security authority',
  税务机关: 'Tax authority',
  自然资源主管部门: 'Natural resources authority',
  // Electronic certificates
  电子营业执照: 'Electronic business licence',
  '居民身份证（实名核验）': 'Resident ID card (identity verified)',
  不动产权证书: 'Real estate title certificate',
  '清税证明（税务共享）': 'Tax clearance certificate (shared by the tax authority)',
  '健康证明（电子）': 'Health certificate (electronic)',
  建设工程规划许可证: 'Construction project planning permit',
  执业药师注册证: 'Licensed pharmacist registration',
  道路运输从业人员从业资格证: 'Road transport worker qualification',
  '纳税申报记录（税务共享）': 'Tax filing records (shared by the tax authority)',
  '学历证书（学信网）': 'Academic certificate (CHSI)',
  // Conditions
  股东人数为五十人以下: 'No more than fifty shareholders',
  '有符合公司章程规定的全体股东认缴的出资额（自公司成立之日起五年内缴足）':
    'Capital subscribed by all shareholders as the articles of association require (paid in within five years of incorporation)',
  名称经自主申报且符合规定: 'The name has been self-declared and meets the rules',
  有公司住所: 'The company has a registered address',
  '有符合规定的法定代表人、董事、监事': 'A legal representative, directors and supervisors who meet the rules',
  '有经营能力的自然人，以个人或家庭经营': 'A natural person able to run a business, alone or as a family',
  有固定的经营场所: 'Fixed business premises',
  已领取营业执照: 'The business licence has been issued',
  '已办理市场主体登记（多证合一）': 'Registered as a market entity (multiple certificates in one)',
  新名称经自主申报且不与他人名称冲突: "The new name has been self-declared and does not clash with another's",
  '应当自作出变更决议、决定之日起30日内申请变更登记': 'Apply within 30 days of the resolution or decision to change',
  '跨登记机关迁移的，向迁入地登记机关申请': 'When moving to another registration authority, apply to the one moved to',
  申请书由新任法定代表人签署: 'The application is signed by the new legal representative',
  '经营范围按《经营范围登记规范表述目录》填写；许可项目登记后须取得相应许可方可经营':
    'Business scope worded as in the standard catalogue; licensed activities need their licence before trading',
  增资须经代表三分之二以上表决权的股东通过: 'A capital increase needs shareholders with two thirds of the votes',
  '减资的，自作出决议之日起10日内通知债权人，30日内公告':
    'For a reduction, notify creditors within 10 days of the resolution and publish it within 30 days',
  清算结束之日起30日内申请注销登记: 'Apply for deregistration within 30 days of the end of liquidation',
  已完成清税: 'Taxes have been cleared',
  '未发生债权债务或已清偿完毕（含职工工资、社会保险费、税款）':
    'No debts, or all paid off (wages, social insurance contributions and taxes included)',
  全体投资人书面承诺: 'A written undertaking by all investors',
  在国家企业信用信息公示系统公示20日且无异议: 'Published for 20 days on the national credit information system without objection',
  已结清社会保险费: 'Social insurance contributions are paid up',
  职工已办理减员: 'Employees have been removed from the scheme',
  '具有与经营的食品品种、数量相适应的经营场所': 'Premises suited to the kinds and quantities of food sold',
  具有相适应的经营设备或者设施: 'Suitable equipment or facilities',
  有专职或者兼职的食品安全管理人员和保证食品安全的规章制度: 'A full- or part-time food safety manager and food safety rules',
  在许可证有效期届满前提出延续申请: 'Apply for renewal before the licence expires',
  '停止经营、许可证有效期届满未延续或营业执照被注销等': 'Business stopped, licence expired without renewal, business licence cancelled, or similar',
  仅销售预包装食品: 'Sells prepackaged food only',
  具有与经营的食品品种相适应的经营场所和贮存条件: 'Premises and storage suited to the kinds of food sold',
  '属于住宿、沐浴、美容美发、文化娱乐、游泳场（馆）等应当取得卫生许可的场所':
    'Hotels, baths, beauty and hair salons, entertainment venues, swimming pools and other places that need a hygiene licence',
  卫生设施和卫生管理制度符合要求: 'Hygiene facilities and rules meet the requirements',
  '卫生许可证有效期4年，届满30日前申请延续': 'The hygiene licence is valid for 4 years; apply for renewal 30 days before it expires',
  用人单位应当自成立之日起30日内申请办理社会保险登记: 'Employers register for social insurance within 30 days of being set up',
  自用工之日起30日内为职工办理参保: 'Enrol employees within 30 days of hiring them',
  新设立的单位应当自设立之日起30日内办理缴存登记: 'New employers register for the housing fund within 30 days of being set up',
  自登记之日起20日内为本单位职工办理账户设立: "Open employees' accounts within 20 days of registering",
  用人单位应当自招用人员之日起30日内办理就业登记: 'Employers register employment within 30 days of hiring',
};

/** Text for `t(zh, en)`: the English listed for a Chinese text, if any. */
export const english = (zh: string): string | undefined => ENGLISH[zh];
