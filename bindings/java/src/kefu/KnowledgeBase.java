package kefu;

import static kefu.Calls.LIB;
import static kefu.Calls.check;
import static kefu.Calls.cstr;
import static kefu.Calls.len;
import static kefu.Calls.utf8;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * FAQ entries found by any of their questions, stored in a directory (durable) or in
 * memory. Internally synchronized: many threads may search while others change it.
 * An engine's own knowledge base (Engine.kb()) is read-only.
 */
public final class KnowledgeBase extends Handle {
  private final Engine owner;  // non-null: borrowed from this engine

  private KnowledgeBase(Pointer p) {
    super(p, "knowledge base");
    this.owner = null;
  }

  KnowledgeBase(Engine owner) {
    super(null, "engine");
    this.owner = owner;
  }

  /** Opens (or creates) the store in directory dir; null gives one in memory. */
  public static KnowledgeBase open(String dir, String optionsJson) {
    long[] out = new long[1];
    check(LIB.kefu_kb_open(cstr(dir), cstr(optionsJson), out));
    return new KnowledgeBase(Calls.ptr(out));
  }

  /** An empty knowledge base in memory. */
  public static KnowledgeBase inMemory() {
    return open(null, null);
  }

  @Override
  Pointer acquire() {
    return owner == null ? super.acquire() : LIB.kefu_engine_kb(owner.acquire());
  }

  @Override
  void release() {
    if (owner == null) {
      super.release();
    } else {
      owner.release();
    }
  }

  @Override
  public boolean isClosed() {
    return owner == null ? super.isClosed() : owner.isClosed();
  }

  private Pointer writable() {
    if (owner != null) {
      throw new KefuException(Calls.ERR_STATE, "KEFU_ERR_STATE",
          "KEFU_ERR_STATE: the engine's knowledge base is read-only");
    }
    return acquire();
  }

  private void change(java.util.function.ToIntFunction<Pointer> call) {
    Pointer p = writable();
    try {
      check(call.applyAsInt(p));
    } finally {
      release();
    }
  }

  /** Adds the entry (JSON), or replaces the one with the same id. */
  public void upsert(String entryJson) {
    byte[] b = utf8(entryJson);
    change(p -> LIB.kefu_kb_upsert(p, b, len(b)));
  }

  /** Removes the entry; KefuException (KEFU_ERR_NOT_FOUND) when absent. */
  public void delete(String id) {
    byte[] b = cstr(id);
    change(p -> LIB.kefu_kb_delete(p, b));
  }

  /** The entry with this id as JSON, or empty when there is none. */
  public Optional<String> get(String id) {
    byte[] b = cstr(id);
    return use(p -> {
      long[] out = new long[1];
      int status = LIB.kefu_kb_get(p, b, out);
      return status == Calls.ERR_NOT_FOUND ? Optional.<String>empty()
                                           : Optional.of(Calls.json(status, out));
    });
  }

  /** {"query", "answered", "results": [...]} best first; options: top_k, category, tags. */
  public String search(String query, String optionsJson) {
    byte[] b = utf8(query);
    byte[] o = cstr(optionsJson);
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_kb_search(p, b, len(b), o, out), out);
    });
  }

  public String search(String query) {
    return search(query, null);
  }

  /** Upserts JSONL entries in one durable step; returns the report {"imported", "errors"}. */
  public String importJsonl(String jsonl, String optionsJson) {
    byte[] b = utf8(jsonl);
    byte[] o = cstr(optionsJson);
    Pointer p = writable();
    try {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_kb_import(p, b, len(b), o, out), out);
    } finally {
      release();
    }
  }

  /** Every entry as JSONL ordered by id. */
  public String exportJsonl() {
    return use(p -> {
      long[] out = new long[1];
      long[] n = new long[1];
      return new String(Calls.bytes(LIB.kefu_kb_export(p, out, n), out, n),
                        StandardCharsets.UTF_8);
    });
  }

  /** Replaces the synonym groups: JSON [["退款", "退钱"], ...]. */
  public void setSynonyms(String synonymsJson) {
    byte[] b = utf8(synonymsJson);
    change(p -> LIB.kefu_kb_set_synonyms(p, b, len(b)));
  }

  /** Folds the log into a new snapshot now. */
  public void compact() {
    change(LIB::kefu_kb_compact);
  }

  /** {"entries", "enabled", "questions", "synonym_groups", "threshold", "store"} */
  public String stats() {
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_kb_stats(p, out), out);
    });
  }

  @Override
  public void close() {
    if (owner == null) {
      super.close();  // a borrowed knowledge base is the engine's to free
    }
  }

  @Override
  void free(Pointer p) {
    LIB.kefu_kb_close(p);
  }
}
