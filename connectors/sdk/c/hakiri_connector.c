/* The canonical-ABI glue of hakiri_connector.h: what wit-bindgen would generate for world `source-connector`,
 * written by hand. Layouts follow the component model's CanonicalABI.md for wasm32 (pointers and lengths are
 * 32-bit); offsets are spelled out next to each lowering. Results wider than one value are returned through a
 * static area the host reads before it calls the matching cabi_post_* export, which frees what the area points to. */
#include "hakiri_connector.h"

#include <stdlib.h>
#include <string.h>

#if !defined(__wasm32__)
#error "hakiri_connector.c is built for wasm32 (clang --target=wasm32-wasi -mexec-model=reactor)"
#endif

#define HOST_IMPORT(name) __attribute__((import_module("hakiri:connector/host@0.1.0"), import_name(name)))
#define SOURCE_IMPORT(name) __attribute__((import_module("[export]hakiri:connector/source@0.1.0"), import_name(name)))
#define SOURCE_EXPORT(name) __attribute__((export_name("hakiri:connector/source@0.1.0#" name)))
#define SOURCE_POST(name) __attribute__((export_name("cabi_post_hakiri:connector/source@0.1.0#" name)))

HOST_IMPORT("log") extern void hk_import_log(int32_t level, int32_t ptr, int32_t len);
HOST_IMPORT("now-ms") extern void hk_import_now_ms(int32_t ret);
HOST_IMPORT("config") extern void hk_import_config(int32_t ptr, int32_t len, int32_t ret);
HOST_IMPORT("env") extern void hk_import_env(int32_t ptr, int32_t len, int32_t ret);
HOST_IMPORT("http-fetch") extern void hk_import_http_fetch(int32_t method_ptr, int32_t method_len, int32_t url_ptr,
                                                           int32_t url_len, int32_t headers_ptr, int32_t headers_len,
                                                           int32_t body_some, int32_t body_ptr, int32_t body_len,
                                                           int32_t ret);
SOURCE_IMPORT("[resource-new]read-handle") extern int32_t hk_import_resource_new(int32_t rep);

/* ---- Memory and little-endian access ------------------------------------------------------------------------ */

static void *xmalloc(size_t size) {
    void *p = malloc(size ? size : 1);
    if (!p) __builtin_trap();
    return p;
}

static int32_t ptr32(const void *p) { return (int32_t)(uintptr_t)p; }
static void *from32(uint32_t v) { return (void *)(uintptr_t)v; }
static void put_u8(uint8_t *at, uint8_t v) { *at = v; }
static void put_u32(uint8_t *at, uint32_t v) { memcpy(at, &v, 4); }
static void put_u64(uint8_t *at, uint64_t v) { memcpy(at, &v, 8); }
static void put_ptr(uint8_t *at, const void *p) { put_u32(at, (uint32_t)(uintptr_t)p); }
static uint32_t get_u32(const uint8_t *at) { uint32_t v; memcpy(&v, at, 4); return v; }
static uint64_t get_u64(const uint8_t *at) { uint64_t v; memcpy(&v, at, 8); return v; }
static uint16_t get_u16(const uint8_t *at) { uint16_t v; memcpy(&v, at, 2); return v; }

/* Memory the host allocated with cabi_realloc; a zero-length value may point anywhere, so it is never freed. */
static void free_lifted(uint32_t ptr, uint32_t len) {
    if (len) free(from32(ptr));
}

/* A host-allocated string as a NUL-terminated one the caller owns. */
static char *take_string(uint32_t ptr, uint32_t len) {
    if (!len) {
        char *empty = xmalloc(1);
        empty[0] = 0;
        return empty;
    }
    char *s = realloc(from32(ptr), (size_t)len + 1);
    if (!s) __builtin_trap();
    s[len] = 0;
    return s;
}

static char *copy_n(const char *text, size_t len) {
    char *s = xmalloc(len + 1);
    memcpy(s, text, len);
    s[len] = 0;
    return s;
}

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
    (void)old_size;
    if (new_size == 0) return (void *)align; /* never dereferenced, never freed */
    void *p;
    if (old) {
        p = realloc(old, new_size);
    } else if (align > 16) {
        p = aligned_alloc(align, (new_size + align - 1) / align * align);
    } else {
        p = malloc(new_size);
    }
    if (!p) __builtin_trap();
    return p;
}

