package kefu;

import static kefu.Calls.LIB;
import static kefu.Calls.check;
import static kefu.Calls.cstr;
import static kefu.Calls.len;
import static kefu.Calls.utf8;

import com.sun.jna.Pointer;
import java.util.Optional;

/**
 * Customer profiles: events per customer, identities merged across phone, member id,
 * account..., tags derived by rules. Internally synchronized; in memory or in a directory.
 */
public final class Profiles extends Handle {
  /** In memory; options: null or {"rules": [...], "routing": {...}}. */
  public Profiles(String optionsJson) {
    this(null, optionsJson);
  }

  /** Durable in directory dir (null: in memory). */
  public Profiles(String dir, String optionsJson) {
    super(create(dir, optionsJson), "profile store");
  }

  private static Pointer create(String dir, String optionsJson) {
    long[] out = new long[1];
    try {
      check(LIB.kefu_profiles_open(cstr(dir), cstr(optionsJson), out));
    } catch (UnsatisfiedLinkError e) {
      throw new KefuException(8, "KEFU_ERR_UNSUPPORTED", "KEFU_ERR_UNSUPPORTED: this libkefu has no profiles");
    }
    return Calls.ptr(out);
  }

  /** Records one event; returns {"customer", "seq", "merged", "tags"}. */
  public String record(String eventJson) {
    byte[] b = utf8(eventJson);
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_profiles_record(p, b, len(b), out), out);
    });
  }

  /** States that two identifiers ("phone:138…", "member_id:M1") are one person. */
  public String link(String a, String b) {
    byte[] x = cstr(a);
    byte[] y = cstr(b);
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_profiles_link(p, x, y, out), out);
    });
  }

  /** The profile behind an identifier (options: {"as_of": ...}), or empty if never seen. */
  public Optional<String> get(String identifier, String optionsJson) {
    byte[] id = cstr(identifier);
    byte[] o = cstr(optionsJson);
    return use(p -> {
      long[] out = new long[1];
      int status = LIB.kefu_profiles_get(p, id, o, out);
      return status == Calls.ERR_NOT_FOUND ? Optional.<String>empty()
                                           : Optional.of(Calls.json(status, out));
    });
  }

  /** Records a Session.turn result as the customer's events (customer: {"phone": ...}). */
  public String recordTurn(String customerJson, String turnJson, String contextJson) {
    byte[] c = cstr(customerJson);
    byte[] t = utf8(turnJson);
    byte[] o = cstr(contextJson);
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_profiles_record_turn(p, c, t, len(t), o, out), out);
    });
  }

  /** Where a contact should go: {"route", "queue", "channel", "priority", ...}. */
  public String route(String identifier, String turnJson) {
    byte[] id = cstr(identifier);
    byte[] t = utf8(turnJson);
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_profiles_route(p, id, t, len(t), out), out);
    });
  }

  /** Customers carrying the tag: [{"customer", "identifiers"}], at most limit. */
  public String withTag(String tag, long limit) {
    byte[] t = cstr(tag);
    return use(p -> {
      long[] out = new long[1];
      return Calls.json(LIB.kefu_profiles_with_tag(p, t, limit, out), out);
    });
  }

  @Override
  void free(Pointer p) {
    LIB.kefu_profiles_close(p);
  }
}
