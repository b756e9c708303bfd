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
  // Conditions of the works, transport, pharmacy, fire-safety, publishing, HR and talent items
  已办理用地批准手续: 'Land-use approval has been obtained',
  '在城市、镇规划区的，已取得建设工程规划许可证': 'Within a city or town planning area: the construction project planning permit has been obtained',
  已确定施工企业: 'The construction company has been chosen',
  有满足施工需要的施工图纸及技术资料: 'Construction drawings and technical documents sufficient for the works',
  有保证工程质量和安全的具体措施: 'Concrete measures that ensure the quality and safety of the works',
  '建设资金已经落实（承诺）': 'Construction funds are in place (by undertaking)',
  '从事工业、建筑、餐饮、医疗等活动向城镇排水设施排放污水':
    'Discharges wastewater into town sewers from industry, construction, catering, medical or similar activities',
  符合户外广告设施设置规划: 'Fits the plan for outdoor advertising installations',
  依法经过资格认定的药师或者其他药学技术人员: 'Pharmacists or other pharmaceutical staff qualified as the law requires',
  '与所经营药品相适应的营业场所、设备、仓储设施和卫生环境':
    'Premises, equipment, storage and hygiene suited to the medicines sold',
  质量管理机构或者人员和质量管理制度: 'A quality management body or staff, and quality management rules',
  有与经营规模和经营范围相适应的经营场所和贮存条件: 'Premises and storage suited to the size and scope of the business',
  有与经营的医疗器械相适应的质量管理制度和质量管理机构或者人员:
    'Quality management rules and a quality body or staff suited to the medical devices sold',
  有与其经营业务相适应并经检测合格的车辆: 'Vehicles suited to the business that have passed inspection',
  有符合规定条件的驾驶人员: 'Drivers who meet the requirements',
  有健全的安全生产管理制度: 'Sound work-safety management rules',
  总质量4500千克及以下普通货运车辆无需办理: 'Not needed for ordinary goods vehicles of 4,500 kg total mass or less',
  '属于宾馆、饭店、商场、集贸市场、公共娱乐场所等公众聚集场所':
    'A public assembly venue such as a hotel, restaurant, shopping mall, market or entertainment venue',
  已依法通过消防验收或备案: 'Has passed the fire-safety acceptance check or been filed as the law requires',
  在特种设备投入使用前或者投入使用后30日内办理: 'Apply before the special equipment is put into use or within 30 days after',
  '已取得营业执照，经营范围含出版物零售': 'Holds a business licence whose scope includes retail of publications',
  注册成立一年以上: 'Registered for more than one year',
  '拥有对主要产品（服务）发挥核心支持作用的知识产权': 'Owns intellectual property that is central to its main products (services)',
  '科技人员占职工总数比例不低于10%': 'Science and technology staff are at least 10% of all employees',
  近三个会计年度研究开发费用占销售收入比例符合要求: 'R&D spending as a share of sales over the last three financial years meets the requirement',
  '近一年高新技术产品（服务）收入占总收入比例不低于60%': 'High-tech products (services) brought at least 60% of total income in the last year',
  在广东省内注册的小型微型企业: 'A small or micro enterprise registered in Guangdong',
  当年新招用符合条件人员达到规定比例: 'Newly hired eligible people this year reach the required share',
  '无拖欠职工工资、欠缴社会保险费等严重违法违规信用记录':
    'No serious credit record such as unpaid wages or unpaid social insurance contributions',
  '招用毕业年度或离校2年内未就业高校毕业生、16-24岁登记失业青年':
    'Hires graduates in their graduation year or unemployed within 2 years of leaving, or registered unemployed people aged 16–24',
  '签订劳动合同并按月足额缴纳失业、工伤、职工养老保险费3个月以上':
    'Signs labour contracts and pays unemployment, work-injury and pension contributions in full every month for at least 3 months',
  足额缴纳失业保险费满12个月: 'Has paid unemployment insurance contributions in full for 12 months',
  上年度未裁员或裁员率不高于规定比例: 'No lay-offs last year, or a lay-off rate no higher than the set limit',
  遵守国家法律法规和职业道德: 'Abides by the law and professional ethics',
  '具备相应的学历（学位）和专业工作年限': 'Has the required education (degree) and years of professional work',
  '会计、工程等系列按相应评价标准': 'Accounting, engineering and other series follow their own assessment standards',
  // Questions people ask (常见问题)
  '注册资本需要一次缴足吗？': 'Must the registered capital be paid in all at once?',
  '不需要。有限责任公司股东认缴的出资额应当自公司成立之日起五年内缴足。':
    'No. Shareholders of a limited liability company pay in the capital they subscribed within five years of incorporation.',
  '可以用住宅做公司住所吗？': 'Can a home be the company’s registered address?',
  '按佛山市住所申报有关规定办理，部分情形可实行住所申报承诺制。':
    'It follows Foshan’s rules on declaring an address; in some cases a declaration by undertaking is accepted.',
  '只卖预包装食品要办许可证吗？': 'Do I need a licence to sell only prepackaged food?',
  '仅销售预包装食品的，办理备案即可，无需申请食品经营许可。':
    'No licence: selling only prepackaged food needs a filing, not a food business licence.',
  '许可证有效期多久？': 'How long is the licence valid?',
  '食品经营许可证有效期为5年。': 'A food business licence is valid for 5 years.',
  '哪些工程可以不办施工许可证？': 'Which works need no construction permit?',
  '工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证。':
    'Building works with an investment under 300,000 yuan or a floor area under 300 m² need no construction permit.',
  // Policies: issuers, summaries and benefits (惠企政策)
  '人力资源社会保障部、财政部、国家税务总局': 'Ministry of Human Resources and Social Security, Ministry of Finance, State Taxation Administration',
  '人力资源社会保障部、教育部、财政部': 'Ministry of Human Resources and Social Security, Ministry of Education, Ministry of Finance',
  '财政部、税务总局': 'Ministry of Finance, State Taxation Administration',
  佛山市南海区人民政府: 'Nanhai District People’s Government, Foshan',
  广东省工业和信息化厅: 'Department of Industry and Information Technology of Guangdong Province',
  佛山市工业和信息化局: 'Foshan Bureau of Industry and Information Technology',
  广东省人力资源和社会保障厅等: 'Human Resources and Social Security Department of Guangdong Province, and others',
  广东省商务厅: 'Department of Commerce of Guangdong Province',
  '广东省人力资源和社会保障厅、财政厅': 'Human Resources and Social Security Department and Department of Finance of Guangdong Province',
  '足额缴纳失业保险费满12个月、上年未裁员或裁员率不高于规定比例的参保单位，返还上年度实际缴纳失业保险费的一定比例。':
    'Insured employers that have paid unemployment insurance in full for 12 months and made no lay-offs last year (or no more than the set rate) get back a share of the contributions paid last year.',
  '招用毕业年度或离校2年内未就业高校毕业生并缴纳社会保险费满3个月的企业，按人发放一次性扩岗补助。':
    'Enterprises that hire graduates in their graduation year or unemployed within 2 years of leaving, and pay their social insurance for 3 months, get a one-off subsidy per person.',
  '小规模纳税人、小型微利企业和个体工商户减半征收资源税、城市维护建设税、房产税、城镇土地使用税、印花税、耕地占用税和教育费附加、地方教育附加。':
    'Small-scale taxpayers, small low-profit enterprises and individual businesses pay half of resource tax, urban maintenance and construction tax, property tax, urban land use tax, stamp duty, farmland occupation tax, the education surcharge and the local education surcharge.',
  '对小型微利企业减按25%计算应纳税所得额，按20%的税率缴纳企业所得税。':
    'Small low-profit enterprises count 25% of their income as taxable and pay enterprise income tax on it at 20%.',
  '月销售额10万元以下（季度30万元以下）的小规模纳税人免征增值税；适用3%征收率的减按1%征收。':
    'Small-scale taxpayers with monthly sales under 100,000 yuan (300,000 a quarter) pay no VAT; those at the 3% rate pay 1%.',
  '企业开展研发活动中实际发生的研发费用，在按规定据实扣除的基础上，再按实际发生额的100%在税前加计扣除。':
    'R&D expenses actually incurred are deducted as usual and then deducted once more, at 100% of the amount, before tax.',
  '对在南海区注册并通过高新技术企业认定（含重新认定）的企业给予奖励，经佛山扶持通申报、镇（街道）初审。':
    'Enterprises registered in Nanhai and recognised (or re-recognised) as high-tech enterprises get an award; apply on Foshan Fuchitong, checked first by the town (subdistrict).',
  '对首次纳入规模以上工业统计的小微工业企业给予一次性奖补。':
    'A one-off award for small and micro industrial firms entering the above-scale industrial statistics for the first time.',
  '对新认定的国家级专精特新“小巨人”企业给予奖励，在佛山扶持通确认账户并提交申请。':
    'An award for enterprises newly recognised as national “little giants”; confirm the account and apply on Foshan Fuchitong.',
  '在广东省内注册的小微企业，新招用重点扶持对象达到规定比例且无欠薪欠费的，可申请创业担保贷款并享受贴息。':
    'Small and micro enterprises registered in Guangdong whose new hires from priority groups reach the set share, with no unpaid wages or contributions, can apply for a guaranteed start-up loan with interest subsidy.',
  '对投保短期出口信用保险的外贸企业，按实际缴纳保费给予一定比例资助。':
    'Foreign-trade enterprises insured with short-term export credit insurance get a share of the premium they paid.',
  '小微企业招用毕业2年内高校毕业生、签订1年以上劳动合同并缴纳社会保险费的，给予社会保险补贴。':
    'Small and micro enterprises that hire graduates within 2 years of graduating on a contract of at least a year and pay their social insurance get a social insurance subsidy.',
  '中小微企业最高返还60%，大型企业最高30%': 'Up to 60% back for small, medium and micro enterprises; up to 30% for large ones',
  每招用1人最高1500元: 'Up to 1,500 yuan per person hired',
  '按50%税额幅度减征，执行至2027年12月31日': 'Half the tax, until 31 December 2027',
  '实际税负5%': 'An effective tax burden of 5%',
  '免征或减按1%征收增值税': 'No VAT, or VAT at 1%',
  '加计扣除100%': 'An extra 100% deduction',
  '首次认定最高30万元，重新认定最高15万元（示例金额）': 'Up to 300,000 yuan on first recognition, up to 150,000 on re-recognition (sample amounts)',
  珠三角地区每家5万元: '50,000 yuan per firm in the Pearl River Delta',
  按年度资金安排核定: 'Set by each year’s budget',
  '小微企业贷款额度最高400万元（示例）': 'Loans up to 4 million yuan for small and micro enterprises (sample)',
  '按保费比例资助，分档封顶': 'A share of the premium, capped by band',
  '单位缴纳的养老、失业、工伤保险费，最长1年': 'The employer’s pension, unemployment and work-injury contributions, for up to a year',
};

/** Text for `t(zh, en)`: the English listed for a Chinese text, if any. */
export const english = (zh: string): string | undefined => ENGLISH[zh];
