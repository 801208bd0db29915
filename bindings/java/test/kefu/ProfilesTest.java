package kefu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Customer profiles (skipped with a libkefu that predates them). */
class ProfilesTest {
  static boolean available() {
    try {
      new Profiles(null).close();
      return true;
    } catch (KefuException e) {
      return false;
    }
  }

  @Test
  void recordLinkGet() {
    assumeTrue(available(), "this libkefu has no profiles");
    Profiles p = new Profiles(null);
    try (p) {
      assertTrue(p.record("{\"customer\": {\"phone\": \"13812345678\"}, \"type\": \"purchase\","
          + " \"time\": \"2026-11-20T10:00:00+08:00\", \"attributes\": {\"amount\": 199}}")
          .contains("\"customer\""));
      p.record("{\"customer\": {\"member_id\": \"M1\"}, \"type\": \"page_view\","
          + " \"time\": \"2026-11-21T10:00:00+08:00\", \"attributes\": {\"page\": \"pricing\"}}");
      p.link("phone:13812345678", "member_id:M1");
      assertTrue(p.get("member_id:M1", null).orElseThrow().contains("\"events\""));
      assertFalse(p.get("phone:10000000000", null).isPresent());
      assertTrue(p.withTag("no-such-tag", 5).startsWith("["));
      assertThrows(KefuException.class, () -> p.record("{not json"));
    }
    assertThrows(KefuException.class, () -> p.get("member_id:M1", null));
  }
}
