/* {{name}}: a Hakiri source connector written in C, built on the C SDK (hakiri_connector.h, hakiri_arrow.h,
 * hakiri_json.h). It reads one table, `items`, page by page from a JSON API:
 *
 *   GET <base_url>/items?limit=<page_size>[&after=<last id>]
 *   -> {"items": [{"id": 1, "name": "...", "score": 4.5, "active": true, "note": null}, ...], "has_more": true}
 *
 * Config keys (the pipeline's [pipelines.<name>.source] table): base_url (required), page_size (default 100),
 * token_env (optional: the environment variable holding a bearer token; declare it under [capabilities] env).
 * The cursor is the decimal text of the last id seen, so a run resumes after the last committed page.
 * Change the columns, the URL and append_items to fit your API. */
#include "hakiri_arrow.h"
#include "hakiri_connector.h"
#include "hakiri_json.h"

#include <stdlib.h>
#include <string.h>

typedef struct read_state {
    char *base_url;
    int64_t page_size;
    char *token;   /* NULL: no Authorization header */
    char *cursor;  /* decimal text of the last id, "" before the first */
    bool done;
} read_state;

static const hakiri_column columns[] = {
    {.name = "id", .type = HAKIRI_COL_INT64, .nullable = false},
    {.name = "name", .type = HAKIRI_COL_UTF8, .nullable = true},
    {.name = "score", .type = HAKIRI_COL_FLOAT64, .nullable = true},
    {.name = "active", .type = HAKIRI_COL_BOOLEAN, .nullable = true},
    {.name = "note", .type = HAKIRI_COL_UTF8, .nullable = true},
};
static const char *const primary_key[] = {"id"};

/* An error whose message is the four parts joined. */
static hakiri_error *error_with(hakiri_error_kind kind, const char *a, const char *b, const char *c, const char *d) {
    hakiri_buf m = {0};
    hakiri_buf_append_str(&m, a);
    hakiri_buf_append_str(&m, b);
    hakiri_buf_append_str(&m, c);
    hakiri_buf_append_str(&m, d);
    hakiri_error *e = hakiri_error_new(kind, m.data);
    hakiri_buf_free(&m);
    return e;
}

/* Config key base_url, as given (`trim` drops trailing slashes), or an error. */
static hakiri_error *base_url(char **out, bool trim) {
    char *url = hakiri_config_get("base_url");
    if (!url) return hakiri_permanent("config key base_url is missing");
    size_t len = strlen(url);
    while (trim && len > 0 && url[len - 1] == '/') url[--len] = 0;
    *out = url;
    return NULL;
}

static bool parse_decimal(const char *text, size_t len, int64_t *value) {
    if (len == 0 || len > 18) return false;
    int64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9') return false;
        v = v * 10 + (text[i] - '0');
    }
    *value = v;
    return true;
}

hakiri_error *hakiri_discover(hakiri_tables *tables) {
    char *url;
    hakiri_error *error = base_url(&url, false);
    if (error) return error;
    hakiri_buf description = {0};
    hakiri_buf_append_str(&description, "Items from ");
    hakiri_buf_append_str(&description, url);
    hakiri_table table = {
        .name = "items",
        .description = description.data,
        .columns = columns,
        .column_count = sizeof columns / sizeof columns[0],
        .primary_key = primary_key,
        .primary_key_count = 1,
    };
    hakiri_tables_add(tables, &table);
    hakiri_buf_free(&description);
    free(url);
    return NULL;
}

static void free_state(read_state *s) {
    if (!s) return;
    free(s->base_url);
    free(s->token);
    free(s->cursor);
    free(s);
}

hakiri_error *hakiri_open(const char *table, size_t table_len, const uint8_t *cursor, size_t cursor_len, void **state) {
    if (table_len != 5 || memcmp(table, "items", 5) != 0)
        return error_with(HAKIRI_PERMANENT, "table ", table, " does not exist; this connector reads only items", "");
    read_state *s = calloc(1, sizeof *s);
    if (!s) __builtin_trap();
    hakiri_error *error = base_url(&s->base_url, true);
    if (error) {
        free_state(s);
        return error;
    }

    s->page_size = 100;
    char *page_size = hakiri_config_get("page_size");
    if (page_size) {
        bool ok = parse_decimal(page_size, strlen(page_size), &s->page_size) && s->page_size > 0;
        if (!ok) error = error_with(HAKIRI_PERMANENT, "config key page_size is \"", page_size, "\"; use a whole number above 0", "");
        free(page_size);
        if (error) {
            free_state(s);
            return error;
        }
    }

    char *token_env = hakiri_config_get("token_env");
    if (token_env) {
        s->token = hakiri_env_get(token_env);
        if (!s->token) {
            hakiri_buf m = {0};
            hakiri_buf_append_str(&m, "environment variable ");
            hakiri_buf_append_str(&m, token_env);
            hakiri_buf_append_str(&m, " (config key token_env) is not set or not granted; set it and grant env:");
            hakiri_buf_append_str(&m, token_env);
            error = hakiri_permanent(m.data);
            hakiri_buf_free(&m);
        }
        free(token_env);
        if (error) {
            free_state(s);
            return error;
        }
    }

    int64_t after;
    if (cursor && cursor_len > 0 && !parse_decimal((const char *)cursor, cursor_len, &after)) {
        free_state(s);
        return hakiri_permanent("the cursor is not the decimal id this connector writes");
    }
    s->cursor = malloc(cursor_len + 1);
    if (!s->cursor) __builtin_trap();
    if (cursor_len) memcpy(s->cursor, cursor, cursor_len);
    s->cursor[cursor_len] = 0;
    *state = s;
    return NULL;
}

