/**
 * "王姐，…", "陳老師您好", "Hi Sarah," — a one-to-one message that opens by
 * calling the customer by name. Staff who know a customer well write her name,
 * not a {{name}} placeholder, and that is personalisation: missing-relevance
 * must not call it an untargeted broadcast.
 *
 * Only the opening counts (a name further in is more often a third person:
 * "王姐说这款好用"), and only a name: generic forms of address (亲, 家人们,
 * 各位, 亲爱的会员, "Hi there", "Dear valued customer") are exactly the
 * template voice this does not excuse. A Chinese name is a common surname
 * with a form of address (王姐, 张老师, 小李, 老陈) or a full name of two or
 * three characters whose first is a common surname, followed by a comma or a
 * greeting. Checked on the normalised text, so Traditional (陳姐) folds to
 * Simplified; English is checked on the text as written (a name is
 * capitalised).
 */

/**
 * Common single-character surnames, Simplified (normalisation folds
 * Traditional to these). Left out on purpose: characters that are more often
 * words or brands at the start of a message than surnames (主, 亲, 大, 各,
 * 全, 本, 新, 师, 家, 明, 今, 小, 老, 米 as in 小米, 卫 as in 卫生).
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛阎段雷龙黎史陶贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席柏宗瞿桂佟应臧闵苟邬边卞姬仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝';
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '慕容', '令狐', '司徒', '尉迟', '长孙', '公孙', '夏侯', '轩辕'];

/** Forms of address that follow a surname: 王姐, 李哥, 张阿姨, 陈老师, 刘总, 黄经理, 周医生, 林太. */
const TITLES = [
  '姐姐', '哥哥', '大姐', '大哥', '阿姨', '叔叔', '伯伯', '奶奶', '爷爷', '老师', '经理', '医生', '律师', '老板', '师傅', '同学', '教练', '主任', '女士', '先生', '小姐', '太太', '妈妈', '爸爸',
  // 陈生 / 林太 are how Hong Kong addresses a customer; 张工 and 古董 are left out (施工，… and 古董，… are no names)
  '姐', '哥', '姨', '叔', '伯', '总', '太', '生', '嫂', '婶', '妈', '爸',
];

/** What may follow the name: punctuation, a line break, or a greeting (王姐您好, 陈老师早上好). */
const AFTER_ZH = '(?:[,，、:：!！~～\\s]|您好|你好|早上好|早安|早|下午好|晚上好|晚安|好)';

const ESC = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SURNAME = `(?:${COMPOUND_SURNAMES.join('|')}|[${SURNAMES}])`;
const TITLE = `(?:${TITLES.map(ESC).join('|')})`;
/**
 * At the start (after optional 亲爱的 / 尊敬的 / hi / 嗨): surname + title (王姐),
 * 小/老/阿 + surname (老陈), or a full name of two or three characters directly
 * followed by 您好/你好 (李明您好). A full name before a bare comma is not
 * enough: 周末，… 金秋，… 夏季，… start with a surname too.
 */
const ZH_NAME = new RegExp(
  `^(?:亲爱的|尊敬的|hi|hello|hey|嗨|哈喽)?\\s*(?:(?:${SURNAME}${TITLE}|[小老阿]${SURNAME})(?!们)${AFTER_ZH}|${SURNAME}\\p{Script=Han}{1,2}(?:您好|你好))`,
  'u',
);

/** Words that are capitalised at the start but name nobody: "Hi there", "Dear Customer", "Hello Everyone". */
const NOT_NAMES = new Set(
  'there all everyone everybody team friend friends customer customers member members valued guest guests sir madam madame folks guys neighbour neighbours neighbor neighbors parent parents shopper shoppers subscriber subscribers user users client clients patient patients student students fans family again you world cardholder cardmember owner owners reader readers dear summer winter spring autumn fall black new big happy'.split(' '),
);

/** "Hi Sarah,", "Dear Tom Chen,", "Morning Priya!", "Hey Mrs Lin" (titles are handled elsewhere too). */
const EN_NAME = /^\s*(?:Hi|Hello|Hey|Dear|Morning|Good (?:morning|afternoon|evening)|Evening|Afternoon)\s+(\p{Lu}[\p{Ll}'’-]+)(?:\s+\p{Lu}[\p{Ll}'’-]+)?\s*(?:[,，!！.:：—–-]|$|\n)/mu;

/** Whether the message opens by calling one person by name. `norm`: the normalised text (Simplified, lower case). */
export function opensWithName(original: string, norm: string): boolean {
  const firstLine = original.trimStart().split(/\r?\n/, 1)[0] ?? '';
  const en = EN_NAME.exec(firstLine);
  if (en && !NOT_NAMES.has(en[1]!.toLowerCase())) return true;
  return ZH_NAME.test(norm.trimStart());
}
