#include "dialogue/cues.h"

#include <algorithm>
#include <unordered_set>

#include <unicode/uchar.h>

#include "text/utf8.h"

namespace kefu::dialogue {

namespace {

using Phrases = std::unordered_set<std::string>;

const Phrases kYes = {"是", "是的", "对", "对的", "没错", "好", "好的", "可以", "确认", "确定", "嗯", "嗯嗯",
                      "行", "没问题", "正确", "对滴", "是滴", "好滴", "对啊", "是啊", "确认无误", "ok", "okay",
                      "yes", "y", "yep", "yeah", "yup", "sure", "correct", "right", "confirm", "confirmed",
                      "that's right", "that is right", "that's correct", "that is correct", "yes please",
                      "sounds good", "go ahead", "exactly", "ok sure", "yes it is", "yes that's right",
                      "please do", "do it", "go for it", "pls", "yes pls", "yes please do", "没错的"};
// A clause opening with one of these and going on ("yes go ahead", "好的没问题") is a yes.
const std::vector<std::string_view> kYesLeads = {"yes ", "yep ", "yeah ", "yup ", "sure ", "ok ", "okay ",
                                                 "是的", "好的", "对的", "没错", "可以", "确认", "确定"};
const Phrases kNo = {"不", "不是", "不对", "否", "错了", "不行", "不正确", "不是的", "不对的", "没有", "no", "n",
                     "nope", "nah", "wrong", "not right", "that's wrong", "that is wrong", "incorrect",
                     "no it's not", "no it isn't", "not quite"};
const Phrases kCancel = {"算了", "不用了", "不要了", "取消", "取消吧", "不办了", "不退了", "先不用了", "不需要了",
                         "没事了", "不弄了", "先不了", "不用", "never mind", "nevermind", "forget it", "cancel",
                         "cancel it", "cancel that", "stop", "no thanks", "no thank you", "don't bother",
                         "forget about it", "not anymore"};
// Unmistakable anywhere in a short message ("actually never mind", "那还是算了吧").
const std::vector<std::string_view> kStrongCancel = {"算了", "不用了", "不要了", "不需要了", "不办了", "never mind",
                                                     "nevermind", "forget it", "forget about it", "don't bother",
                                                     "cancel that", "cancel it"};
constexpr size_t kShortMessage = 16;  // letters, digits and CJK characters

const std::vector<std::string_view> kHuman = {
    "转人工", "人工客服", "人工服务", "找人工", "接人工", "要人工", "真人", "人工坐席", "客服经理", "human agent",
    "real person", "live agent", "talk to a human", "speak to a human", "talk to a person", "speak to a person",
    "real human", "representative", "talk to someone", "speak to someone", "live person", "human being"};
// A question that mentions people ("人工客服什么时候上班") asks for a person
// only with one of these verbs ("能转人工吗").
const std::vector<std::string_view> kRequestVerbs = {"转", "接", "找", "要", "叫", "换", "talk", "speak", "connect",
                                                     "transfer", "get me", "put me", "want", "need"};
// Chinese markers count anywhere ("订单号错了，是…"); English ones open the
// message or a word ("no, make it friday", "sorry, wrong one").
const std::vector<std::string_view> kCorrectionZh = {"不对", "不是", "错了", "改成", "改为", "换成", "应该是", "更正",
                                                     "写错", "说错", "填错"};
const std::vector<std::string_view> kCorrection = {"no ", "actually", "make it", "change it to", "i meant",
                                                   "sorry", "wrong", "not ", "instead", "typo"};
const std::vector<std::string_view> kQuestionWords = {"吗", "么", "呢", "怎么", "如何", "什么", "多少", "多久",
                                                      "几", "哪", "能不能", "可不可以", "是否", "有没有", "为啥",
                                                      "为什么", "咋", "多长", "多大", "多远", "多重", "多高"};
const std::vector<std::string_view> kQuestionStarts = {"what", "how", "when", "where", "why", "who", "which",
                                                       "can ", "could ", "do ", "does ", "is ", "are ",
                                                       "will ", "should ", "may ", "is there", "are there"};
const Phrases kFirst = {"第一个", "第一", "前者", "前面那个", "前面的", "1", "一", "上面那个", "第一种",
                        "first", "the first", "the first one", "first one", "former", "the former", "option 1"};
const Phrases kSecond = {"第二个", "第二", "后者", "后面那个", "后面的", "2", "二", "下面那个", "第二种",
                         "second", "the second", "the second one", "second one", "latter", "the latter",
                         "option 2", "the other one"};

bool is_particle(char32_t c) {
  return c == U'吧' || c == U'呀' || c == U'啊' || c == U'呢' || c == U'了' || c == U'哈' || c == U'嘛' ||
         c == U'哦' || c == U'喔' || c == U'啦' || c == U'哇';
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

bool first_clause_in(const std::vector<std::string>& clauses, const Phrases& set) {
  return !clauses.empty() && set.count(clauses.front());
}

bool known_phrase(const std::string& clause) {
  for (const Phrases* set : {&kYes, &kNo, &kCancel, &kFirst, &kSecond})
    if (set->count(clause)) return true;
  return false;
}

}  // namespace

Cues::Cues(std::u32string_view text) {
  std::u32string clause;
  auto flush = [&] {
    while (!clause.empty() && clause.back() == U' ') clause.pop_back();
    if (!clause.empty()) whole_ += (whole_.empty() ? "" : " ") + text::to_utf8(clause);
    // "好的吧" and "好吧" are "好": trim particles, keeping at least one
    // character, unless the clause is a phrase as it stands ("算了", "错了").
    while (clause.size() > 1 && is_particle(clause.back()) && !known_phrase(text::to_utf8(clause))) clause.pop_back();
    if (!clause.empty()) clauses_.push_back(text::to_utf8(clause));
    clause.clear();
  };
  for (char32_t c : text) {
    if (c == U'?' || c == U'？') question_mark_ = true;
    // Apostrophes stay inside words ("that's"); other punctuation ends a clause.
    if (c == U'\'' || c == U'’') {
      clause += U'\'';
    } else if (u_ispunct(static_cast<UChar32>(c)) || u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EMOJI_PRESENTATION)) {
      flush();
    } else if (u_isUWhiteSpace(static_cast<UChar32>(c))) {
      if (!clause.empty() && clause.back() != U' ') clause += U' ';
    } else {
      clause += c;
      if (u_isalnum(static_cast<UChar32>(c)) || u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC)) ++content_;
    }
  }
  flush();
  for (const auto& c : clauses_) joined_ += (joined_.empty() ? "" : " ") + c;
}

