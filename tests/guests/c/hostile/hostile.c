/* A hostile guest for the sandbox's tests. discover and open behave (one table `hostile`); next does what config
 * key `attack` names:
 *   loop           spins forever
 *   memory-bomb    mallocs and touches 1 MiB chunks until malloc fails, then traps
 *   alloc-2gib     mallocs 2 GiB and writes to every page of it (traps when malloc returns NULL)
 *   unlisted-host  fetches config `url` (a host the manifest does not grant) and reports what came back
 *   redirect       fetches config `url` (a granted server that redirects elsewhere) and reports what came back
 *   env            reads SECRET_TOKEN (not declared) and puts its value, or "none", in a permanent error
 *   log-flood      logs a 64 KiB line 10 000 times, then ends the read
 *   trap           executes `unreachable`
 *   bad-arrow      returns a batch whose arrow bytes are "not arrow"
 *   bad-pointer    returns a batch whose locator points at 0xFFFFFFF0 with length 100
 * Fetch outcomes come back as permanent errors: "refused: <host's error>" or "fetched: HTTP <status>". */
#include "hakiri_connector.h"

#include <stdlib.h>
#include <string.h>

static const hakiri_column columns[] = {{.name = "id", .type = HAKIRI_COL_INT64, .nullable = false}};

hakiri_error *hakiri_discover(hakiri_tables *tables) {
    hakiri_table table = {.name = "hostile", .description = "Misbehaves on purpose", .columns = columns, .column_count = 1};
    hakiri_tables_add(tables, &table);
    return NULL;
}

hakiri_error *hakiri_open(const char *table, size_t table_len, const uint8_t *cursor, size_t cursor_len, void **state) {
    (void)table, (void)table_len, (void)cursor, (void)cursor_len;
    char *attack = hakiri_config_get("attack");
    if (!attack) return hakiri_permanent("config key attack is missing");
    *state = attack;
    return NULL;
}

static hakiri_error *with(const char *prefix, const char *text) {
    hakiri_buf m = {0};
    hakiri_buf_append_str(&m, prefix);
    hakiri_buf_append_str(&m, text);
    hakiri_error *e = hakiri_permanent(m.data);
    hakiri_buf_free(&m);
    return e;
}

static hakiri_error *fetch_configured_url(void) {
    char *url = hakiri_config_get("url");
    if (!url) return hakiri_permanent("config key url is missing");
    hakiri_http_response response;
    hakiri_error *refused = hakiri_http_fetch("GET", url, NULL, 0, NULL, 0, &response);
    free(url);
    if (refused) {
        hakiri_error *e = with("refused: ", refused->message ? refused->message : "rate-limited");
        hakiri_error_free(refused);
        return e;
    }
    hakiri_buf m = {0};
    hakiri_buf_append_str(&m, "fetched: HTTP ");
    hakiri_buf_append_i64(&m, response.status);
    hakiri_http_response_free(&response);
    hakiri_error *e = hakiri_permanent(m.data);
    hakiri_buf_free(&m);
    return e;
}

static char *copy(const char *text) {
    size_t n = strlen(text);
    char *s = malloc(n + 1);
    if (!s) __builtin_trap();
    memcpy(s, text, n + 1);
    return s;
}

int hakiri_next(void *state, hakiri_batch *batch, hakiri_error **error) {
    const char *attack = state;
    if (strcmp(attack, "loop") == 0) {
        volatile uint64_t spins = 0;
        for (;;) spins++;
    }
    if (strcmp(attack, "memory-bomb") == 0) {
        for (;;) {
            volatile char *chunk = malloc(1 << 20);
            if (!chunk) __builtin_trap();
            for (size_t i = 0; i < (1 << 20); i += 4096) chunk[i] = 1;
        }
    }
    if (strcmp(attack, "alloc-2gib") == 0) {
        volatile char *huge = malloc((size_t)2 << 30);
        if (!huge) __builtin_trap();
        for (size_t i = 0; i < ((size_t)2 << 30); i += 65536) huge[i] = 1;
        *error = hakiri_permanent("allocated and wrote 2 GiB");
        return HAKIRI_NEXT_ERROR;
    }
    if (strcmp(attack, "unlisted-host") == 0 || strcmp(attack, "redirect") == 0) {
        *error = fetch_configured_url();
        return HAKIRI_NEXT_ERROR;
    }
    if (strcmp(attack, "env") == 0) {
        char *secret = hakiri_env_get("SECRET_TOKEN");
        *error = with("SECRET_TOKEN=", secret ? secret : "none");
        free(secret);
        return HAKIRI_NEXT_ERROR;
    }
    if (strcmp(attack, "log-flood") == 0) {
        size_t len = 64 * 1024;
        char *line = malloc(len);
        if (!line) __builtin_trap();
        memset(line, 'x', len);
        for (int i = 0; i < 10000; i++) hakiri_log_n(HAKIRI_INFO, line, len);
        free(line);
        return HAKIRI_NEXT_DONE;
    }
    if (strcmp(attack, "trap") == 0) __builtin_trap();
    if (strcmp(attack, "bad-arrow") == 0 || strcmp(attack, "bad-pointer") == 0) {
        batch->arrow = (uint8_t *)copy("not arrow");
        batch->arrow_len = 9;
        batch->cursor = (uint8_t *)copy("1");
        batch->cursor_len = 1;
        batch->has_more = false;
        if (strcmp(attack, "bad-arrow") == 0) {
            batch->locator = copy("hostile");
            batch->locator_len = 7;
        } else {
            batch->locator = (char *)(uintptr_t)0xFFFFFFF0u;
            batch->locator_len = 100;
        }
        return HAKIRI_NEXT_BATCH;
    }
    *error = with("unknown attack ", attack);
    return HAKIRI_NEXT_ERROR;
}

void hakiri_close(void *state) { free(state); }

hakiri_error *hakiri_acknowledge(const char *table, size_t table_len, const uint8_t *committed, size_t committed_len) {
    (void)table, (void)table_len, (void)committed, (void)committed_len;
    return NULL;
}
