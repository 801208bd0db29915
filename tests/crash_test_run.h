// What the crash tests (kb_crash, profiles_crash) share: their time budget
// (KEFU_CRASH_SECONDS) and random seed (KEFU_CRASH_SEED, default random).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <random>

struct CrashRun {
  double budget;  // seconds
  uint64_t seed;
};

inline CrashRun crash_run(double default_seconds) {
  CrashRun run{default_seconds, std::random_device{}()};
  if (const char* s = std::getenv("KEFU_CRASH_SECONDS")) run.budget = std::atof(s);
  if (const char* s = std::getenv("KEFU_CRASH_SEED")) run.seed = std::strtoull(s, nullptr, 10);
  return run;
}