/* One return area for every export: calls never overlap, and the host reads it before the next call.
 * 40 bytes fits the largest, result<option<batch>, connector-error>. */
static _Alignas(8) uint8_t ret_area[40];

/* ---- Errors ------------------------------------------------------------------------------------------------- */

hakiri_error *hakiri_error_new(hakiri_error_kind kind, const char *message) {
    hakiri_error *e = xmalloc(sizeof *e);
    e->kind = kind;
    e->message = message ? copy_n(message, strlen(message)) : copy_n("", 0);
    e->retry_after_ms = 0;
    return e;
}

hakiri_error *hakiri_transient(const char *message) { return hakiri_error_new(HAKIRI_TRANSIENT, message); }
hakiri_error *hakiri_permanent(const char *message) { return hakiri_error_new(HAKIRI_PERMANENT, message); }
hakiri_error *hakiri_auth_expired(const char *message) { return hakiri_error_new(HAKIRI_AUTH_EXPIRED, message); }
hakiri_error *hakiri_schema_incompatible(const char *message) {
    return hakiri_error_new(HAKIRI_SCHEMA_INCOMPATIBLE, message);
}

hakiri_error *hakiri_rate_limited(uint64_t retry_after_ms) {
    hakiri_error *e = xmalloc(sizeof *e);
    e->kind = HAKIRI_RATE_LIMITED;
    e->message = NULL;
    e->retry_after_ms = retry_after_ms;
    return e;
}

void hakiri_error_free(hakiri_error *error) {
    if (!error) return;
    free(error->message);
    free(error);
}

/* connector-error: u8 discriminant at 0, payload at 8 (string ptr/len, or u64). Takes the error's message. */
static void lower_error(uint8_t *at, hakiri_error *error) {
    if (error->kind > HAKIRI_SCHEMA_INCOMPATIBLE) error->kind = HAKIRI_PERMANENT;
    if (!error->message && error->kind != HAKIRI_RATE_LIMITED) error->message = copy_n("", 0);
    put_u8(at, (uint8_t)error->kind);
    if (error->kind == HAKIRI_RATE_LIMITED) {
        put_u64(at + 8, error->retry_after_ms);
        free(error->message);
    } else {
        put_ptr(at + 8, error->message);
        put_u32(at + 12, (uint32_t)strlen(error->message));
    }
    free(error);
}

static void free_lowered_error(const uint8_t *at) {
    if (at[0] != HAKIRI_RATE_LIMITED) free(from32(get_u32(at + 8)));
}

static hakiri_error *lift_error(const uint8_t *at) {
    hakiri_error *e = xmalloc(sizeof *e);
    e->kind = at[0] <= HAKIRI_SCHEMA_INCOMPATIBLE ? (hakiri_error_kind)at[0] : HAKIRI_PERMANENT;
    e->retry_after_ms = 0;
    e->message = NULL;
    if (e->kind == HAKIRI_RATE_LIMITED) {
        e->retry_after_ms = get_u64(at + 8);
    } else {
        e->message = take_string(get_u32(at + 8), get_u32(at + 12));
    }
    return e;
}

/* ---- hakiri_buf --------------------------------------------------------------------------------------------- */

void hakiri_buf_append(hakiri_buf *buf, const void *bytes, size_t len) {
    if (buf->len + len + 1 > buf->cap) {
        size_t cap = buf->cap ? buf->cap : 64;
        while (cap < buf->len + len + 1) cap *= 2;
        char *data = realloc(buf->data, cap);
        if (!data) __builtin_trap();
        buf->data = data;
        buf->cap = cap;
    }
    if (len) memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = 0;
}

void hakiri_buf_append_str(hakiri_buf *buf, const char *text) { hakiri_buf_append(buf, text, strlen(text)); }

