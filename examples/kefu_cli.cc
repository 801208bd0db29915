// kefu — command-line tool. It only parses arguments and calls the C ABI.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli_common.h"
#include "kefu/kefu.h"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: kefu <command> [options] [TEXT...]\n"
               "  chat [--lang zh|en] [--bot BOT.json|--model M.kefu] [--json] [--time ISO] [--data JSON]\n"
               "                               talk with a bot (the built-in Chinese shop bot by default)\n"
               "  demo                         train the built-in shop bots and understand sample messages\n"
               "  bot zh|en                    print a built-in bot definition (a starting point)\n"
               "  entities [--options JSON]    built-in entities in TEXT (or each stdin line), as JSON\n"
               "  sentiment [--options JSON]   sentiment, emotions and escalation cues of TEXT (or each stdin line)\n"
               "  mask [--options JSON]        mask phone numbers, ID cards, bank cards, e-mail\n"
               "  normalize [--options JSON]   normalize TEXT (or each stdin line), print JSON\n"
               "  segment [--words W1,W2,...] [--options JSON]\n"
               "                               segment TEXT (or each stdin line), print JSON\n"
               "  train BOT.json|TRAIN.jsonl [--dev DEV.jsonl] [--options JSON] -o MODEL.kefu\n"
               "                               train an engine and save it\n"
               "  parse -m MODEL.kefu [TEXT...] understand TEXT (or each stdin line), print JSON\n"
               "  eval intent|slots --train TRAIN.jsonl --test TEST.jsonl [--dev DEV.jsonl]\n"
               "                               train, evaluate, print metrics as JSON (last line)\n"
               "  eval kb --kb KB.jsonl --queries QUERIES.jsonl\n"
               "                               build a knowledge base, search every query, print metrics\n"
               "  eval sentiment --test TEST.jsonl\n"
               "                               score every {text, label} line with the lexicon model, print metrics\n"
               "  kb import|search|add|remove|export|stats --dir DIR ...\n"
               "                               a knowledge base stored in DIR (kefu kb for details)\n"
               "  profile record|get|tags|link --dir DIR ...\n"
               "                               customer events, identities and tags in a directory\n"
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


}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string command = argv[1];
  if (command == "chat") return cli::run_chat(argc, argv);
  if (command == "train" || command == "parse" || command == "eval" || command == "kb" || command == "profile") {
    cli::Args args;
    for (int i = 2; i < argc; ++i) {
      std::string arg = argv[i];
      if (arg.size() > 1 && arg[0] == '-' && i + 1 < argc) args.flags.emplace_back(arg, argv[++i]);
      else args.free.push_back(arg);
    }
    if (command == "train") return cli::run_train(args);
    if (command == "parse") return cli::run_parse(args);
    if (command == "kb") return cli::run_kb(args);
    if (command == "profile") return cli::run_profile(args);
    if (!args.free.empty() && args.free[0] == "kb") return cli::run_eval_kb(args);
    if (!args.free.empty() && args.free[0] == "sentiment") return cli::run_eval_sentiment(args);
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
  if (command == "demo") return cli::run_demo();
  if (command == "bot") return cli::print_builtin_bot(texts.empty() ? "" : texts[0]);
  if (command == "entities")
    return for_each_input(texts, [&](const std::string& t, char** out) {
      return kefu_entities(t.data(), t.size(), options.empty() ? nullptr : options.c_str(), out);
    });
  if (command == "sentiment")
    return for_each_input(texts, [&](const std::string& t, char** out) {
      return kefu_sentiment(nullptr, t.data(), t.size(), options.empty() ? nullptr : options.c_str(), out);
    });
  if (command == "mask")
    return for_each_input(texts, [&](const std::string& t, char** out) {
      return kefu_mask_pii(t.data(), t.size(), options.empty() ? nullptr : options.c_str(), out);
    });
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
