import type { LexiconInput } from '../../content-bundle/model';
import { t } from './helpers';

type Concept = NonNullable<LexiconInput['concepts']>[number];

/**
 * Concepts: what people say → what the catalogue calls it. Words are everyday speech (zh, and
 * single English words); terms are the catalogue's own words. Written for the enterprise life
 * cycle in general, not for particular test sentences: a new item that uses the catalogue's words
 * is found through the same concepts.
 */
const concepts: Concept[] = [
  // — What people want to do —
  { id: 'open', label: t('开办', 'opening'), weight: 0.5, words: ['开', '开办', '开设', '新开', '开张', '开业', '创业', '创办', '成立', '新办', '注册', '开一家', '开一个', 'open', 'start', 'setup', 'new'], terms: ['设立', '开办', '新办'] },
  { id: 'close', label: t('注销', 'closing down'), words: ['关掉', '关门', '关了', '关闭', '不做了', '不干了', '不开了', '倒闭', '歇业', '停业', '结业', '散伙', '解散', '清算', '撤销', '注销', '关店', '停掉', '停了', '不要了', '销户', 'close', 'shut', 'deregister', 'deregistration', 'cancel', 'wind'], terms: ['注销'] },
  { id: 'change', label: t('变更', 'a change'), weight: 0.5, words: ['改', '换', '修改', '更改', '改一下', '变更', '变动', '调整', '换人', '变了', '换成', '改成', 'change', 'modify', 'update', 'amend'], terms: ['变更'] },
  { id: 'renew', label: t('延续', 'renewal'), words: ['延续', '续期', '续证', '延期', '到期', '快到期', '过期', '换证', '续办', 'renew', 'renewal', 'expire', 'expiring', 'extend'], terms: ['延续'] },

  // — The enterprise itself —
  { id: 'company', label: t('公司（企业）', 'a company'), weight: 0.3, words: ['公司', '企业', '有限公司', '工厂', '厂', '工作室', '单位', 'company', 'firm', 'enterprise', 'business', 'factory', 'ltd'], terms: ['有限责任公司', '企业'] },
  { id: 'start_company', label: t('企业开办', 'starting a company'), words: ['开公司', '注册公司', '办公司', '成立公司', '开个公司', '开家公司', '企业开办', '开办企业'], terms: ['企业开办', '设立登记'], items: ['NH-AMR-0101'], packages: ['pkg_start_business'] },
  // A shop says little about which licence (the clarifying question asks which): it counts less than the trade.
  { id: 'shop', label: t('个体工商户', 'an individual business'), weight: 0.6, words: ['店', '开店', '小店', '门店', '店铺', '铺子', '铺面', '门面', '档口', '摊位', '摆摊', '摊', '夫妻店', '个体', '个体户', '网店', '地摊', '摆地摊', 'shop', 'store', 'stall'], terms: ['个体工商户'] },
  { id: 'business_licence', label: t('营业执照', 'the business licence'), words: ['执照', '营业执照', '牌照', '营照', 'licence', 'license'], terms: ['营业执照'] },
  { id: 'name', label: t('企业名称', 'the company name'), words: ['改名', '改名字', '换名字', '换个名字', '更名', '名字', '名称', '字号', '叫法', 'rename', 'name'], terms: ['名称变更', '名称'] },
  { id: 'address', label: t('住所（地址）', 'the registered address'), words: ['搬家', '搬迁', '搬走', '搬到', '搬过去', '迁址', '迁移', '挪地方', '换地方', '换个地方', '换地址', '换个地址', '改地址', '地址', '新地址', '住所', '注册地址', '办公地址', 'move', 'moved', 'relocate', 'address'], terms: ['住所变更', '住所', '迁址'] },
  { id: 'legal_rep', label: t('法定代表人', 'the legal representative'), words: ['老板', '法人', '法人代表', '法定代表人', '负责人', '老总', '董事长', '一把手', 'boss', 'owner', 'representative'], terms: ['法定代表人'] },
  { id: 'scope', label: t('经营范围', 'the business scope'), words: ['经营范围', '营业范围', '业务范围', '经营项目', '增加业务', '加项目', '卖别的', '多做', 'scope'], terms: ['经营范围'] },
  { id: 'capital', label: t('注册资本', 'the registered capital'), words: ['注册资本', '注册资金', '资本', '股本', '增资', '减资', '加资本', '投钱', '注资', 'capital'], terms: ['注册资本'] },
  { id: 'premises', label: t('住所（经营场所）使用证明', 'proof of premises'), words: ['房东', '租房', '租赁', '租的', '场地', '场地证明', '房产证', '租赁合同', '租房合同', '房子', '厂房租赁', '商铺', 'landlord', 'lease', 'rent', 'premises'], terms: ['住所使用证明', '经营场所'] },

  // — Licences by trade —
  { id: 'catering', label: t('餐饮服务', 'food service'), words: ['餐饮', '饭店', '饭馆', '餐馆', '餐厅', '小吃', '小吃店', '快餐', '快餐店', '奶茶', '奶茶店', '咖啡', '咖啡店', '咖啡馆', '茶饮', '甜品', '甜品店', '烘焙', '面包店', '蛋糕店', '火锅', '火锅店', '烧烤', '大排档', '食堂', '外卖', '早餐', '早餐店', '粉店', '面馆', '卖吃的', '做吃的', '吃的', '美食', '糖水', 'restaurant', 'cafe', 'catering', 'food', 'eatery', 'canteen'], terms: ['餐饮', '食品经营'] },
  { id: 'prepacked', label: t('预包装食品销售', 'selling prepackaged food'), words: ['小卖部', '便利店', '零食', '零食店', '士多', '杂货店', '烟酒店', '预包装', '卖饮料', '卖零食', '超市', '副食店', 'convenience', 'grocery', 'snack', 'snacks', 'supermarket'], terms: ['预包装食品'] },
  { id: 'hygiene', label: t('公共场所卫生', 'public-place hygiene'), words: ['理发', '理发店', '美发', '发廊', '美容', '美容院', '美甲', '宾馆', '酒店', '旅馆', '民宿', '招待所', '游泳馆', '游泳池', '足浴', '洗浴', '桑拿', '沐足', '卫生许可', '卫生证', 'hairdresser', 'salon', 'beauty', 'hotel', 'hostel', 'spa'], terms: ['公共场所卫生', '卫生许可'] },
  { id: 'pharmacy', label: t('药品零售', 'drug retail'), words: ['药店', '药房', '卖药', '大药房', '药品', '药', 'pharmacy', 'drugstore', 'medicine', 'chemist'], terms: ['药品零售'] },
  { id: 'medical_device', label: t('医疗器械经营', 'medical devices'), words: ['医疗器械', '器械', '血压计', '血糖仪', '轮椅', '助听器', '体温计', '医疗用品', 'device', 'devices'], terms: ['医疗器械'] },
  { id: 'freight', label: t('道路货物运输', 'road freight'), words: ['货运', '运输', '物流', '拉货', '跑运输', '货车', '卡车', '大货车', '运货', '车队', '营运证', 'truck', 'lorry', 'freight', 'logistics', 'haulage'], terms: ['道路运输', '货物运输'] },
  { id: 'fire', label: t('消防安全检查', 'fire safety inspection'), words: ['消防', '消防检查', '消防验收', '防火', '灭火', '消防安全', 'fire'], terms: ['消防安全检查'] },
  { id: 'gathering_place', label: t('公众聚集场所', 'a public gathering place'), words: ['歌舞厅', 'ktv', '网吧', '电影院', '商场', '酒吧', '剧院', '娱乐场所', '体育馆', '健身房', '培训机构', 'cinema', 'bar', 'mall', 'gym'], terms: ['公众聚集场所'] },
  { id: 'signboard', label: t('户外广告（招牌）', 'outdoor signs'), words: ['招牌', '广告牌', '门头', '店招', '灯箱', '户外广告', '霓虹灯', '横幅', '挂牌子', 'sign', 'signboard', 'billboard'], terms: ['户外广告'] },
  { id: 'special_equipment', label: t('特种设备', 'special equipment'), words: ['电梯', '锅炉', '叉车', '压力容器', '起重机', '吊车', '行车', '升降机', '扶梯', '自动扶梯', '气瓶', '压力管道', '储气罐', '游乐设施', 'elevator', 'lift', 'boiler', 'forklift', 'crane'], terms: ['特种设备'] },
  { id: 'construction', label: t('建筑工程施工', 'construction works'), words: ['盖房', '盖楼', '建房', '建厂房', '建厂', '施工', '开工', '动工', '工地', '工程', '报建', '建设', '盖厂房', 'build', 'building', 'construction'], terms: ['施工许可', '建筑工程'] },
  { id: 'drainage', label: t('污水排入排水管网', 'discharging wastewater'), words: ['排水', '排污', '污水', '下水道', '废水', '排放', '接管网', '排水证', 'sewage', 'wastewater', 'drain', 'drainage'], terms: ['排水'] },
  { id: 'publications', label: t('出版物零售', 'publication retail'), words: ['书店', '卖书', '图书', '书报亭', '报刊', '杂志', '音像', '书', 'bookshop', 'bookstore', 'book', 'books', 'magazine'], terms: ['出版物'] },
  { id: 'seal', label: t('公章刻制', 'company seals'), words: ['刻章', '公章', '印章', '章', '财务章', '发票章', '合同章', '刻公章', 'seal', 'stamp', 'chop'], terms: ['公章刻制', '印章'] },
  { id: 'tax', label: t('税务（发票）', 'tax and invoices'), words: ['发票', '开发票', '领发票', '税务', '报税', '交税', '纳税', '税务登记', '税', '数电票', '领票', '税控', 'tax', 'invoice', 'invoices', 'fapiao'], terms: ['纳税人', '发票', '税务'] },
  { id: 'bank', label: t('银行开户', 'a bank account'), words: ['银行账户', '开户', '对公账户', '基本户', '银行', '账户', '对公户', 'bank', 'account'], terms: ['银行开户', '基本存款账户'] },

  // — People and money —
  { id: 'social_insurance', label: t('社会保险', 'social insurance'), words: ['社保', '五险', '社会保险', '养老保险', '医保', '医疗保险', '工伤保险', '生育保险', '交社保', '买社保', '参保', 'insurance', 'pension'], terms: ['社会保险'] },
  { id: 'housing_fund', label: t('住房公积金', 'the housing provident fund'), words: ['公积金', '住房公积金', '住房基金', '一金', 'provident', 'fund'], terms: ['住房公积金'] },
  { id: 'benefits_all', label: t('社保和公积金', 'social insurance and housing fund'), words: ['五险一金', '社保公积金'], terms: ['社会保险', '住房公积金'] },
  { id: 'staff', label: t('员工', 'staff'), weight: 0.5, words: ['员工', '职工', '工人', '雇员', '伙计', '店员', '工友', 'employee', 'employees', 'worker', 'workers'], terms: ['员工'] },
  { id: 'hire', label: t('招用员工', 'hiring staff'), words: ['招', '招人', '招聘', '请人', '招工', '雇人', '招员工', '新员工', '员工入职', '入职', '用工', '录用', '雇佣', '招收', '请员工', '聘用', 'hire', 'hiring', 'recruit', 'employ', 'staff'], terms: ['招用', '就业登记'] },
  { id: 'subsidy', label: t('补贴（补助、奖励）', 'subsidies and awards'), words: ['补贴', '补助', '扶持', '奖励', '奖金', '资助', '优惠', '奖补', '钱', '拿钱', '领钱', '返钱', '退钱', '红包', 'subsidy', 'subsidies', 'grant', 'allowance', 'award', 'bonus'], terms: ['补贴', '补助', '返还'] },
  { id: 'graduates', label: t('高校毕业生', 'young graduates'), words: ['大学生', '毕业生', '应届生', '高校毕业生', '应届', '刚毕业', '毕业', 'graduate', 'graduates'], terms: ['毕业生'] },
  { id: 'job_retention', label: t('稳岗返还', 'the job-retention refund'), words: ['稳岗', '不裁员', '没裁员', '没有裁员', '稳定岗位', '稳就业', 'retention'], terms: ['稳岗返还'] },
  { id: 'loan', label: t('创业担保贷款', 'a guaranteed start-up loan'), words: ['贷款', '借钱', '融资', '缺钱', '周转', '资金周转', '贴息', '担保贷款', '创业贷', '低息', 'loan', 'borrow', 'financing', 'credit'], terms: ['创业担保贷款', '贷款'] },
  { id: 'high_tech', label: t('高新技术企业', 'high-tech enterprises'), words: ['高新', '高企', '高新技术', '高科技', '科技企业', '科技公司', '研发', '技术企业', 'hightech', 'tech', 'technology', 'research'], terms: ['高新技术企业'] },
  { id: 'title', label: t('职称', 'professional titles'), words: ['职称', '评职称', '工程师', '会计师', '中级职称', '高级职称', '助理工程师', '技术职称', '评审', 'title', 'engineer', 'accountant'], terms: ['职称'] },
  { id: 'simple_dereg', label: t('简易注销', 'simplified deregistration'), words: ['简易注销', '简单注销', '快速注销', '没有债务', '没欠债', '没有欠债', '没开业', '未开业', '没经营', '没营业', '零申报', 'simplified', 'simple'], terms: ['简易注销'] },
];