void hakiri_buf_append_i64(hakiri_buf *buf, int64_t value) {
    char digits[24];
    size_t n = 0;
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    do {
        digits[n++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0) digits[n++] = '-';
    while (n) hakiri_buf_append(buf, &digits[--n], 1);
}

char *hakiri_buf_take(hakiri_buf *buf) {
    char *data = buf->data ? buf->data : copy_n("", 0);
    buf->data = NULL;
    buf->len = buf->cap = 0;
    return data;
}

void hakiri_buf_free(hakiri_buf *buf) {
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}

/* ---- Host imports ------------------------------------------------------------------------------------------- */

void hakiri_log_n(hakiri_log_level level, const char *message, size_t len) {
    hk_import_log((int32_t)level, ptr32(message), (int32_t)len);
}

void hakiri_log(hakiri_log_level level, const char *message) { hakiri_log_n(level, message, strlen(message)); }

/* option<string>: u8 discriminant at 0, ptr at 4, len at 8. */
static char *lift_option_string(const uint8_t *ret) {
    return ret[0] ? take_string(get_u32(ret + 4), get_u32(ret + 8)) : NULL;
}

char *hakiri_config_get(const char *key) {
    _Alignas(4) uint8_t ret[12];
    hk_import_config(ptr32(key), (int32_t)strlen(key), ptr32(ret));
    return lift_option_string(ret);
}

char *hakiri_env_get(const char *name) {
    _Alignas(4) uint8_t ret[12];
    hk_import_env(ptr32(name), (int32_t)strlen(name), ptr32(ret));
    return lift_option_string(ret);
}

bool hakiri_now_ms(uint64_t *out) {
    _Alignas(8) uint8_t ret[16]; /* option<u64>: discriminant at 0, value at 8 */
    hk_import_now_ms(ptr32(ret));
    if (!ret[0]) return false;
    *out = get_u64(ret + 8);
    return true;
}

hakiri_error *hakiri_http_fetch(const char *method, const char *url, const hakiri_header *headers, size_t header_count,
                                const uint8_t *body, size_t body_len, hakiri_http_response *response) {
    /* list<tuple<string, string>>: 16 bytes an element (name ptr, len, value ptr, len). */
    uint8_t *lowered = header_count ? xmalloc(header_count * 16) : NULL;
    for (size_t i = 0; i < header_count; i++) {
        put_ptr(lowered + i * 16, headers[i].name);
        put_u32(lowered + i * 16 + 4, (uint32_t)strlen(headers[i].name));
        put_ptr(lowered + i * 16 + 8, headers[i].value);
        put_u32(lowered + i * 16 + 12, (uint32_t)strlen(headers[i].value));
    }
    /* result<http-response, connector-error>: discriminant at 0, payload at 8; http-response is status u16 at +0,
     * headers list at +4, body list at +12. */
    _Alignas(8) uint8_t ret[32];
    memset(ret, 0, sizeof ret);
    hk_import_http_fetch(ptr32(method), (int32_t)strlen(method), ptr32(url), (int32_t)strlen(url), ptr32(lowered),
                         (int32_t)header_count, body ? 1 : 0, ptr32(body), (int32_t)(body ? body_len : 0), ptr32(ret));
    free(lowered);
    if (ret[0]) return lift_error(ret + 8);

    memset(response, 0, sizeof *response);
    response->status = get_u16(ret + 8);
    uint32_t list = get_u32(ret + 12), count = get_u32(ret + 16);
    response->header_count = count;
    response->headers = xmalloc(count * sizeof(hakiri_header));
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *tuple = (const uint8_t *)from32(list) + (size_t)i * 16;
        response->headers[i].name = take_string(get_u32(tuple), get_u32(tuple + 4));
        response->headers[i].value = take_string(get_u32(tuple + 8), get_u32(tuple + 12));
    }
    free_lifted(list, count);
    response->body_len = get_u32(ret + 24);
    response->body = (uint8_t *)take_string(get_u32(ret + 20), (uint32_t)response->body_len);
    return NULL;
}

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

const char *hakiri_http_header(const hakiri_http_response *response, const char *name) {
    for (size_t i = 0; i < response->header_count; i++) {
        const char *a = response->headers[i].name, *b = name;
        while (*a && ascii_lower((unsigned char)*a) == ascii_lower((unsigned char)*b)) a++, b++;
        if (!*a && !*b) return response->headers[i].value;
    }
    return NULL;
}

void hakiri_http_response_free(hakiri_http_response *response) {
    for (size_t i = 0; i < response->header_count; i++) {
        free(response->headers[i].name);
        free(response->headers[i].value);
    }
    free(response->headers);
    free(response->body);
    memset(response, 0, sizeof *response);
}

/* ---- discover ----------------------------------------------------------------------------------------------- */

