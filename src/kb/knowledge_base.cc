#include "kb/knowledge_base.h"

#include <algorithm>
#include <functional>
#include <unordered_set>

#include "core/error.h"

namespace kefu::kb {

KnowledgeBase::KnowledgeBase(const std::string& dir, EntryLimits limits,
                             const std::optional<SynonymGroups>& synonyms)
    : limits_(limits), synonyms_(std::make_shared<Synonyms>()) {
  StoredState state;
  if (!dir.empty()) store_ = Store::open(dir, &state);
  if (synonyms) {
    synonym_groups_ = *synonyms;
    synonyms_ = std::make_shared<Synonyms>(synonym_groups_);
    if (store_ && *synonyms != state.synonyms) store_->append_synonyms(synonym_groups_);
  } else {
    synonym_groups_ = state.synonyms;
    synonyms_ = std::make_shared<Synonyms>(synonym_groups_);
  }
  for (Entry& e : state.entries) apply(prepare(std::move(e)));
  index_.refresh();
  answers_.refresh();
  recalibrate();
}

KnowledgeBase::~KnowledgeBase() = default;

KnowledgeBase::Prepared KnowledgeBase::prepare(Entry entry) const {
  std::shared_ptr<const Synonyms> synonyms;
  {
    std::shared_lock lock(mu_);
    synonyms = synonyms_;
  }
  return analyze(std::move(entry), *synonyms);
}

// Entries were checked against the limits when they came in; a store written
// under larger limits must still open, so analysis itself is not limited.
KnowledgeBase::Prepared KnowledgeBase::analyze(Entry entry, const Synonyms& synonyms) const {
  constexpr size_t kUnlimited = size_t{1} << 40;
  Prepared p;
  for (std::string_view q : questions_of(entry)) p.questions.push_back(analyzer_.analyze(q, synonyms, kUnlimited));
  if (!entry.answer.empty()) p.answer = analyzer_.analyze(entry.answer, synonyms, kUnlimited);
  p.entry = std::move(entry);
  return p;
}

void KnowledgeBase::apply(Prepared p) {
  drop(p.entry.id);
  uint32_t slot = static_cast<uint32_t>(slots_.size());
  Slot s;
  for (Analyzed& a : p.questions) s.docs.push_back(p.entry.enabled ? index_.add(slot, a) : UINT32_MAX);
  if (p.entry.enabled && p.answer) s.answer_doc = answers_.add(slot, *p.answer);
  by_id_[p.entry.id] = slot;
  s.entry = std::move(p.entry);
  slots_.push_back(std::move(s));
  ++live_entries_;
}

void KnowledgeBase::drop(const std::string& id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  Slot& s = slots_[it->second];
  for (uint32_t d : s.docs)
    if (d != UINT32_MAX) index_.remove(d);
  if (s.answer_doc != UINT32_MAX) answers_.remove(s.answer_doc);
  s.alive = false;
  s.entry = Entry();
  s.docs.clear();
  by_id_.erase(it);
  --live_entries_;
}

// Tombstones cost memory and search time; past a third of the index, start
// over from the live entries.
void KnowledgeBase::rebuild_if_sparse() {
  if (index_.documents() >= 1024 && index_.live_documents() * 3 < index_.documents() * 2) reindex();
}

void KnowledgeBase::reindex() {
  std::vector<Slot> old = std::move(slots_);
  slots_.clear();
  by_id_.clear();
  index_.clear();
  answers_.clear();
  live_entries_ = 0;
  for (Slot& s : old)
    if (s.alive) apply(analyze(std::move(s.entry), *synonyms_));
  index_.refresh();
  answers_.refresh();
}

void KnowledgeBase::upsert(std::vector<Entry> entries) {
  std::lock_guard write(write_mu_);
  {
    std::shared_lock lock(mu_);
    std::unordered_set<std::string_view> added;
    for (const Entry& e : entries)
      if (!by_id_.count(e.id)) added.insert(e.id);
    if (live_entries_ + added.size() > limits_.max_entries)
      fail(KEFU_ERR_TOO_LARGE, "the knowledge base would hold " + std::to_string(live_entries_ + added.size()) +
                                   " entries; the limit is " + std::to_string(limits_.max_entries) +
                                   " (option \"max_entries\")");
  }
  std::vector<Prepared> prepared;
  prepared.reserve(entries.size());
  for (Entry& e : entries) prepared.push_back(prepare(std::move(e)));
  if (store_) {
    std::vector<Entry> copies;
    copies.reserve(prepared.size());
    for (const Prepared& p : prepared) copies.push_back(p.entry);
    store_->append_upserts(copies);
  }
  {
    std::unique_lock lock(mu_);
    for (Prepared& p : prepared) apply(std::move(p));
    index_.refresh_if_drifted();
    answers_.refresh_if_drifted();
    rebuild_if_sparse();
    recalibrate_if_grown_or_shrunk();
  }
  maybe_compact();
}

// Calibration costs a few hundred searches: redo it when the knowledge base
// has changed size by a quarter.
void KnowledgeBase::recalibrate_if_grown_or_shrunk() {
  if (live_entries_ > calibrated_at_ * 5 / 4 + 16 || live_entries_ * 5 / 4 + 16 < calibrated_at_)
    recalibrate();
}

void KnowledgeBase::remove(const std::string& id) {
  std::lock_guard write(write_mu_);
  {
    std::shared_lock lock(mu_);
    if (!by_id_.count(id)) fail(KEFU_ERR_NOT_FOUND, "no entry with id \"" + id + "\"");
  }
  if (store_) store_->append_delete(id);
  {
    std::unique_lock lock(mu_);
    drop(id);
    index_.refresh_if_drifted();
    answers_.refresh_if_drifted();
    rebuild_if_sparse();
    recalibrate_if_grown_or_shrunk();
  }
  maybe_compact();
}

void KnowledgeBase::set_synonyms(const SynonymGroups& groups) {
  std::lock_guard write(write_mu_);
  auto synonyms = std::make_shared<Synonyms>(groups);  // validates before storing
  if (store_) store_->append_synonyms(groups);
  std::unique_lock lock(mu_);
  synonyms_ = std::move(synonyms);
  synonym_groups_ = groups;
  reindex();  // every question is analyzed anew with the new synonyms
  recalibrate();
}

StoredState KnowledgeBase::state() const {
  std::shared_lock lock(mu_);
  StoredState state;
  state.synonyms = synonym_groups_;
  for (const Slot& s : slots_)
    if (s.alive) state.entries.push_back(s.entry);
  return state;
}

// Compaction only saves space: the change that triggered it is already
// durable and applied, so a failure here (e.g. a full disk) must not turn
// into a failed call. The store stays consistent and the next change retries.
void KnowledgeBase::maybe_compact() {
  if (!store_ || !store_->wants_compaction()) return;
  try {
    store_->compact(state());
  } catch (const Error&) {
  }
}

void KnowledgeBase::compact() {
  std::lock_guard write(write_mu_);
  if (store_) store_->compact(state());
}

std::optional<Entry> KnowledgeBase::get(const std::string& id) const {
  std::shared_lock lock(mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return slots_[it->second].entry;
}

std::vector<Entry> KnowledgeBase::all() const {
  std::vector<Entry> out;
  {
    std::shared_lock lock(mu_);
    out.reserve(live_entries_);
    for (const Slot& s : slots_)
      if (s.alive) out.push_back(s.entry);
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
  return out;
}

std::vector<KnowledgeBase::Ranked> KnowledgeBase::rank(
    const Analyzed& q, size_t top_k, const std::function<bool(uint32_t)>& accept) const {
  thread_local Index::Hits hits;
  index_.score(q, hits);
  const float ceil_w = index_.ceiling(q, kWords), ceil_c = index_.ceiling(q, kChars);
  auto features = [&](uint32_t d) {
    Features f;
    const Index::Score& s = hits.scores[d];
    f.words = ceil_w > 0 ? s.bm25[kWords] / ceil_w : 0;
    f.chars = ceil_c > 0 ? s.bm25[kChars] / ceil_c : 0;
    f.words_cosine = s.cosine[kWords];
    f.chars_cosine = s.cosine[kChars];
    return f;
  };
  // Answers add weaker evidence: the words a question's answer uses.
  thread_local Index::Hits answer_hits;
  thread_local std::vector<float> answer_score;
  if (answer_score.size() < slots_.size()) answer_score.resize(slots_.size());
  answers_.score(q, answer_hits);
  for (uint32_t d : answer_hits.touched) {
    const Index::Score& s = answer_hits.scores[d];
    answer_score[answers_.entry_of(d)] = ranker_.answer_score(ceil_c > 0 ? s.bm25[kChars] / ceil_c : 0, s.cosine[kChars]);
  }
  // Every matching question is scored; an entry counts once, by its best.
  std::vector<Ranked> scored;
  scored.reserve(hits.touched.size());
  for (uint32_t d : hits.touched) {
    uint32_t slot = index_.entry_of(d);
    if (accept(slot)) scored.push_back({slot, d, ranker_.score(features(d)) + answer_score[slot]});
  }
  for (uint32_t d : answer_hits.touched) answer_score[answers_.entry_of(d)] = 0;
  std::sort(scored.begin(), scored.end(), [](const Ranked& a, const Ranked& b) {
    return a.score != b.score ? a.score > b.score : a.doc < b.doc;
  });
  std::vector<Ranked> ranked;
  thread_local std::vector<uint8_t> taken;
  if (taken.size() < slots_.size()) taken.resize(slots_.size());
  for (const Ranked& r : scored) {
    if (ranked.size() == top_k) break;
    if (taken[r.slot]) continue;
    taken[r.slot] = 1;
    ranked.push_back(r);
  }
  for (const Ranked& r : ranked) taken[r.slot] = 0;
  return ranked;
}

SearchResult KnowledgeBase::search(std::string_view query, const SearchOptions& options) const {
  std::shared_lock lock(mu_);
  Analyzed q = analyzer_.analyze(query, *synonyms_, options.max_text_bytes);
  auto accept = [&](uint32_t slot) {
    const Entry& e = slots_[slot].entry;
    if (!options.category.empty() && e.category != options.category) return false;
    return std::all_of(options.tags.begin(), options.tags.end(), [&](const std::string& t) {
      return std::find(e.tags.begin(), e.tags.end(), t) != e.tags.end();
    });
  };
  SearchResult result;
  for (const Ranked& r : rank(q, options.top_k, accept)) {
    const Slot& s = slots_[r.slot];
    const Entry& e = s.entry;
    size_t qi = static_cast<size_t>(std::find(s.docs.begin(), s.docs.end(), r.doc) - s.docs.begin());
    Hit h;
    h.id = e.id;
    h.question = e.question;
    h.matched_question = qi == 0 ? e.question : e.similar[qi - 1];
    h.answer = e.answer;
    h.category = e.category;
    h.tags = e.tags;
    h.score = r.score;
    h.confidence = ranker_.confidence(r.score);
    result.hits.push_back(std::move(h));
  }
  result.answered = !result.hits.empty() && result.hits[0].confidence >= 0.5f;
  return result;
}

KbStats KnowledgeBase::stats() const {
  std::shared_lock lock(mu_);
  KbStats st;
  st.entries = live_entries_;
  for (const Slot& s : slots_) {
    if (!s.alive) continue;
    st.enabled += s.entry.enabled;
    st.questions += s.docs.size();
  }
  st.synonym_groups = synonyms_->groups();
  st.threshold = ranker_.threshold();
  if (store_) {
    st.stored = true;
    st.dir = store_->dir();
    st.snapshot_bytes = store_->snapshot_bytes();
    st.log_bytes = store_->log_bytes();
  }
  return st;
}

// Asks each sampled entry's question with that entry left out: the best
// score then is what "no good answer" looks like in this knowledge base.
void KnowledgeBase::recalibrate() {
  calibrated_at_ = live_entries_;
  constexpr size_t kSamples = 400;
  std::vector<uint32_t> live;
  for (uint32_t i = 0; i < slots_.size(); ++i)
    if (slots_[i].alive && slots_[i].entry.enabled) live.push_back(i);
  if (live.size() < 2) return;
  const size_t step = std::max<size_t>(1, live.size() / kSamples);
  std::vector<float> absent;
  for (size_t i = 0; i < live.size(); i += step) {
    uint32_t left_out = live[i];
    Analyzed q = analyzer_.analyze(slots_[left_out].entry.question, *synonyms_, size_t{1} << 40);
    auto best = rank(q, 1, [&](uint32_t slot) { return slot != left_out; });
    absent.push_back(best.empty() ? 0.0f : best[0].score);
  }
  ranker_ = Ranker();
  ranker_.calibrate(std::move(absent));
}

}  // namespace kefu::kb
