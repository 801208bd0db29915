// kefu kb import|search|add|remove|export|stats — a knowledge base in a
// directory — and kefu eval kb, the retrieval evaluation contract of issue #5.
#include <chrono>
#include <cmath>
#include <iostream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_common.h"

namespace cli {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// Prints and frees a library-owned string.
void print_owned(char* s) {
  std::printf("%s\n", s);
  kefu_string_free(s);
}

int kb_usage() {
  std::fprintf(stderr,
               "usage: kefu kb import --dir DIR FILE.jsonl [--on-error abort|skip]\n"
               "       kefu kb search --dir DIR [--options JSON] [QUERY...]   (or one query per stdin line)\n"
               "       kefu kb add --dir DIR ENTRY_JSON\n"
               "       kefu kb remove --dir DIR ID\n"
               "       kefu kb export --dir DIR\n"
               "       kefu kb stats --dir DIR\n");
  return 2;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

int run_kb(const Args& args) {
  const std::string op = args.free.empty() ? "" : args.free[0];
  if (op.empty() || !args.has("--dir")) return kb_usage();
  kefu_kb* kb = nullptr;
  kefu_status st = kefu_kb_open(args.get("--dir").c_str(), nullptr, &kb);
  if (st != KEFU_OK) return report(st);
  char* out = nullptr;
  int rc = 0;
  if (op == "import" && args.free.size() == 2) {
    std::string data = read_file_or_exit(args.free[1]);
    std::string options = json{{"on_error", args.get("--on-error", "abort")}}.dump();
    st = kefu_kb_import(kb, data.data(), data.size(), options.c_str(), &out);
    if (out) print_owned(out);
  } else if (op == "search") {
    std::vector<std::string> queries(args.free.begin() + 1, args.free.end());
    if (queries.empty())
      for (std::string line; std::getline(std::cin, line);) queries.push_back(line);
    std::string options = args.get("--options");
    for (const auto& q : queries) {
      st = kefu_kb_search(kb, q.data(), q.size(), options.empty() ? nullptr : options.c_str(), &out);
      if (st != KEFU_OK) break;
      print_owned(out);
    }
  } else if (op == "add" && args.free.size() == 2) {
    st = kefu_kb_upsert(kb, args.free[1].data(), args.free[1].size());
  } else if (op == "remove" && args.free.size() == 2) {
    st = kefu_kb_delete(kb, args.free[1].c_str());
  } else if (op == "export") {
    size_t len = 0;
    st = kefu_kb_export(kb, &out, &len);
    if (st == KEFU_OK) {
      std::fwrite(out, 1, len, stdout);
      kefu_string_free(out);
    }
  } else if (op == "stats") {
    st = kefu_kb_stats(kb, &out);
    if (st == KEFU_OK) print_owned(out);
  } else {
    kefu_kb_close(kb);
    return kb_usage();
  }
  if (st != KEFU_OK) rc = report(st);
  kefu_kb_close(kb);
  return rc;
}

int run_eval_kb(const Args& args) {
  if (!args.has("--kb") || !args.has("--queries")) {
    std::fprintf(stderr, "usage: kefu eval kb --kb KB.jsonl --queries QUERIES.jsonl [--options JSON]\n");
    return 2;
  }
  // The knowledge base gets id, question and answer of each line.
  std::vector<std::string> ids;
  std::string entries;
  for (const auto& line : lines_of(read_file_or_exit(args.get("--kb")))) {
    json j = json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("id") || !j.contains("question")) continue;
    json e = {{"id", j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump()},
              {"question", j["question"]},
              {"answer", j.value("answer", "")}};
    ids.push_back(e["id"]);
    entries += e.dump() + "\n";
  }
  struct Query {
    std::string text, gold;
  };
  std::vector<Query> queries;
  for (const auto& line : lines_of(read_file_or_exit(args.get("--queries")))) {
    json j = json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("query") || !j.contains("id")) continue;
    queries.push_back({j["query"], j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump()});
  }

  kefu_kb* kb = nullptr;
  std::string options = args.get("--options");
  kefu_status st = kefu_kb_open(nullptr, options.empty() ? nullptr : options.c_str(), &kb);
  if (st != KEFU_OK) return report(st);
  auto start = Clock::now();
  st = kefu_kb_import(kb, entries.data(), entries.size(), nullptr, nullptr);
  if (st != KEFU_OK) return report(st);
  const double build_s = ms_since(start);

  // Runs every query; returns each query's ranked ids and "answered" flag.
  struct Answer {
    std::vector<std::string> ids;
    bool answered;
  };
  auto run_all = [&](double* seconds) {
    std::vector<Answer> answers;
    answers.reserve(queries.size());
    auto t = Clock::now();
    for (const Query& q : queries) {
      char* out = nullptr;
      if (kefu_kb_search(kb, q.text.data(), q.text.size(), "{\"top_k\":10}", &out) != KEFU_OK) {
        std::fprintf(stderr, "kefu: %s\n", kefu_last_error());
        std::exit(1);
      }
      json r = json::parse(out);
      kefu_string_free(out);
      Answer a{{}, r["answered"]};
      for (const auto& hit : r["results"]) a.ids.push_back(hit["id"]);
      answers.push_back(std::move(a));
    }
    if (seconds) *seconds = ms_since(t);
    return answers;
  };
  double search_s = 0;
  std::vector<Answer> answers = run_all(&search_s);
  double top1 = 0, mrr = 0, recall = 0;
  for (size_t i = 0; i < queries.size(); ++i) {
    const auto& got = answers[i].ids;
    for (size_t r = 0; r < got.size() && r < 10; ++r) {
      if (got[r] != queries[i].gold) continue;
      top1 += r == 0;
      mrr += 1.0 / static_cast<double>(r + 1);
      recall += 1;
      break;
    }
  }

  // Remove every fifth entry; queries about them should get "no good answer".
  std::set<std::string> removed;
  for (size_t i = 4; i < ids.size(); i += 5) {
    if (kefu_kb_delete(kb, ids[i].c_str()) != KEFU_OK) return report(KEFU_ERR_INTERNAL);
    removed.insert(ids[i]);
  }
  answers = run_all(nullptr);
  size_t gone = 0, no_answer = 0, kept = 0, rejected = 0;
  for (size_t i = 0; i < queries.size(); ++i) {
    if (removed.count(queries[i].gold)) {
      ++gone;
      no_answer += !answers[i].answered;
    } else {
      ++kept;
      rejected += !answers[i].answered;
    }
  }
  kefu_kb_close(kb);

  const double n = static_cast<double>(queries.size());
  auto round4 = [](double x) { return std::round(x * 1e4) / 1e4; };
  json result = {{"top1", round4(n ? top1 / n : 0)},
                 {"mrr10", round4(n ? mrr / n : 0)},
                 {"recall10", round4(n ? recall / n : 0)},
                 {"build_s", std::round(build_s * 1000) / 1000},
                 {"search_per_s", std::round(search_s > 0 ? n / search_s : 0)},
                 {"no_answer_recall", round4(gone ? static_cast<double>(no_answer) / gone : 0)},
                 {"false_reject_rate", round4(kept ? static_cast<double>(rejected) / kept : 0)},
                 {"n_kb", ids.size()},
                 {"n_queries", queries.size()}};
  std::printf("%s\n", result.dump().c_str());
  return 0;
}

}  // namespace cli
