/**
 * Words the kiosk drops from every sentence before it looks anything up: who is asking, wanting,
 * asking how or where, particles. A lexicon may add more (`fillers`), never use one as a concept word.
 */
export const BUILT_IN_FILLERS: readonly string[] = [
  // Chinese: person, wish, question, particles, measure words
  '我', '我们', '咱', '咱们', '本人', '你', '你们', '您', '他', '她', '自己', '家里', '现在', '最近', '今天', '刚', '刚刚', '已经', '马上', '准备', '打算',
  '想', '想要', '要', '需要', '得', '必须', '应该', '该', '能', '能不能', '可以', '可不可以', '是否', '会', '请问', '请', '麻烦', '帮', '帮忙', '帮我', '一下', '问问', '咨询', '了解',
  '怎么', '怎么办', '怎样', '怎么样', '如何', '咋', '咋办', '啥', '什么', '哪些', '哪个', '哪里', '哪儿', '去哪', '去哪里', '在哪', '在哪里', '多久', '多少', '几天', '吗', '呢', '吧', '啊', '呀', '嘛', '了', '的', '地', '之', '着', '过', '和', '跟', '与', '及', '或', '或者', '还是', '就', '都', '也', '还', '又', '再', '很', '太', '有', '没', '有没有', '是', '不是', '在', '到', '给', '让', '被', '把', '对', '从', '向', '为', '这', '那', '这个', '那个', '一个', '个', '些', '一些', '点', '一点', '事', '事情', '东西', '手续', '流程', '材料', '资料', '办', '办理', '弄', '搞', '做', '处理', '申请', '需', '哪', '谁', '啥子',
  // English: pronouns, auxiliaries, question words, articles, prepositions
  'i', 'im', 'me', 'my', 'we', 'our', 'us', 'you', 'your', 'a', 'an', 'the', 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'and', 'or', 'is', 'are', 'am', 'be', 'was', 'were', 'been', 'do', 'does', 'did', 'can', 'could', 'should', 'would', 'will', 'shall', 'must', 'may', 'might', 'want', 'wanna', 'need', 'needs', 'like', 'how', 'what', 'where', 'which', 'who', 'when', 'why', 'there', 'here', 'this', 'that', 'these', 'those', 'it', 'its', 'any', 'some', 'please', 'help', 'get', 'got', 'go', 'going', 'have', 'has', 'had', 'about', 'just', 'so', 'now', 'apply', 'application', 'thing', 'things',
];