/* Lowered table-schema records (36 bytes each): name at 0, description option<string> at 8 (ptr 12, len 16),
 * columns list at 20, primary-key list<string> at 28. A column record (24 bytes): name at 0, column-type at 8
 * (u8 discriminant, decimal's precision and scale at 9 and 10), nullable at 11, description option<string> at 12
 * (ptr 16, len 20). */
struct hakiri_tables {
    uint8_t *records;
    size_t count, cap;
};

static void lower_string(uint8_t *at, const char *text) {
    size_t len = strlen(text);
    put_ptr(at, copy_n(text, len));
    put_u32(at + 4, (uint32_t)len);
}

static void lower_option_string(uint8_t *at, const char *text) {
    put_u8(at, text ? 1 : 0);
    if (text) lower_string(at + 4, text);
}

void hakiri_tables_add(hakiri_tables *tables, const hakiri_table *table) {
    if (tables->count == tables->cap) {
        tables->cap = tables->cap ? tables->cap * 2 : 4;
        tables->records = realloc(tables->records, tables->cap * 36);
        if (!tables->records) __builtin_trap();
    }
    uint8_t *record = tables->records + tables->count++ * 36;
    memset(record, 0, 36);
    lower_string(record, table->name);
    lower_option_string(record + 8, table->description);

    uint8_t *columns = xmalloc(table->column_count * 24);
    memset(columns, 0, table->column_count * 24);
    for (size_t i = 0; i < table->column_count; i++) {
        const hakiri_column *column = &table->columns[i];
        uint8_t *c = columns + i * 24;
        lower_string(c, column->name);
        put_u8(c + 8, (uint8_t)column->type);
        if (column->type == HAKIRI_COL_DECIMAL) {
            put_u8(c + 9, column->precision);
            put_u8(c + 10, column->scale);
        }
        put_u8(c + 11, column->nullable ? 1 : 0);
        lower_option_string(c + 12, column->description);
    }
    put_ptr(record + 20, columns);
    put_u32(record + 24, (uint32_t)table->column_count);

    uint8_t *keys = xmalloc(table->primary_key_count * 8);
    for (size_t i = 0; i < table->primary_key_count; i++) lower_string(keys + i * 8, table->primary_key[i]);
    put_ptr(record + 28, keys);
    put_u32(record + 32, (uint32_t)table->primary_key_count);
}

static void free_tables(uint8_t *records, size_t count) {
    for (size_t t = 0; t < count; t++) {
        uint8_t *record = records + t * 36;
        free(from32(get_u32(record)));
        if (record[8]) free(from32(get_u32(record + 12)));
        uint8_t *columns = from32(get_u32(record + 20));
        for (uint32_t i = 0; i < get_u32(record + 24); i++) {
            free(from32(get_u32(columns + i * 24)));
            if (columns[i * 24 + 12]) free(from32(get_u32(columns + i * 24 + 16)));
        }
        free(columns);
        uint8_t *keys = from32(get_u32(record + 28));
        for (uint32_t i = 0; i < get_u32(record + 32); i++) free(from32(get_u32(keys + i * 8)));
        free(keys);
    }
    free(records);
}

/* result<list<table-schema>, connector-error>: discriminant at 0, payload at 8. */
SOURCE_EXPORT("discover") int32_t hk_export_discover(void) {
    hakiri_tables tables = {0};
    hakiri_error *error = hakiri_discover(&tables);
    memset(ret_area, 0, sizeof ret_area);
    if (error) {
        free_tables(tables.records, tables.count);
        put_u8(ret_area, 1);
        lower_error(ret_area + 8, error);
    } else {
        put_u8(ret_area, 0);
        put_ptr(ret_area + 8, tables.records);
        put_u32(ret_area + 12, (uint32_t)tables.count);
    }
    return ptr32(ret_area);
}

SOURCE_POST("discover") void hk_post_discover(int32_t ret) {
    const uint8_t *r = from32((uint32_t)ret);
    if (r[0]) free_lowered_error(r + 8);
    else free_tables(from32(get_u32(r + 8)), get_u32(r + 12));
}

/* ---- open, the read-handle resource, acknowledge ------------------------------------------------------------ */

/* The resource's representation: what the host hands back to next and the destructor. */
typedef struct read_rep {
    void *state;
} read_rep;

