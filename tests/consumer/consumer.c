/* A program that uses an installed kefu, as a vendor would. */
#include <stdio.h>
#include <string.h>

#include <kefu/kefu.h>

int main(void) {
  kefu_segmenter* seg = NULL;
  char* out = NULL;
  const char* text = "我想退货";
  if (kefu_segmenter_new(NULL, &seg) != KEFU_OK ||
      kefu_segment(seg, text, strlen(text), &out) != KEFU_OK) {
    fprintf(stderr, "kefu failed: %s\n", kefu_last_error());
    return 1;
  }
  printf("kefu %s: %s\n", kefu_version(), out);
  kefu_string_free(out);
  kefu_segmenter_free(seg);
  return 0;
}
