// Crash test of the knowledge-base store: a child process changes a store as
// fast as it can and is killed (SIGKILL) at a random moment; the parent then
// reopens the store and checks that every change the child saw acknowledged
// is there, exactly, and nothing else but possibly the one change in flight.
//
// Runs for KEFU_CRASH_SECONDS seconds (default 10); KEFU_CRASH_SEED fixes the
// random choices (the kill timing still varies from run to run);
// KEFU_CRASH_VERBOSE=1 prints a line per kill.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "crash_test_run.h"
#include "core/error.h"
#include "kb/store.h"

using namespace kefu::kb;

namespace {

// ---------------------------------------------------------------- the changes

// Change number n is a pure function of n, so the parent knows what the
// child did from the numbers it acknowledged.
struct Change {
  enum Kind { kUpsert, kDelete, kSynonyms, kCompact } kind = kUpsert;
  std::vector<Entry> entries;
  std::string id;
  SynonymGroups synonyms;
};

uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

Entry content(const std::string& id, uint64_t n) {
  uint64_t h = mix(n);
  Entry e;
  e.id = id;
  e.question = "问题 " + id + " version " + std::to_string(n);
  e.similar = {"另一种问法 " + std::to_string(h % 1000)};
  if (h & 1) e.similar.push_back("third \"way\" to ask\n" + id);
  e.answer = "答案 " + std::string(h % 400, 'a' + static_cast<char>(n % 26));
  e.category = "cat" + std::to_string(h % 7);
  e.tags = {"t" + std::to_string(n % 3)};
  e.enabled = n % 5 != 0;
  return e;
}

Change change(uint64_t n) {
  Change c;
  if (n % 29 == 0) {  // a big batch (about 1 MB): kills land inside its write
    for (int k = 0; k < 2500; ++k) c.entries.push_back(content("big" + std::to_string(k), n + k));
  } else if (n % 10 == 0) {
    for (int k = 0; k < 20; ++k)
      c.entries.push_back(content("b" + std::to_string(n) + "-" + std::to_string(k), n + k));
  } else if (n % 7 == 0) {
    c.kind = Change::kDelete;
    c.id = "e" + std::to_string(n - 3);
  } else if (n % 23 == 0) {
    c.kind = Change::kSynonyms;
    c.synonyms = {{"s" + std::to_string(n), "同义 " + std::to_string(n)}, {"x", "y"}};
  } else if (n % 31 == 0) {
    c.kind = Change::kCompact;
  } else if (n % 11 == 0) {
    c.entries.push_back(content("e" + std::to_string(n / 2), n));  // replaces an older entry
  } else {
    c.entries.push_back(content("e" + std::to_string(n), n));
  }
  return c;
}

struct Model {
  std::map<std::string, Entry> entries;
  SynonymGroups synonyms;

