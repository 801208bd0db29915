/* The public header must compile as strict C99 and be usable from C. */
#include <stdio.h>
#include <string.h>

#include "kefu/kefu.h"

int main(void) {
  char* out = NULL;
  kefu_status st = kefu_normalize("Ｈｉ", strlen("Ｈｉ"), NULL, &out);
  if (st != KEFU_OK || strcmp(out, "{\"spans\":[[0,1,0,3],[1,2,3,6]],\"text\":\"hi\"}") != 0) {
    fprintf(stderr, "unexpected: %s %s\n", kefu_status_name(st), out ? out : kefu_last_error());
    return 1;
  }
  kefu_string_free(out);
  printf("kefu %s from C99: ok\n", kefu_version());
  return 0;
}