/** Life events: the 一件事 package goes first when all these concepts were said (and none of `unless`). */
const lifeEvents: NonNullable<LexiconInput['lifeEvents']> = [
  { id: 'start_company', label: t('开办企业', 'starting a company'), when: ['start_company'], package: 'pkg_start_business' },
  // “开” and “公司” alone are an event only when nothing more specific was said (开公积金账户, 公司搬到新地址).
  { id: 'open_company', label: t('开办企业', 'starting a company'), when: ['open', 'company'], unless: ['catering', 'hygiene', 'pharmacy', 'address', 'name', 'legal_rep', 'scope', 'capital', 'close', 'tax', 'bank', 'seal', 'social_insurance', 'housing_fund', 'staff', 'hire'], package: 'pkg_start_business' },
  { id: 'open_restaurant', label: t('开办餐饮店', 'opening a restaurant'), when: ['open', 'catering'], package: 'pkg_open_restaurant' },
  { id: 'open_restaurant_shop', label: t('开办餐饮店', 'opening a restaurant'), when: ['shop', 'catering'], unless: ['close', 'renew'], package: 'pkg_open_restaurant' },
  { id: 'hire', label: t('招用员工', 'hiring staff'), when: ['hire'], unless: ['subsidy', 'graduates'], package: 'pkg_hire_employee' },
  { id: 'close_company', label: t('注销企业', 'closing a company'), when: ['close', 'company'], unless: ['catering', 'social_insurance'], package: 'pkg_close_business' },
  { id: 'close_only', label: t('注销企业', 'closing a company'), when: ['close'], unless: ['catering', 'social_insurance', 'hygiene', 'shop', 'simple_dereg'], package: 'pkg_close_business' },
  { id: 'move', label: t('变更企业信息', 'changing company details'), when: ['address'], unless: ['premises', 'open'], package: 'pkg_change_info' },
  { id: 'rename', label: t('变更企业信息', 'changing company details'), when: ['name', 'change'], package: 'pkg_change_info' },
  { id: 'new_boss', label: t('变更企业信息', 'changing company details'), when: ['legal_rep', 'change'], package: 'pkg_change_info' },
];

