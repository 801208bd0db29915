// Conversation cues that every bot understands without training, in Chinese
// and English: yes/no, cancel, asking for a human, corrections, questions and
// picking one of two offered options. They read normalized text (case-folded,
// simplified, full-width folded) and match whole clauses, so "不对，是明天"
// is a "no" followed by a new value and "取消订单" is not a bare "cancel".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kefu::dialogue {

class Cues {
 public:
  explicit Cues(std::u32string_view normalized);

  bool yes() const;
  bool no() const;
  bool cancel() const;
  bool firm_cancel() const;  // "算了", "never mind": unlike "取消吧", never a yes to "取消订单吗？"
  bool wants_human() const;
  bool correction() const;  // "不对，…", "no, …", "actually …", "改成…"
  bool question() const;
  bool empty() const { return clauses_.empty(); }
  // 0 or 1 when the text picks the first or second of two offered options, else -1.
  int choice() const;
  // Clauses (UTF-8, punctuation removed, Chinese sentence particles trimmed).
  const std::vector<std::string>& clauses() const { return clauses_; }
  // Code points of letters, digits and CJK characters, a measure of how much was said.
  size_t content_length() const { return content_; }

 private:
  std::vector<std::string> clauses_;
  std::string joined_;  // clauses joined by one space
  std::string whole_;   // the same before particles were trimmed ("订单号错了")
  size_t content_ = 0;
  bool question_mark_ = false;
};

}  // namespace kefu::dialogue