  void apply(const Change& c) {
    switch (c.kind) {
      case Change::kUpsert:
        for (const Entry& e : c.entries) entries[e.id] = e;
        break;
      case Change::kDelete: entries.erase(c.id); break;
      case Change::kSynonyms: synonyms = c.synonyms; break;
      case Change::kCompact: break;
    }
  }
  StoredState state() const {
    StoredState s;
    for (const auto& [id, e] : entries) s.entries.push_back(e);
    s.synonyms = synonyms;
    return s;
  }
  bool operator==(const Model&) const = default;
};

Model model_of(StoredState&& s) {
  Model m;
  for (Entry& e : s.entries) {
    std::string id = e.id;
    m.entries.emplace(std::move(id), std::move(e));
  }
  m.synonyms = std::move(s.synonyms);
  return m;
}

// What differs, for the failure message.
std::string difference(const Model& got, const Model& want) {
  for (const auto& [id, e] : want.entries) {
    auto it = got.entries.find(id);
    if (it == got.entries.end()) return "acknowledged entry \"" + id + "\" is missing";
    if (!(it->second == e)) return "entry \"" + id + "\" does not have its acknowledged content";
  }
  for (const auto& [id, e] : got.entries)
    if (!want.entries.count(id))
      return "entry \"" + id + "\" is there but should not be (deleted or never written)";
  if (got.synonyms != want.synonyms) return "the synonyms are not the acknowledged ones";
  return "no difference";
}

// ---------------------------------------------------------------- the child

// The child tells the parent, through a pipe, the number of every change
// acknowledged, and these two events.
constexpr uint64_t kReady = ~uint64_t{0};         // the store is open
constexpr uint64_t kBigBatch = ~uint64_t{0} - 1;  // a batch of over 1 MB starts

void say(int fd, uint64_t value) {
  if (::write(fd, &value, sizeof value) != sizeof value) _exit(4);  // atomic: under PIPE_BUF
}

[[noreturn]] void child(const std::string& dir, uint64_t first, int ack_fd) {
  try {
    StoredState state;
    auto store = Store::open(dir, &state);
    say(ack_fd, kReady);
    Model mirror = model_of(std::move(state));
    for (uint64_t n = first;; ++n) {
      Change c = change(n);
      switch (c.kind) {
        case Change::kUpsert:
          if (c.entries.size() > 1000) say(ack_fd, kBigBatch);
          store->append_upserts(c.entries);
          break;
        case Change::kDelete: store->append_delete(c.id); break;
        case Change::kSynonyms: store->append_synonyms(c.synonyms); break;
        case Change::kCompact: store->compact(mirror.state()); break;
      }
      mirror.apply(c);
      say(ack_fd, n);
      if (store->wants_compaction()) store->compact(mirror.state());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kb_crash: child failed: %s\n", e.what());
    _exit(3);
  }
}

// ---------------------------------------------------------------- the parent

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

uint64_t size_or_zero(const std::string& path) {
  std::error_code ec;
  uint64_t n = std::filesystem::file_size(path, ec);
  return ec ? 0 : n;
}

uint64_t u64_at(const std::string& path, long offset) {
  uint64_t value = 0;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    if (std::fseek(f, offset, SEEK_SET) != 0 || std::fread(&value, sizeof value, 1, f) != 1)
      value = 0;
    std::fclose(f);
  }
  return value;
}

bool g_failed = false;  // keep the stores for a post-mortem

int failed(const std::string& why) {
  std::fprintf(stderr, "kb_crash: FAILED: %s\n", why.c_str());
  g_failed = true;
  return 1;
}

}  // namespace