bool Cues::yes() const {
  if (clauses_.empty() || no()) return false;
  const std::string& first = clauses_.front();
  return kYes.count(first) ||
         std::any_of(kYesLeads.begin(), kYesLeads.end(), [&](std::string_view p) { return starts_with(first, p); });
}

bool Cues::no() const {
  if (first_clause_in(clauses_, kNo)) return true;
  // "no it's tuesday" has no comma to split on.
  return !clauses_.empty() && (starts_with(clauses_.front(), "no ") || starts_with(clauses_.front(), "nope "));
}

bool Cues::cancel() const { return first_clause_in(clauses_, kCancel) || firm_cancel(); }

bool Cues::firm_cancel() const {
  return content_ <= kShortMessage &&
         std::any_of(kStrongCancel.begin(), kStrongCancel.end(), [&](std::string_view p) { return contains(whole_, p); });
}

bool Cues::wants_human() const {
  auto has = [&](const std::vector<std::string_view>& list) {
    return std::any_of(list.begin(), list.end(), [&](std::string_view p) { return contains(whole_, p); });
  };
  return has(kHuman) && (!question() || has(kRequestVerbs));
}

bool Cues::correction() const {
  if (std::any_of(kCorrectionZh.begin(), kCorrectionZh.end(), [&](std::string_view p) { return contains(whole_, p); }))
    return true;
  return std::any_of(kCorrection.begin(), kCorrection.end(),
                     [&](std::string_view p) { return starts_with(joined_, p) || contains(joined_, std::string(" ") + std::string(p)); });
}

bool Cues::question() const {
  if (question_mark_) return true;
  if (std::any_of(kQuestionStarts.begin(), kQuestionStarts.end(), [&](std::string_view p) { return starts_with(joined_, p); }))
    return true;
  return std::any_of(kQuestionWords.begin(), kQuestionWords.end(), [&](std::string_view p) { return contains(whole_, p); });
}

int Cues::choice() const {
  if (clauses_.empty()) return -1;
  std::string c = clauses_.front();
  for (std::string_view lead : {"我要", "我想要", "是", "选", "我选", "i want ", "i meant ", "the "})
    if (kFirst.count(c) == 0 && kSecond.count(c) == 0 && starts_with(c, lead)) c = c.substr(lead.size());
  for (std::string_view tail : {"吧", " one", " please"})
    if (c.size() > tail.size() && c.compare(c.size() - tail.size(), tail.size(), tail) == 0) c.resize(c.size() - tail.size());
  if (kFirst.count(c)) return 0;
  if (kSecond.count(c)) return 1;
  return -1;
}

}  // namespace kefu::dialogue