/* result<read-handle, connector-error>: discriminant at 0, the handle (i32) or the error at 8. */
SOURCE_EXPORT("open") int32_t hk_export_open(int32_t table_ptr, int32_t table_len, int32_t cursor_some,
                                             int32_t cursor_ptr, int32_t cursor_len) {
    char *table = take_string((uint32_t)table_ptr, (uint32_t)table_len);
    void *state = NULL;
    hakiri_error *error = hakiri_open(table, (size_t)table_len, cursor_some ? from32((uint32_t)cursor_ptr) : NULL,
                                      cursor_some ? (size_t)cursor_len : 0, &state);
    free(table);
    if (cursor_some) free_lifted((uint32_t)cursor_ptr, (uint32_t)cursor_len);
    memset(ret_area, 0, sizeof ret_area);
    if (error) {
        put_u8(ret_area, 1);
        lower_error(ret_area + 8, error);
    } else {
        read_rep *rep = xmalloc(sizeof *rep);
        rep->state = state;
        put_u8(ret_area, 0);
        put_u32(ret_area + 8, (uint32_t)hk_import_resource_new(ptr32(rep)));
    }
    return ptr32(ret_area);
}

SOURCE_POST("open") void hk_post_open(int32_t ret) {
    const uint8_t *r = from32((uint32_t)ret);
    if (r[0]) free_lowered_error(r + 8);
}

/* result<option<batch>, connector-error>: discriminant at 0, payload at 8. option<batch>: discriminant at 8, the
 * batch at 12: arrow list at 12, locator at 20, cursor at 28, has-more at 36. */
SOURCE_EXPORT("[method]read-handle.next") int32_t hk_export_next(int32_t self) {
    read_rep *rep = from32((uint32_t)self);
    hakiri_batch batch;
    memset(&batch, 0, sizeof batch);
    hakiri_error *error = NULL;
    int outcome = hakiri_next(rep->state, &batch, &error);
    memset(ret_area, 0, sizeof ret_area);
    if (outcome == HAKIRI_NEXT_BATCH) {
        put_u8(ret_area, 0);
        put_u8(ret_area + 8, 1);
        put_ptr(ret_area + 12, batch.arrow);
        put_u32(ret_area + 16, (uint32_t)batch.arrow_len);
        put_ptr(ret_area + 20, batch.locator);
        put_u32(ret_area + 24, (uint32_t)batch.locator_len);
        put_ptr(ret_area + 28, batch.cursor);
        put_u32(ret_area + 32, (uint32_t)batch.cursor_len);
        put_u8(ret_area + 36, batch.has_more ? 1 : 0);
    } else if (outcome == HAKIRI_NEXT_DONE) {
        put_u8(ret_area, 0);
        put_u8(ret_area + 8, 0);
    } else {
        put_u8(ret_area, 1);
        lower_error(ret_area + 8, error ? error : hakiri_permanent("hakiri_next failed without saying why"));
    }
    return ptr32(ret_area);
}

SOURCE_POST("[method]read-handle.next") void hk_post_next(int32_t ret) {
    const uint8_t *r = from32((uint32_t)ret);
    if (r[0]) {
        free_lowered_error(r + 8);
    } else if (r[8]) {
        free(from32(get_u32(r + 12)));
        free(from32(get_u32(r + 20)));
        free(from32(get_u32(r + 28)));
    }
}

SOURCE_EXPORT("[dtor]read-handle") void hk_export_dtor(int32_t self) {
    read_rep *rep = from32((uint32_t)self);
    hakiri_close(rep->state);
    free(rep);
}

/* result<_, connector-error>: discriminant at 0, the error at 8. */
SOURCE_EXPORT("acknowledge") int32_t hk_export_acknowledge(int32_t table_ptr, int32_t table_len, int32_t committed_ptr,
                                                           int32_t committed_len) {
    char *table = take_string((uint32_t)table_ptr, (uint32_t)table_len);
    hakiri_error *error = hakiri_acknowledge(table, (size_t)table_len, from32((uint32_t)committed_ptr),
                                             (size_t)committed_len);
    free(table);
    free_lifted((uint32_t)committed_ptr, (uint32_t)committed_len);
    memset(ret_area, 0, sizeof ret_area);
    if (error) {
        put_u8(ret_area, 1);
        lower_error(ret_area + 8, error);
    }
    return ptr32(ret_area);
}

SOURCE_POST("acknowledge") void hk_post_acknowledge(int32_t ret) {
    const uint8_t *r = from32((uint32_t)ret);
    if (r[0]) free_lowered_error(r + 8);
}
