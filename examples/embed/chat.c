/*
 * A customer-service conversation from C: trains the engine from a bot
 * definition, then plays each message (the arguments, or stdin lines) through
 * one session and prints the bot's replies, playing the host application
 * when a reply waits for the result of an action.
 *
 *   chat_c [BOT.json] [MESSAGE...]      BOT.json (or "") defaults to the installed shop-zh bot
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kefu/kefu.h>

#ifndef KEFU_DEFAULT_BOT
#define KEFU_DEFAULT_BOT "shop-zh.json"
#endif

static char* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  char* data = NULL;
  long size = -1;
  if (f && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
      (data = malloc((size_t)size + 1)) != NULL && fread(data, 1, (size_t)size, f) == (size_t)size) {
    *len = (size_t)size;
  } else {
    free(data);
    data = NULL;
  }
  if (f) fclose(f);
  return data;
}

/* Prints the string value of "key" in a flat JSON object written by kefu.
 * A real program would use its JSON library; this keeps the example to libc. */
static void print_field(const char* json, const char* key) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  const char* p = strstr(json, pattern);
  if (!p) {
    printf("(no %s)", key);
    return;
  }
  for (p += strlen(pattern); *p && *p != '"'; ++p) {
    if (*p != '\\') {
      putchar(*p);
      continue;
    }
    ++p; /* kefu writes UTF-8 as is and escapes only quotes, backslashes and controls */
    putchar(*p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
  }
}

/* What the host's order system would return for the action kefu asks it to
 * run ("fulfill"); kefu's reply templates quote it as {data.status}. */
static const char* kHostData = "{\"data\": {\"status\": \"运输中\", \"ticket_id\": \"T1\"}}";

/* Plays one message; returns 0 once the conversation is closed. */
static int turn(kefu_session* session, const char* text, const char* context) {
  char* result = NULL;
  if (kefu_session_turn(session, text, strlen(text), context, &result) != KEFU_OK) {
    fprintf(stderr, "turn failed: %s\n", kefu_last_error());
    return 0;
  }
  if (context == NULL) printf("customer: %s\n", text);
  if (strstr(result, "\"awaiting_data\":true")) { /* run the action, send its data */
    printf("host: runs ");
    print_field(strstr(result, "\"fulfill\":"), "action");
    printf("\n");
    kefu_string_free(result);
    return turn(session, "", kHostData);
  }
  printf("bot [");
  print_field(result, "action");
  printf("]: ");
  print_field(result, "reply");
  printf("\n");
  int closed = strstr(result, "\"closed\":true") != NULL;
  kefu_string_free(result);
  return !closed;
}

int main(int argc, char** argv) {
  const char* bot_path = argc > 1 && argv[1][0] ? argv[1] : KEFU_DEFAULT_BOT;
  size_t bot_len = 0;
  char* bot = read_file(bot_path, &bot_len);
  if (!bot) {
    fprintf(stderr, "cannot read %s\n", bot_path);
    return 1;
  }
  kefu_engine* engine = NULL;
  kefu_status status = kefu_engine_train(bot, bot_len, NULL, &engine);
  free(bot);
  if (status != KEFU_OK) {
    fprintf(stderr, "%s: %s\n", kefu_status_name(status), kefu_last_error());
    return 1;
  }
  kefu_session* session = NULL;
  if (kefu_session_new(engine, NULL, 0, &session) != KEFU_OK) {
    fprintf(stderr, "session: %s\n", kefu_last_error());
    kefu_engine_close(engine);
    return 1;
  }

  int open = 1;
  if (argc > 2) {
    for (int i = 2; i < argc && open; ++i) open = turn(session, argv[i], NULL);
  } else {
    char line[4096];
    while (open && fgets(line, sizeof line, stdin)) {
      line[strcspn(line, "\r\n")] = '\0';
      open = turn(session, line, NULL);
    }
  }
  kefu_session_free(session);
  kefu_engine_close(engine);
  return 0;
}