/* The error an HTTP status other than 200 means. */
static hakiri_error *status_error(const hakiri_http_response *r, const char *url) {
    hakiri_buf m = {0};
    hakiri_buf_append_str(&m, "GET ");
    hakiri_buf_append_str(&m, url);
    hakiri_buf_append_str(&m, " returned ");
    hakiri_buf_append_i64(&m, r->status);
    hakiri_error *e;
    if (r->status == 429) {
        /* Retry-After in seconds (an HTTP date, or nothing, means the default second). */
        const char *retry = hakiri_http_header(r, "Retry-After");
        int64_t seconds = -1;
        if (retry) {
            size_t start = 0, end = strlen(retry);
            while (start < end && retry[start] == ' ') start++;
            while (end > start && retry[end - 1] == ' ') end--;
            if (!parse_decimal(retry + start, end - start, &seconds)) seconds = -1;
        }
        e = hakiri_rate_limited(seconds < 0                               ? 1000
                                : (uint64_t)seconds > UINT64_MAX / 1000 ? UINT64_MAX
                                                                        : (uint64_t)seconds * 1000);
    } else if (r->status == 401 || r->status == 403) {
        e = hakiri_auth_expired(m.data);
    } else if (r->status >= 500 && r->status <= 599) {
        e = hakiri_transient(m.data);
    } else {
        e = hakiri_permanent(m.data);
    }
    hakiri_buf_free(&m);
    return e;
}

/* The schema error for items[index].key holding the wrong JSON type. */
static hakiri_error *wrong_type(size_t index, const char *key, const char *expected) {
    hakiri_buf m = {0};
    hakiri_buf_append_str(&m, "items[");
    hakiri_buf_append_i64(&m, (int64_t)index);
    hakiri_buf_append_str(&m, "].");
    hakiri_buf_append_str(&m, key);
    hakiri_buf_append_str(&m, " is not ");
    hakiri_buf_append_str(&m, expected);
    hakiri_error *e = hakiri_schema_incompatible(m.data);
    hakiri_buf_free(&m);
    return e;
}

/* Appends one page's items to the batch (null where JSON has null or no key); a value of the wrong type is a
 * schema error naming the item and key. */
static hakiri_error *append_items(hakiri_arrow_batch *batch, const hakiri_json *items, int64_t *last_id) {
    for (size_t i = 0; i < items->count; i++) {
        const hakiri_json *item = &items->items[i];
        if (item->kind != HAKIRI_JSON_OBJECT) return wrong_type(i, "", "an object");
        const hakiri_json *id = hakiri_json_get(item, "id");
        if (!id || id->kind != HAKIRI_JSON_NUMBER || !id->is_integer) return wrong_type(i, "id", "a 64-bit integer");
        hakiri_arrow_int64(batch, 0, id->integer);
        *last_id = id->integer;

        const char *names[] = {"name", "note"};
        const size_t string_columns[] = {1, 4};
        for (int k = 0; k < 2; k++) {
            const hakiri_json *v = hakiri_json_get(item, names[k]);
            if (!v || v->kind == HAKIRI_JSON_NULL) hakiri_arrow_null(batch, string_columns[k]);
            else if (v->kind == HAKIRI_JSON_STRING) hakiri_arrow_utf8(batch, string_columns[k], v->string, v->string_len);
            else return wrong_type(i, names[k], "a string");
        }
        const hakiri_json *score = hakiri_json_get(item, "score");
        if (!score || score->kind == HAKIRI_JSON_NULL) hakiri_arrow_null(batch, 2);
        else if (score->kind == HAKIRI_JSON_NUMBER) hakiri_arrow_float64(batch, 2, score->number);
        else return wrong_type(i, "score", "a number");
        const hakiri_json *active = hakiri_json_get(item, "active");
        if (!active || active->kind == HAKIRI_JSON_NULL) hakiri_arrow_null(batch, 3);
        else if (active->kind == HAKIRI_JSON_BOOL) hakiri_arrow_bool(batch, 3, active->boolean);
        else return wrong_type(i, "active", "a boolean");
    }
    return NULL;
}

