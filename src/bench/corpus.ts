/**
 * The check benchmark's messages (src/bench/check.ts): the UCI SMS Spam
 * Collection (read from ../shared/corpora at bench time, never copied into
 * the repository) plus Chinese messages generated here from templates and
 * word pieces — Simplified and Traditional, marketing pushes, service
 * notices, group posts (some with @所有人), Moments posts and SMS, with
 * prices, links, dates, order numbers and codes. Deterministic: a seeded
 * PRNG drives everything, so the same options give the same bytes.
 *
 * Each message becomes one campaign (channel sms for UCI rows; direct,
 * group, moments or sms for the Chinese ones) in the drafts format of
 * CONTRACTS §2. Campaigns other than group posts get an audience segment of
 * their own (a group post goes to its group, one of a few thousand names):
 * 30,000 campaigns to "everyone" in one month would make frequency-cap list
 * every other campaign in each finding — a report of over 500 MB that
 * measures the report, not the text engine. The same campaigns are written as JSON and YAML drafts, and
 * their texts as one Markdown file (one paragraph per message) for textlint.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { prng } from './generate.js';

export interface BenchCampaign {
  id: string;
  name?: string;
  channel: 'group' | 'direct' | 'moments' | 'sms';
  audience?: { segment: string; tags?: string[] };
  group?: { name: string; type?: 'sharing' | 'service' | 'promo' | 'vip' };
  send_at: string;
  messages: string[];
}

export interface CorpusOptions {
  /** The UCI TSV (label<TAB>text with a header). */
  uciFile: string;
  /** Messages in all; undefined: every UCI row plus `chinese` Chinese ones. */
  messages?: number;
  /** Chinese messages when `messages` is not given. */
  chinese: number;
  seed: number;
}

/** The UCI collection's texts, in file order (empty texts dropped). */
export function readUci(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const out: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const text = line.slice(tab + 1).trim();
    if (text) out.push(text);
  }
  return out;
}

