package kefu;

import static kefu.Calls.LIB;
import static kefu.Calls.check;
import static kefu.Calls.cstr;
import static kefu.Calls.len;
import static kefu.Calls.utf8;

import com.sun.jna.Pointer;

/**
 * One conversation with an engine's bot. kefu.h allows one thread at a time per
 * session; calls here are synchronized, so sharing one is safe. Closing the engine
 * closes its sessions.
 */
public final class Session extends Handle {
  private final Engine engine;  // keeps the engine reachable while the session is

  Session(Engine engine, Pointer enginePtr, String stateJson) {
    super(open(enginePtr, stateJson), "session");
    this.engine = engine;
  }

  private static Pointer open(Pointer enginePtr, String stateJson) {
    byte[] s = utf8(stateJson);
    long[] out = new long[1];
    check(LIB.kefu_session_new(enginePtr, s, len(s), out));
    return Calls.ptr(out);
  }

  public Engine engine() {
    return engine;
  }

  /** One customer message in, the bot's move out (JSON: "action", "reply", "slots", ...). */
  public synchronized String turn(String text, String contextJson) {
    byte[] b = utf8(text);
    byte[] c = cstr(contextJson);
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_session_turn(p, b, len(b), c, out), out);
    });
  }

  public String turn(String text) {
    return turn(text, null);
  }

  /** The state as JSON, to restore with Engine.session(state). */
  public synchronized String save() {
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_session_save(p, out), out);
    });
  }

  @Override
  void free(Pointer p) {
    LIB.kefu_session_free(p);
  }
}
