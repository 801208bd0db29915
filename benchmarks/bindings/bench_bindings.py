"""The cost of one call through the Python binding, to set beside bench_abi
(the same calls from C): Engine.parse (decoded to a dict), Engine.parse_json
(the JSON text) and Engine.classify, best mean of five repeats.

usage: python3 bench_bindings.py BOT.json MESSAGES.txt [PASSES]
(the kefu package on PYTHONPATH, KEFU_LIBRARY naming libkefu.so)
"""
import json
import sys
import time

import kefu


def best_mean_us(messages, passes, fn):
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(passes):
            for m in messages:
                fn(m)
        best = min(best, (time.perf_counter() - start) * 1e6 / (passes * len(messages)))
    return best


def main():
    bot_path, messages_path = sys.argv[1], sys.argv[2]
    passes = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    with open(messages_path, encoding="utf-8") as f:
        messages = [line.rstrip("\n") for line in f if line.strip()]
    with open(bot_path, encoding="utf-8") as f:
        engine = kefu.Engine.train(f.read())
    with engine:
        for call, fn in [("parse", engine.parse), ("parse_json", engine.parse_json),
                         ("classify", engine.classify)]:
            us = best_mean_us(messages, passes, fn)
            print(json.dumps({"bench": "call", "via": "python", "call": call,
                              "messages": len(messages), "us": round(us, 2)}))


if __name__ == "__main__":
    main()