type R = () => number;
const pick = <T>(r: R, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
const int = (r: R, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const chance = (r: R, p: number): boolean => r() < p;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const ALNUM = [...'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'];
const code = (r: R, n: number): string => Array.from({ length: n }, () => pick(r, ALNUM)).join('');
const digits = (r: R, n: number): string => Array.from({ length: n }, (_, i) => (i === 0 ? int(r, 1, 9) : int(r, 0, 9))).join('');

// ---- word pieces: Simplified ------------------------------------------------

const BRANDS = ['萌爪宠物', '鲜果坊', '悦己美妆', '乐跑运动', '书香阁', '小熊母婴', '茶语轩', '米粒生活', '青柠咖啡', '山野户外', '好邻居超市', '暖居家纺', '星河数码', '百味烘焙', '花间集', '优衣坊', '健身工坊', '甜心蛋糕', '云端教育', '安心药房', '橙子眼镜', '木森家居'];
const PRODUCTS = ['猫粮', '冻干零食', '豆腐猫砂', '幼犬粮', '洁牙棒', '驱虫药', '宠物洗护套装', '自动喂食器', '保温杯', '燕麦拿铁', '补水面霜', '精华液', '防晒霜', '瑜伽垫', '蛋白粉', '跑步鞋', '儿童绘本', '婴儿湿巾', '纸尿裤', '有机奶粉', '龙井新茶', '挂耳咖啡', '蓝牙耳机', '充电宝', '四件套', '乳胶枕', '羽绒被', '芒果礼盒', '车厘子', '草莓', '牛排套餐', '生日蛋糕', '全麦面包', '月饼礼盒', '近视眼镜', '实木书桌', '扫地机器人', '空气炸锅', '护眼台灯', '英语网课'];
const GREET = ['{{name}}您好，', '亲爱的{{name}}，', 'Hi {{name}}，', '{{name}}，', '尊敬的会员：', '宝子们，', '家人们，', '', '', '早上好！', '晚上好～'];
const EMOJI = ['🎉', '🔥', '✨', '🐱', '🐶', '🎁', '💰', '👉', '❤️', '🌸', '☕', '🍓', '📣', '⏰', '💥'];
const COURIERS = ['顺丰', '中通', '圆通', '京东物流', '韵达', '申通', '邮政EMS'];
const SERVICES = ['宠物洗护', '美甲', '理发', '汽车保养', '体检', '上门安装', '深度保洁', '验光配镜', '钢琴试听课'];
const ADDRS = ['徐汇区漕溪北路88号', '朝阳区建国路12号', '天河区体育西路101号', '南山区科技园南区6栋', '武侯区人民南路四段27号', '西湖区文三路90号', '鼓楼区中山路200号'];
const PLACES = ['小区门口丰巢柜', '菜鸟驿站', '前台', '3号楼快递柜'];
const EVENTS = ['撸猫开放日', '新品试吃会', '亲子阅读会', '夜跑活动', '咖啡拉花体验课', '会员答谢会', '旧衣回收活动', '插花沙龙'];
const VENUES = ['门店二楼', '中央公园东门', '社区活动中心', '万象城B1中庭', '线上直播间'];
const GROUPS: Record<'sharing' | 'service' | 'promo' | 'vip', string[]> = {
  sharing: ['猫友交流群', '养宠经验分享群', '宝妈育儿交流群', '咖啡同好分享会', '跑团打卡群', '读书会', '户外徒步群', '烘焙爱好者群'],
  service: ['售后服务群', '门店预约群', '会员服务群', '课程答疑群'],
  promo: ['福利群', '秒杀群', '优惠券福利群', '团购群', '特价快抢群'],
  vip: ['会员尊享群', '黑卡会员群', 'VIP俱乐部', '老客专属群'],
};
const SEGMENTS = ['cat-owners', 'dog-owners', 'new-parents', 'coffee-lovers', 'runners', 'skincare', 'vip', 'lapsed', 'all'];
const TAGS = ['英短', '布偶', '幼猫', '金毛', '泰迪', '0-1岁宝宝', '敏感肌', '油皮', '马拉松', '手冲', '复购3次以上', '沉睡客户', '高客单'];
const TIPS = [
  '猫咪换粮要循序渐进，新旧粮混合喂一周',
  '夏天遛狗尽量避开中午，地面太烫会伤脚垫',
  '宝宝湿疹期间洗澡水温不宜过高，洗完及时保湿',
  '冲泡燕麦时先倒奶再加燕麦，口感更顺滑',
  '瑜伽初学者每次练习二十分钟就足够，别急着加量',
  '跑步前动态拉伸五分钟，能减少膝盖受伤',
  '手冲咖啡的水温控制在90到93度之间比较合适',
  '新买的四件套先洗一遍再用，能去掉浮色和异味',
  '猫砂盆要放在安静通风的地方，离食盆远一点',
  '防晒霜要在出门前二十分钟涂，两小时补涂一次',
  '给狗狗刷牙从每周两次开始，慢慢让它习惯',
  '绘本共读时让孩子自己翻页，比大人念更有参与感',
  '草莓用淡盐水泡五分钟再冲洗，不要先去蒂',
  '羽绒被晒太阳不要超过两小时，拍打会让绒结块',
  '空气炸锅做鸡翅两百度十五分钟，中途翻一次面',
  '护眼台灯要放在写字手的对侧，避免手影',
  '本周读书会分享的书单已经整理好了，在群文件里',
  '周末线下活动的照片已经上传到群相册了',
  '老年犬关节不好，上下楼梯最好抱一下',
  '咖啡豆开封后两周内喝完风味最好，记得密封避光',
];
const TIP_ENDS = ['', '。', '，大家有经验也可以分享', '～', ' 🙂', '，有问题随时在群里问', '。你们家是怎么做的？'];
const NOTICES = [
  (r: R) => `本周六${int(r, 9, 16)}点在${pick(r, VENUES)}举办${pick(r, EVENTS)}，报名的朋友请准时到场`,
  () => '群内禁止发广告和拉人，违者移出，感谢配合',
  (r: R) => `${int(r, 11, 12)}月${int(r, 1, 28)}日门店盘点，暂停营业一天，给大家带来不便敬请谅解`,
  (r: R) => `${pick(r, EVENTS)}报名截止到${int(r, 11, 12)}月${int(r, 1, 28)}日，名额${int(r, 10, 60)}个`,
  () => '新朋友请修改群昵称：城市+宠物名，方便大家交流',
  (r: R) => `明天${int(r, 8, 10)}点起系统升级，小程序暂停下单约${int(r, 1, 3)}小时`,
  (r: R) => `上周的${pick(r, EVENTS)}中奖名单已公布，请中奖的朋友私信店长领取`,
];

// ---- word pieces: Traditional ----------------------------------------------

const BRANDS_TW = ['萌爪寵物', '鮮果坊', '悅己美妝', '樂跑運動', '書香閣', '小熊母嬰', '茶語軒', '青檸咖啡', '山野戶外', '暖居家紡', '星河數碼', '百味烘焙'];
const PRODUCTS_TW = ['貓糧', '凍乾零食', '豆腐貓砂', '幼犬糧', '潔牙棒', '保溫杯', '補水面霜', '精華液', '防曬乳', '瑜伽墊', '蛋白粉', '慢跑鞋', '兒童繪本', '嬰兒濕紙巾', '高山烏龍茶', '濾掛咖啡', '藍牙耳機', '行動電源', '乳膠枕', '羽絨被', '芒果禮盒', '生日蛋糕', '月餅禮盒', '掃地機器人', '氣炸鍋'];
const GREET_TW = ['{{name}}您好，', '親愛的{{name}}，', '{{name}}，', '親愛的會員：', '', '早安！'];
const TIPS_TW = ['貓咪換糧要循序漸進，新舊糧混合餵一週', '夏天遛狗盡量避開中午，地面太燙會傷腳墊', '手沖咖啡的水溫控制在90到93度之間比較合適', '防曬乳要在出門前二十分鐘塗抹，兩小時補擦一次', '本週讀書會分享的書單已經整理好了，放在群組記事本'];
const GROUPS_TW = ['貓友交流群', '寵物經驗分享群', '會員福利群', '售後服務群', 'VIP會員群'];

// ---- pieces with numbers ----------------------------------------------------

const offer = (r: R): string =>
  pick(r, [
    () => `满${pick(r, [99, 129, 159, 199, 299, 399])}减${pick(r, [10, 20, 30, 50, 80, 100])}`,
    () => '第二件半价',
    () => `到手价${int(r, 9, 399)}元`,
    () => `限时${int(r, 5, 9)}折`,
    () => `买${int(r, 1, 3)}送一`,
    () => `领券立减${pick(r, [5, 10, 15, 20, 30])}元`,
    () => `会员价¥${int(r, 19, 599)}.${pick(r, ['00', '90', '99'])}`,
    () => `直降${int(r, 10, 200)}元`,
    () => `低至${int(r, 3, 8)}.${int(r, 0, 9)}折`,
    () => `拍下立减${int(r, 5, 50)}`,
    () => `原价${int(r, 200, 500)}，现价${int(r, 99, 199)}`,
    () => '买一送一',
  ])();
const offerTw = (r: R): string =>
  pick(r, [
    () => `滿${pick(r, [500, 800, 1000, 1500])}折${pick(r, [50, 100, 150])}`,
    () => '第二件半價',
    () => `限時${int(r, 6, 9)}折`,
    () => '買一送一',
    () => `會員價NT$${int(r, 199, 1999)}`,
    () => `結帳再打${int(r, 8, 9)}折`,
    () => '全館免運',
  ])();
const deadline = (r: R): string =>
  pick(r, [
    () => '今晚24点截止',
    () => '仅限今天',
    () => `${int(r, 11, 12)}月${int(r, 1, 30)}日前有效`,
    () => `活动截至${int(r, 11, 12)}月${int(r, 1, 30)}日`,
    () => '本周日结束',
    () => '库存有限，售完即止',
    () => `限量${int(r, 20, 500)}份`,
    () => `最后${int(r, 2, 48)}小时`,
    () => '',
    () => '',
  ])();
const deadlineTw = (r: R): string => pick(r, [() => '今晚12點截止', () => `只到${int(r, 11, 12)}/${int(r, 1, 30)}`, () => '數量有限，售完為止', () => `限量${int(r, 20, 300)}組`, () => ''])();
const link = (r: R): string =>
  pick(r, [
    () => `https://m.${pick(r, ['mengzhua', 'xianguo', 'yueji', 'lepao', 'shop', 'mall'])}.cn/${pick(r, ['p', 'item', 'act', 'c'])}/${code(r, int(r, 4, 8))}`,
    () => `t.cn/${code(r, 7)}`,
    () => `https://s.example.com/${code(r, 6)}`,
    () => `https://u.wechat.com/${code(r, 10)}`,
  ])();
const cta = (r: R, brand: string): string =>
  pick(r, [
    () => `点击链接抢购 ${link(r)}`,
    () => `戳 ${link(r)} 下单`,
    () => '回复1预约',
    () => '扫码进群领券',
    () => '私聊我下单',
    () => `小程序搜索「${brand}」`,
    () => `详情见 ${link(r)}`,
    () => '到店出示本消息即可享受',
    () => `咨询电话400-${digits(r, 3)}-${digits(r, 4)}`,
  ])();
const ctaTw = (r: R): string => pick(r, [() => `點擊連結搶購 ${link(r)}`, () => '私訊小編下單', () => `詳情請見 ${link(r)}`, () => '到店出示此訊息即可'])();
const emojiRun = (r: R): string => (chance(r, 0.35) ? Array.from({ length: int(r, 1, 4) }, () => pick(r, EMOJI)).join('') : '');
const atAll = (r: R, p: number): string => (chance(r, p) ? pick(r, ['@所有人 ', '@所有人 ', '@全体成员 ']) : '');
const md = (r: R): string => `${int(r, 11, 12)}月${int(r, 1, 28)}日`;
const hm = (r: R): string => `${int(r, 9, 20)}:${pick(r, ['00', '15', '30', '45'])}`;

function join(parts: string[]): string {
  return parts.filter(Boolean).join('，').replace(/，([。！～])/g, '$1');
}

type Kind = { weight: number; make: (r: R, n: number) => Omit<BenchCampaign, 'id' | 'send_at'> };

const KINDS: Kind[] = [
  {
    weight: 18, // promotion push, Simplified
    make: (r) => {
      const brand = pick(r, BRANDS);
      const text = pick(r, GREET) + emojiRun(r) + join([`${brand}${pick(r, PRODUCTS)}${offer(r)}`, deadline(r), cta(r, brand)]) + pick(r, ['', '！', '～', '。']);
      return { name: `${brand}推送`, channel: 'direct', audience: chance(r, 0.6) ? { segment: pick(r, SEGMENTS), tags: [pick(r, TAGS)] } : undefined, messages: [text] };
    },
  },
  {
    weight: 7, // promotion push, Traditional
    make: (r) => {
      const brand = pick(r, BRANDS_TW);
      const text = pick(r, GREET_TW) + emojiRun(r) + join([`${brand}${pick(r, PRODUCTS_TW)}${offerTw(r)}`, deadlineTw(r), ctaTw(r)]) + pick(r, ['', '！', '～']);
      return { name: `${brand}推播`, channel: 'direct', messages: [text] };
    },
  },
  {
    weight: 15, // service notice, Simplified
    make: (r) => {
      const brand = pick(r, BRANDS);
      const text = pick(r, [
        () => `您的订单${digits(r, 12)}已发货，${pick(r, COURIERS)}单号${pick(r, ['SF', 'ZT', 'YT', 'JD'])}${digits(r, 12)}，预计${md(r)}送达。`,
        () => `您预约的${pick(r, SERVICES)}已确认：${md(r)} ${hm(r)}，地址：${pick(r, ADDRS)}。如需改期请回复本消息。`,
        () => `您的积分${int(r, 100, 20000)}分将于${md(r)}到期，可在会员中心兑换礼品。`,
        () => `您申请的退款${int(r, 9, 2000)}.${pad(int(r, 0, 99))}元已原路退回，预计1-3个工作日到账。`,
        () => `您的快递已放至${pick(r, PLACES)}，取件码${digits(r, 6)}，请及时领取。`,
        () => `感谢您的反馈，我们已经安排售后专员在${int(r, 2, 24)}小时内联系您。`,
        () => `您的会员卡将于2027年${int(r, 1, 12)}月${int(r, 1, 28)}日到期，续费请前往门店或小程序。`,
        () => `您上次购买的${pick(r, PRODUCTS)}快用完了吗？需要的话回复1，我们帮您留一份。`,
        () => `本月账单已出：应还${int(r, 100, 9000)}元，最后还款日${md(r)}。`,
      ])();
      const sms = chance(r, 0.4);
      return { name: `${brand}服务通知`, channel: sms ? 'sms' : 'direct', messages: [sms ? `【${brand}】${text}` : pick(r, GREET) + text] };
    },
  },
  {
    weight: 4, // service notice, Traditional
    make: (r) => {
      const text = pick(r, [
        () => `您的訂單${digits(r, 12)}已出貨，預計${md(r)}送達。`,
        () => `您預約的${pick(r, ['寵物美容', '美甲', '汽車保養', '健康檢查'])}已確認：${md(r)} ${hm(r)}。如需改期請回覆此訊息。`,
        () => `您的點數${int(r, 100, 9000)}點將於${md(r)}到期，可至會員中心兌換。`,
        () => `您申請的退款NT$${int(r, 99, 9999)}已退回原付款方式，約3-5個工作天入帳。`,
      ])();
      return { name: '服務通知', channel: pick(r, ['direct', 'sms'] as const), messages: [pick(r, GREET_TW) + text] };
    },
  },
  {
    weight: 14, // group promotion
    make: (r) => {
      const brand = pick(r, BRANDS);
      const type = pick(r, ['promo', 'promo', 'vip', 'sharing'] as const);
      const text = atAll(r, 0.15) + emojiRun(r) + join([`${pick(r, PRODUCTS)}${offer(r)}`, deadline(r), cta(r, brand)]) + pick(r, ['', '！', '！！', '～']);
      return { name: `${brand}群发`, channel: 'group', group: { name: `${pick(r, GROUPS[type])}${int(r, 1, 99)}`, type: chance(r, 0.5) ? type : undefined }, messages: [text] };
    },
  },
  {
    weight: 10, // group sharing: content
    make: (r) => {
      const tw = chance(r, 0.15);
      const text = (tw ? pick(r, TIPS_TW) : pick(r, TIPS)) + pick(r, TIP_ENDS) + (chance(r, 0.2) ? `\n文章链接：${link(r)}` : '');
      return { name: '内容分享', channel: 'group', group: { name: `${tw ? pick(r, GROUPS_TW) : pick(r, GROUPS.sharing)}${int(r, 1, 99)}` }, messages: [text] };
    },
  },
  {
    weight: 7, // group notice, @所有人 often
    make: (r) => {
      const type = pick(r, ['sharing', 'service', 'vip'] as const);
      const text = atAll(r, 0.45) + (chance(r, 0.5) ? '【群公告】' : '') + pick(r, NOTICES)(r) + pick(r, ['', '。', '！']);
      return { name: '群公告', channel: 'group', group: { name: `${pick(r, GROUPS[type])}${int(r, 1, 99)}`, type: chance(r, 0.3) ? type : undefined }, messages: [text] };
    },
  },
  {
    weight: 10, // Moments
    make: (r) => {
      const brand = pick(r, BRANDS);
      const text = pick(r, [
        () => `${emojiRun(r)}${pick(r, PRODUCTS)}到货啦！${offer(r)}，${cta(r, brand)}`,
        () => `今天店里来了${int(r, 2, 9)}只小猫咪，欢迎周末来撸猫～`,
        () => `${brand}${int(r, 11, 12)}月新品：${pick(r, PRODUCTS)}，${int(r, 29, 499)}元，喜欢的私聊`,
        () => `感谢${int(r, 100, 5000)}位老客一年的陪伴，${md(r)}会员日全场${offer(r)}${emojiRun(r)}`,
        () => `${pick(r, TIPS)}。${chance(r, 0.5) ? `#${pick(r, ['养猫日常', '咖啡时光', '跑步打卡', '育儿经'])}` : ''}`,
        () => `${pick(r, PRODUCTS_TW)}新品上架，${offerTw(r)}，${ctaTw(r)}`,
      ])();
      return { name: `${brand}朋友圈`, channel: 'moments', messages: [text] };
    },
  },
  {
    weight: 12, // SMS ads
    make: (r) => {
      const tw = chance(r, 0.15);
      const brand = tw ? pick(r, BRANDS_TW) : pick(r, BRANDS);
      const text = tw
        ? `【${brand}】${pick(r, PRODUCTS_TW)}${offerTw(r)}，${join([deadlineTw(r), `詳情 ${link(r)}`])}${pick(r, [' 回覆T取消訂閱', ''])}`
        : `【${brand}】${pick(r, GREET)}${join([`${pick(r, PRODUCTS)}${offer(r)}`, deadline(r), cta(r, brand)])}${pick(r, [' 回T退订', ' 拒收请回复R', ' 退订回TD', ''])}`;
      return { name: `${brand}短信`, channel: 'sms', messages: [text] };
    },
  },
  {
    weight: 3, // SMS codes and receipts
    make: (r) => {
      const brand = pick(r, BRANDS);
      const text = pick(r, [
        () => `【${brand}】您的验证码是${digits(r, 6)}，${int(r, 5, 15)}分钟内有效，请勿泄露给他人。`,
        () => `【${brand}】您于${md(r)}${hm(r)}消费${int(r, 10, 900)}.${pad(int(r, 0, 99))}元，当前积分${int(r, 0, 30000)}。`,
        () => `【${brand}】您的包裹已到${pick(r, PLACES)}，凭取件码${digits(r, 6)}领取。`,
      ])();
      return { name: `${brand}通知短信`, channel: 'sms', messages: [text] };
    },
  },
];
const TOTAL_WEIGHT = KINDS.reduce((s, k) => s + k.weight, 0);

function sendAt(r: R): string {
  const day = int(r, 1, 30);
  const hour = chance(r, 0.03) ? int(r, 22, 23) : int(r, 8, 21);
  return `2026-11-${pad(day)}T${pad(hour)}:${pad(int(r, 0, 59))}:00+08:00`;
}

/** The campaigns, UCI and Chinese interleaved (so a smaller --messages keeps the mix). */
export function buildCampaigns(o: CorpusOptions): BenchCampaign[] {
  const uciAll = readUci(o.uciFile);
  let nUci = uciAll.length;
  let nZh = o.chinese;
  if (o.messages !== undefined) {
    nUci = Math.min(uciAll.length, Math.round((o.messages * uciAll.length) / (uciAll.length + o.chinese)));
    nZh = o.messages - nUci;
  }
  const r = prng(o.seed);
  const out: BenchCampaign[] = [];
  let u = 0;
  let z = 0;
  while (u < nUci || z < nZh) {
    // interleave by share: take from whichever list is behind its share
    const takeUci = z >= nZh || (u < nUci && u * (nUci + nZh) <= (u + z) * nUci);
    if (takeUci) {
      out.push({ id: `uci-${pad(u + 1, 5)}`, channel: 'sms', audience: { segment: `sms-subscriber-${pad(u + 1, 5)}` }, send_at: sendAt(r), messages: [uciAll[u]!] });
      u++;
    } else {
      let x = r() * TOTAL_WEIGHT;
      const kind = KINDS.find((k) => (x -= k.weight) < 0) ?? KINDS[0]!;
      const c = kind.make(r, z);
      // keys in the order a person writes them (CONTRACTS §2)
      out.push({
        id: `zh-${pad(z + 1, 6)}`,
        name: c.name,
        channel: c.channel,
        // a group post goes to its group; every other campaign to a segment of its own (see above)
        ...(c.group ? {} : { audience: { ...c.audience, segment: `${c.audience && c.audience.segment !== 'all' ? c.audience.segment : 'customers'}-${pad(z + 1, 6)}` } }),
        ...(c.group ? { group: c.group.type ? c.group : { name: c.group.name } } : {}),
        send_at: sendAt(r),
        messages: c.messages,
      });
      z++;
    }
  }
  return out;
}

const drafts = (campaigns: BenchCampaign[]) => ({ version: 1, defaults: { timezone: 'Asia/Shanghai' }, campaigns });

export function writeJsonDrafts(file: string, campaigns: BenchCampaign[]): void {
  writeFileSync(file, JSON.stringify(drafts(campaigns), null, 1) + '\n');
}

/** YAML as a person writes it: plain scalars where possible, `|` blocks for multi-line texts, no folding. */
export function writeYamlDrafts(file: string, campaigns: BenchCampaign[]): void {
  writeFileSync(file, stringify(drafts(campaigns), { lineWidth: 0 }));
}

/**
 * One Markdown file, one paragraph per message (blank lines inside a message
 * folded, block syntax at a line start escaped so every message stays a
 * paragraph).
 */
export function writeMarkdown(file: string, campaigns: BenchCampaign[]): void {
  const paras: string[] = ['# Benchmark messages'];
  for (const c of campaigns)
    for (const m of c.messages)
      paras.push(
        m
          .replace(/\r/g, '')
          .replace(/\n\s*\n+/g, '\n')
          .split('\n')
          .map((l) => l.trimStart().replace(/^[#>*+\-=|`~]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2'))
          .join('\n'),
      );
  writeFileSync(file, paras.join('\n\n') + '\n');
}