/** Questions asked back when a concept alone does not say which item. */
const clarify: NonNullable<LexiconInput['clarify']> = [
  {
    id: 'shop_kind', when: 'shop', question: t('您要开什么店？', 'What kind of shop?'),
    options: [
      { id: 'food', label: t('卖吃的（餐饮）', 'Food and drink'), concept: 'catering' },
      { id: 'hair', label: t('理发美容', 'Hair and beauty'), concept: 'hygiene' },
      { id: 'drugs', label: t('卖药', 'Medicines'), concept: 'pharmacy' },
      { id: 'snacks', label: t('小卖部、便利店', 'Convenience store'), concept: 'prepacked' },
      { id: 'books', label: t('卖书', 'Books'), concept: 'publications' },
      { id: 'other', label: t('其他', 'Something else'), concept: 'shop' },
    ],
  },
  {
    id: 'close_what', when: 'close', question: t('您要注销的是什么？', 'What do you want to close?'),
    options: [
      { id: 'company', label: t('公司（企业）', 'The company'), concept: 'company' },
      { id: 'food', label: t('食品经营许可证', 'The food business licence'), concept: 'catering' },
      { id: 'social', label: t('单位社保', 'Employer social insurance'), concept: 'social_insurance' },
    ],
  },
];

export const lexicon: LexiconInput = { fillers: [], concepts, lifeEvents, clarify };