int main() {
  const CrashRun run = crash_run(10);
  const double budget = run.budget;
  const uint64_t seed = run.seed;
  std::mt19937_64 rng(seed);

  char tmpl[] = "/tmp/kefu-kb-crash-XXXXXX";
  if (!::mkdtemp(tmpl)) return failed("cannot create a temporary directory");
  const std::string root = tmpl;
  struct Cleanup {
    std::string root;
    ~Cleanup() {
      if (g_failed)
        std::fprintf(stderr, "kb_crash: the stores are left in %s\n", root.c_str());
      else
        std::filesystem::remove_all(root);
    }
  } cleanup{root};

  const auto start = std::chrono::steady_clock::now();
  uint64_t iterations = 0, acknowledged = 0, entries_checked = 0, torn = 0, in_flight_kept = 0;
  uint64_t half_compactions = 0, last_half_compacted = 0;
  uint64_t stores = 0, n = 1;
  std::string dir;
  Model model;
  double big_delay_us = 3000;
  while (iterations == 0 || seconds_since(start) < budget) {
    if (dir.empty() || model.entries.size() > 10000) {  // keep reopening cheap
      dir = root + "/kb" + std::to_string(stores++);
      model = Model();
    }
    int fds[2];
    if (::pipe(fds) != 0) return failed("pipe");
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid < 0) return failed("fork");
    if (pid == 0) {
      ::close(fds[0]);
      child(dir, n, fds[1]);
    }
    ::close(fds[1]);

    // The acknowledged changes are n, n+1, ..., last.
    uint64_t last = n - 1;
    bool ready = false, big = false, out_of_order = false;
    auto hear = [&](int timeout_ms) {  // false when nothing came in time
      struct pollfd pfd = {fds[0], POLLIN, 0};
      uint64_t value;
      if (::poll(&pfd, 1, timeout_ms) != 1 || ::read(fds[0], &value, sizeof value) != sizeof value)
        return false;
      if (value == kReady) {
        ready = true;
      } else if (value == kBigBatch) {
        big = true;
      } else {
        out_of_order |= value != last + 1;
        last = value;
      }
      return true;
    };
    // When to kill: a quarter of the kills land anywhere from the start
    // (opening and repairing the store included), half of them while the
    // child is changing the store, a quarter just after a batch of over
    // 1 MB starts, to catch it in the middle of its write.
    const int mode = static_cast<int>(rng() % 4);
    uint64_t sleep_us = 1000 + rng() % 49000;
    if (mode >= 1) {
      while (!ready && hear(10000)) {
      }
      sleep_us = rng() % 100000;
    }
    if (mode == 3) {
      big = false;
      while (!big && hear(10000)) {
      }
      sleep_us = big_delay_us * (0.75 + 0.5 * (rng() % 1000) / 1000.0);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(sleep_us));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL))
      return failed("the child ended by itself (status " + std::to_string(status) + ")");
    while (hear(0)) {
    }
    if (out_of_order) return failed("acknowledgements out of order");
    ::close(fds[0]);
    for (uint64_t k = n; k <= last; ++k) model.apply(change(k));
    acknowledged += last + 1 - n;

    // The store must open cleanly and hold exactly the acknowledged state,
    // or that plus the change in flight when the child died.
    const uint64_t log_before = size_or_zero(dir + "/LOG");
    // A compaction cut between its two renames leaves a SNAPSHOT newer than
    // the LOG: the snapshot's seq (at byte 16) above the log's base (byte 16).
    const uint64_t snapshot_seq = u64_at(dir + "/SNAPSHOT", 16);
    const bool half_compacted = snapshot_seq > u64_at(dir + "/LOG", 16);
    if (half_compacted && snapshot_seq != last_half_compacted) ++half_compactions;
    if (half_compacted) last_half_compacted = snapshot_seq;
    StoredState state;
    std::unique_ptr<Store> store;
    try {
      store = Store::open(dir, &state);
    } catch (const std::exception& e) {
      return failed(std::string("reopening after the kill: ") + e.what());
    }
    const bool cut = size_or_zero(dir + "/LOG") < log_before;
    torn += cut;
    for (const auto& p : std::filesystem::directory_iterator(dir))
      if (p.path().filename().string().find(".tmp-") != std::string::npos)
        return failed("temporary file left behind: " + p.path().string());
    Model got = model_of(std::move(state));
    Model with_in_flight = model;
    with_in_flight.apply(change(last + 1));
    const bool applied = got == with_in_flight && !(got == model);
    if (applied) {
      ++in_flight_kept;
      model = with_in_flight;
    } else if (!(got == model)) {
      return failed("after change " + std::to_string(last) + " (iteration " +
                    std::to_string(iterations) + ", seed " + std::to_string(seed) +
                    "): " + difference(got, model));
    }
    entries_checked += model.entries.size();
    // Aim the kills after a big batch starts at the moment it is written:
    // later when the kill came before the write (nothing of the batch in
    // LOG), sooner when it came after (the whole batch is there).
    if (mode == 3 && big && change(last + 1).entries.size() > 1000 && !cut)
      big_delay_us = std::clamp(big_delay_us * (applied ? 0.8 : 1.2), 100.0, 50000.0);
    if (std::getenv("KEFU_CRASH_VERBOSE"))
      std::fprintf(stderr,
                   "%s%s%skill %.1f ms after %s: changes %llu..%llu acknowledged, %zu entries\n",
                   cut ? "[torn] " : "", half_compacted ? "[half compacted] " : "",
                   applied ? "[in flight applied] " : "", sleep_us / 1000.0,
                   mode == 0  ? "the start"
                   : mode < 3 ? "the open"
                              : "a big batch started",
                   static_cast<unsigned long long>(n), static_cast<unsigned long long>(last),
                   model.entries.size());
    store.reset();
    n = last + 2;  // the change in flight is settled either way: skip its number
    ++iterations;
  }
  std::printf(
      "kb_crash: %llu kills in %.1f s (seed %llu): %llu acknowledged changes checked, "
      "%llu entries compared; %llu torn tails cut off, %llu compactions cut between their "
      "renames, %llu changes in flight found applied\n",
      static_cast<unsigned long long>(iterations), seconds_since(start),
      static_cast<unsigned long long>(seed), static_cast<unsigned long long>(acknowledged),
      static_cast<unsigned long long>(entries_checked), static_cast<unsigned long long>(torn),
      static_cast<unsigned long long>(half_compactions),
      static_cast<unsigned long long>(in_flight_kept));
  return 0;
}
