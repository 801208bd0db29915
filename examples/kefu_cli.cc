// kefu — command-line tool. It only parses arguments and calls the C ABI.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_common.h"
#include "kefu/kefu.h"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: kefu <command> [options] [TEXT...]\n"
               "  demo                         normalize and segment built-in example messages\n"
               "  normalize [--options JSON]   normalize TEXT (or each stdin line), print JSON\n"
               "  segment [--words W1,W2,...] [--options JSON]\n"
               "                               segment TEXT (or each stdin line), print JSON\n"
               "  train BOT.json|TRAIN.jsonl [--dev DEV.jsonl] [--options JSON] -o MODEL.kefu\n"
               "                               train an engine and save it\n"
               "  parse -m MODEL.kefu [TEXT...] understand TEXT (or each stdin line), print JSON\n"
               "  eval intent --train TRAIN.jsonl --test TEST.jsonl [--dev DEV.jsonl]\n"
               "                               train, evaluate, print metrics as JSON (last line)\n"
               "  version                      print the library version\n");
  return 2;
}

using cli::report;

// Prints one JSON result per input; returns 0, or 1 if any input failed.
template <typename Fn>
int for_each_input(const std::vector<std::string>& texts, Fn&& fn) {
  int rc = 0;
  auto run = [&](const std::string& text) {
    char* out = nullptr;
    kefu_status status = fn(text, &out);
    if (status != KEFU_OK) {
      rc = report(status);
      return;
    }
    std::printf("%s\n", out);
    kefu_string_free(out);
  };
  if (!texts.empty()) {
    for (const auto& t : texts) run(t);
  } else {
    for (std::string line; std::getline(std::cin, line);) run(line);
  }
  return rc;
}

std::string words_to_json(const std::string& csv) {
  std::string json = "[";
  size_t start = 0;
  while (start <= csv.size()) {
    size_t comma = csv.find(',', start);
    if (comma == std::string::npos) comma = csv.size();
    std::string word = csv.substr(start, comma - start);
    if (!word.empty()) {
      if (json.size() > 1) json += ",";
      json += "\"";
      for (char c : word) {
        if (c == '"' || c == '\\') json += '\\';
        json += c;
      }
      json += "\"";
    }
    start = comma + 1;
  }
  return json + "]";
}

int segment(const std::string& options, const std::vector<std::string>& texts) {
  kefu_segmenter* seg = nullptr;
  kefu_status status = kefu_segmenter_new(options.c_str(), &seg);
  if (status != KEFU_OK) return report(status);
  int rc = for_each_input(texts, [&](const std::string& t, char** out) {
    return kefu_segment(seg, t.data(), t.size(), out);
  });
  kefu_segmenter_free(seg);
  return rc;
}

int demo() {
  const std::vector<std::string> messages = {
      "我想买iPhone 15 Pro的手机壳", "我們會說漢語，請幫我查一下訂單",
      "ＡＢＣ　１２３ 退貨！", "Hi, I want to CANCEL my order #12345"};
  std::printf("kefu %s — text pipeline demo (user word: 手机壳)\n\n", kefu_version());
  kefu_segmenter* seg = nullptr;
  if (kefu_segmenter_new("{\"user_words\": [\"手机壳\"]}", &seg) != KEFU_OK)
    return report(KEFU_ERR_INTERNAL);
  int rc = 0;
  for (const auto& m : messages) {
    char* normalized = nullptr;
    char* tokens = nullptr;
    if (kefu_normalize(m.data(), m.size(), nullptr, &normalized) != KEFU_OK ||
        kefu_segment(seg, m.data(), m.size(), &tokens) != KEFU_OK) {
      rc = report(KEFU_ERR_INTERNAL);
    } else {
      auto n = nlohmann::json::parse(normalized);
      auto t = nlohmann::json::parse(tokens);
      std::string words;
      for (const auto& token : t["tokens"])
        words += (words.empty() ? "" : " | ") + token["text"].get<std::string>() + "/" +
                 token["type"].get<std::string>();
      std::printf("input:      %s\nnormalized: %s\ntokens:     %s\n\n", m.c_str(),
                  n["text"].get<std::string>().c_str(), words.c_str());
    }
    kefu_string_free(normalized);
    kefu_string_free(tokens);
  }
  kefu_segmenter_free(seg);
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string command = argv[1];
  if (command == "train" || command == "parse" || command == "eval") {
    cli::Args args;
    for (int i = 2; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg.size() > 1 && arg[0] == '-' && i + 1 < argc) args.flags.emplace_back(arg, argv[++i]);
      else args.free.push_back(arg);
    }
    if (command == "train") return cli::run_train(args);
    if (command == "parse") return cli::run_parse(args);
    return cli::run_eval(args);
  }
  std::string options, words;
  std::vector<std::string> texts;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if ((arg == "--options" || arg == "--words") && i + 1 < argc) {
      (arg == "--options" ? options : words) = argv[++i];
    } else if (arg == "--") {
      for (++i; i < argc; ++i) texts.emplace_back(argv[i]);
    } else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "kefu: unknown or incomplete option %s\n", arg.c_str());
      return usage();
    } else {
      texts.push_back(arg);
    }
  }
  if (command == "version") {
    std::printf("%s\n", kefu_version());
    return 0;
  }
  if (command == "demo") return demo();
  if (command == "normalize")
    return for_each_input(texts, [&](const std::string& t, char** out) {
      return kefu_normalize(t.data(), t.size(), options.c_str(), out);
    });
  if (command == "segment") {
    if (!words.empty()) {
      if (!options.empty()) {
        std::fprintf(stderr, "kefu: give user words in --words or in --options, not both\n");
        return 2;
      }
      options = "{\"user_words\": " + words_to_json(words) + "}";
    }
    return segment(options, texts);
  }
  return usage();
}
