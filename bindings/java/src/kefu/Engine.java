package kefu;

import static kefu.Calls.LIB;
import static kefu.Calls.check;
import static kefu.Calls.cstr;
import static kefu.Calls.len;
import static kefu.Calls.utf8;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A trained bot, immutable once built: one engine may be used by any number of threads.
 * Results are JSON strings as documented in kefu.h; options are JSON (null = defaults).
 */
public final class Engine extends Handle {
  private final Set<Session> sessions = Collections.synchronizedSet(
      Collections.newSetFromMap(new WeakHashMap<>()));

  private Engine(Pointer p) {
    super(p, "engine");
  }

  private static Engine made(int status, long[] out) {
    check(status);
    return new Engine(Calls.ptr(out));
  }

  /** Trains from a bot definition (JSON). */
  public static Engine train(String botJson, String optionsJson) {
    byte[] b = utf8(botJson);
    long[] out = new long[1];
    return made(LIB.kefu_engine_train(b, len(b), cstr(optionsJson), out), out);
  }

  /** Trains the intent classifier from JSONL {"text", "intent"} lines; dev may be null. */
  public static Engine trainJsonl(String train, String dev, String optionsJson) {
    byte[] t = utf8(train);
    byte[] d = utf8(dev);
    long[] out = new long[1];
    return made(LIB.kefu_engine_train_jsonl(t, len(t), d, len(d), cstr(optionsJson), out), out);
  }

  /** Loads a model file. */
  public static Engine open(String path) {
    long[] out = new long[1];
    return made(LIB.kefu_engine_open(cstr(path), null, out), out);
  }

  /** Loads a model file's bytes held in memory. */
  public static Engine fromBytes(byte[] data) {
    long[] out = new long[1];
    return made(LIB.kefu_engine_open_memory(data, len(data), null, out), out);
  }

  /** Writes the model file atomically. */
  public void save(String path) {
    use(p -> { check(LIB.kefu_engine_save(p, cstr(path))); return null; });
  }

  /** The model file's bytes. */
  public byte[] toBytes() {
    return use(p -> {
      long[] out = new long[1];
      long[] n = new long[1];
      return Calls.bytes(LIB.kefu_engine_serialize(p, out, n), out, n);
    });
  }

  /** {"name", "language", "intents", ...} */
  public String info() {
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_engine_info(p, out), out);
    });
  }

  /** Understands one message: {"text", "intent", "intents", "slots", "entities", "sentiment", ...}. */
  public String parse(String text, String optionsJson) {
    byte[] b = utf8(text);
    byte[] o = cstr(optionsJson);
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_parse(p, b, len(b), o, out), out);
    });
  }

  public String parse(String text) {
    return parse(text, null);
  }

  /** Hot-path classification without JSON: up to k intents, best first. */
  public Classification classify(String text, int k) {
    byte[] b = utf8(text);
    Memory scores = new Memory((long) KefuLibrary.INTENT_SCORE_BYTES * Math.max(k, 1));
    return use(p -> {
      long[] count = new long[1];
      int[] oos = new int[1];
      check(LIB.kefu_classify(p, b, len(b), scores, k, count, oos));
      List<IntentScore> list = new ArrayList<>();
      for (int i = 0; i < count[0]; i++) {  // names point into the engine: copy now
        long at = (long) i * KefuLibrary.INTENT_SCORE_BYTES;
        list.add(new IntentScore(Calls.str(scores.getPointer(at)), scores.getFloat(at + Native.POINTER_SIZE)));
      }
      return new Classification(List.copyOf(list), oos[0] != 0);
    });
  }

  /** The bot's own knowledge base (its "faq"): read-only, valid while this engine is open. */
  public KnowledgeBase kb() {
    return new KnowledgeBase(this);
  }

  /** A new conversation (state null) or one restored from Session.save(). */
  public Session session(String stateJson) {
    return use(p -> {
      Session s = new Session(this, p, stateJson);
      sessions.add(s);
      return s;
    });
  }

  public Session session() {
    return session(null);
  }

  @Override
  void beforeFree() {
    List<Session> open;
    synchronized (sessions) {
      open = new ArrayList<>(sessions);
    }
    open.forEach(Session::close);  // kefu.h: the engine outlives its sessions
  }

  @Override
  void free(Pointer p) {
    LIB.kefu_engine_close(p);
  }
}