static hakiri_error *read_page(read_state *s, const char *url, const hakiri_http_response *r, hakiri_batch *out) {
    const char *why = NULL;
    hakiri_json *doc = hakiri_json_parse((const char *)r->body, r->body_len, &why, NULL);
    if (!doc) return error_with(HAKIRI_PERMANENT, "GET ", url, " returned invalid JSON: ", why);
    const hakiri_json *items = hakiri_json_get(doc, "items");
    const hakiri_json *has_more = hakiri_json_get(doc, "has_more");
    if (!items || items->kind != HAKIRI_JSON_ARRAY) {
        hakiri_json_free(doc);
        return error_with(HAKIRI_PERMANENT, "GET ", url, " returned no items array", "");
    }

    hakiri_arrow_batch *batch = hakiri_arrow_new();
    hakiri_arrow_column(batch, "id", HAKIRI_ARROW_INT64, false);
    hakiri_arrow_column(batch, "name", HAKIRI_ARROW_UTF8, true);
    hakiri_arrow_column(batch, "score", HAKIRI_ARROW_FLOAT64, true);
    hakiri_arrow_column(batch, "active", HAKIRI_ARROW_BOOL, true);
    hakiri_arrow_column(batch, "note", HAKIRI_ARROW_UTF8, true);
    int64_t last_id = 0;
    hakiri_error *error = append_items(batch, items, &last_id);
    if (!error && !hakiri_arrow_finish(batch, &out->arrow, &out->arrow_len))
        error = hakiri_schema_incompatible(hakiri_arrow_error(batch));
    hakiri_arrow_free(batch);
    if (error) {
        hakiri_json_free(doc);
        return error;
    }

    hakiri_buf log = {0};
    hakiri_buf_append_str(&log, "items after ");
    hakiri_buf_append_str(&log, s->cursor[0] ? s->cursor : "start");
    hakiri_buf_append_str(&log, ": ");
    hakiri_buf_append_i64(&log, (int64_t)items->count);
    hakiri_buf_append_str(&log, " rows");
    hakiri_log(HAKIRI_INFO, log.data);
    hakiri_buf_free(&log);

    if (items->count > 0) {
        hakiri_buf next = {0};
        hakiri_buf_append_i64(&next, last_id);
        free(s->cursor);
        s->cursor = hakiri_buf_take(&next);
    }
    size_t cursor_len = strlen(s->cursor);
    out->cursor = malloc(cursor_len + 1);
    if (!out->cursor) __builtin_trap();
    memcpy(out->cursor, s->cursor, cursor_len + 1);
    out->cursor_len = cursor_len;
    out->has_more = has_more && has_more->kind == HAKIRI_JSON_BOOL && has_more->boolean;
    s->done = !out->has_more;
    hakiri_json_free(doc);
    return NULL;
}

int hakiri_next(void *state, hakiri_batch *batch, hakiri_error **error) {
    read_state *s = state;
    if (s->done) return HAKIRI_NEXT_DONE;

    hakiri_buf url = {0};
    hakiri_buf_append_str(&url, s->base_url);
    hakiri_buf_append_str(&url, "/items?limit=");
    hakiri_buf_append_i64(&url, s->page_size);
    if (s->cursor[0]) {
        hakiri_buf_append_str(&url, "&after=");
        hakiri_buf_append_str(&url, s->cursor);
    }

    hakiri_buf authorization = {0};
    hakiri_header headers[2] = {{"Accept", "application/json"}, {"Authorization", NULL}};
    if (s->token) {
        hakiri_buf_append_str(&authorization, "Bearer ");
        hakiri_buf_append_str(&authorization, s->token);
        headers[1].value = authorization.data;
    }
    hakiri_http_response response;
    *error = hakiri_http_fetch("GET", url.data, headers, s->token ? 2 : 1, NULL, 0, &response);
    hakiri_buf_free(&authorization);
    if (!*error) {
        *error = response.status == 200 ? read_page(s, url.data, &response, batch) : status_error(&response, url.data);
        hakiri_http_response_free(&response);
    }
    if (*error) {
        hakiri_buf_free(&url);
        return HAKIRI_NEXT_ERROR;
    }
    batch->locator_len = url.len;
    batch->locator = hakiri_buf_take(&url);
    return HAKIRI_NEXT_BATCH;
}

void hakiri_close(void *state) { free_state(state); }

hakiri_error *hakiri_acknowledge(const char *table, size_t table_len, const uint8_t *committed, size_t committed_len) {
    (void)table, (void)table_len, (void)committed, (void)committed_len;
    return NULL;
}
