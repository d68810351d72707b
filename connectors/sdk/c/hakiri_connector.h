/* Hakiri connector SDK for C: the glue between a C source connector and Hakiri's WIT world `source-connector`
 * (wit/connector.wit, package hakiri:connector@0.1.0).
 *
 * hakiri_connector.c holds the canonical-ABI side: the core exports the host calls, the host imports, the
 * read-handle resource and cabi_realloc/cabi_post_*. A connector author writes plain C against this header:
 *
 *   - implement hakiri_discover, hakiri_open, hakiri_next, hakiri_close and hakiri_acknowledge (below);
 *   - call hakiri_config_get, hakiri_env_get, hakiri_log and hakiri_http_fetch to reach the host;
 *   - return errors made with hakiri_transient, hakiri_permanent, ... (NULL means success).
 *
 * Memory: everything the SDK hands out is malloc'd and owned by the caller (free it with free() or the matching
 * *_free function); everything handed to the SDK (a batch's buffers, an error) becomes the SDK's.
 * Build for wasm32-wasi as a reactor (clang --target=wasm32-wasi -mexec-model=reactor); see
 * connectors/templates/c/README.md. C11, no stdio: the module imports nothing but Hakiri's host interface. */
#ifndef HAKIRI_CONNECTOR_H
#define HAKIRI_CONNECTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Errors: WIT connector-error ------------------------------------------------------------------------- */

/** The cases of WIT `connector-error`, in the WIT's order (the values are the variant's discriminants). */
typedef enum hakiri_error_kind {
    HAKIRI_TRANSIENT = 0,            /**< Worth retrying soon: timeouts, 5xx, dropped connections. */
    HAKIRI_PERMANENT = 1,            /**< Retrying will not help: bad configuration, a missing resource, a bug. */
    HAKIRI_AUTH_EXPIRED = 2,         /**< The credentials expired or were refused. */
    HAKIRI_RATE_LIMITED = 3,         /**< The service asked us to slow down; see retry_after_ms. */
    HAKIRI_SCHEMA_INCOMPATIBLE = 4,  /**< The data no longer fits the table's schema. */
} hakiri_error_kind;

/** A connector error. NULL stands for success wherever a function returns `hakiri_error *`. */
typedef struct hakiri_error {
    hakiri_error_kind kind;
    char *message;            /**< UTF-8, NUL-terminated, malloc'd; NULL for HAKIRI_RATE_LIMITED. */
    uint64_t retry_after_ms;  /**< Only for HAKIRI_RATE_LIMITED. */
} hakiri_error;

/** A new error of `kind` with a copy of the NUL-terminated `message`. Never returns NULL (traps when out of memory). */
hakiri_error *hakiri_error_new(hakiri_error_kind kind, const char *message);
/** A transient error (WIT `transient`). */
hakiri_error *hakiri_transient(const char *message);
/** A permanent error (WIT `permanent`). */
hakiri_error *hakiri_permanent(const char *message);
/** An auth-expired error (WIT `auth-expired`). */
hakiri_error *hakiri_auth_expired(const char *message);
/** A rate-limited error (WIT `rate-limited`): retry after `retry_after_ms` milliseconds. */
hakiri_error *hakiri_rate_limited(uint64_t retry_after_ms);
/** A schema-incompatible error (WIT `schema-incompatible`). */
hakiri_error *hakiri_schema_incompatible(const char *message);
/** Frees an error (NULL is fine). */
void hakiri_error_free(hakiri_error *error);

/* ---- A growable byte buffer, for URLs, messages and cursors ---------------------------------------------- */

/** A growable byte buffer. Zero-initialise it (`hakiri_buf b = {0};`); `data` stays NUL-terminated once non-NULL. */
typedef struct hakiri_buf {
    char *data;
    size_t len;
    size_t cap;
} hakiri_buf;

/** Appends `len` bytes. */
void hakiri_buf_append(hakiri_buf *buf, const void *bytes, size_t len);
/** Appends a NUL-terminated string. */
void hakiri_buf_append_str(hakiri_buf *buf, const char *text);
/** Appends the decimal text of a signed integer. */
void hakiri_buf_append_i64(hakiri_buf *buf, int64_t value);
/** Returns the malloc'd, NUL-terminated contents (never NULL) and empties the buffer. */
char *hakiri_buf_take(hakiri_buf *buf);
/** Frees the contents. */
void hakiri_buf_free(hakiri_buf *buf);

/* ---- Host imports: WIT interface `host` ------------------------------------------------------------------ */

/** WIT `log-level`. */
typedef enum hakiri_log_level { HAKIRI_DEBUG = 0, HAKIRI_INFO = 1, HAKIRI_WARN = 2, HAKIRI_ERROR = 3 } hakiri_log_level;

/** Writes a line to the run's log (WIT `log`); the host caps the volume. */
void hakiri_log(hakiri_log_level level, const char *message);
/** Writes `len` bytes of UTF-8 as one log line. */
void hakiri_log_n(hakiri_log_level level, const char *message, size_t len);

/** A key of the pipeline's source table (WIT `config`): malloc'd and NUL-terminated, or NULL when absent. */
char *hakiri_config_get(const char *key);
/** A granted environment variable (WIT `env`): malloc'd and NUL-terminated, or NULL when unset or not granted. */
char *hakiri_env_get(const char *name);
/** Milliseconds since the Unix epoch (WIT `now-ms`); false when the clock is not granted. */
bool hakiri_now_ms(uint64_t *out);

/** One HTTP header. */
typedef struct hakiri_header {
    char *name;
    char *value;
} hakiri_header;

/** An HTTP response (WIT `http-response`). Free it with hakiri_http_response_free. */
typedef struct hakiri_http_response {
    uint16_t status;
    hakiri_header *headers;  /**< NUL-terminated copies, in the order the host gave them. */
    size_t header_count;
    uint8_t *body;           /**< The body, followed by a NUL byte that body_len does not count. */
    size_t body_len;
} hakiri_http_response;

/** Sends a request through the host (WIT `http-fetch`). `headers` may be NULL when `header_count` is 0; a NULL
 *  `body` sends none. On success fills `response` and returns NULL; else returns the host's error. */
hakiri_error *hakiri_http_fetch(const char *method, const char *url, const hakiri_header *headers, size_t header_count,
                                const uint8_t *body, size_t body_len, hakiri_http_response *response);
/** A response header's value, matched without regard to case, or NULL. */
const char *hakiri_http_header(const hakiri_http_response *response, const char *name);
/** Frees what a response holds. */
void hakiri_http_response_free(hakiri_http_response *response);

/* ---- What the connector declares: WIT table-schema ------------------------------------------------------- */

/** WIT `column-type`, in the WIT's order. */
typedef enum hakiri_column_type {
    HAKIRI_COL_BOOLEAN = 0,
    HAKIRI_COL_INT64 = 1,
    HAKIRI_COL_FLOAT64 = 2,
    HAKIRI_COL_DECIMAL = 3,   /**< Uses precision and scale. */
    HAKIRI_COL_UTF8 = 4,
    HAKIRI_COL_BINARY = 5,
    HAKIRI_COL_DATE = 6,
    HAKIRI_COL_TIMESTAMP = 7, /**< Microseconds since the Unix epoch, UTC. */
    HAKIRI_COL_JSON = 8,
    HAKIRI_COL_STRING_LIST = 9,
} hakiri_column_type;

/** WIT `column`. Strings are NUL-terminated; description may be NULL. */
typedef struct hakiri_column {
    const char *name;
    hakiri_column_type type;
    bool nullable;
    const char *description;
    uint8_t precision, scale;  /**< Only for HAKIRI_COL_DECIMAL. */
} hakiri_column;

/** WIT `table-schema`. The SDK copies everything; the pointers need only live through hakiri_tables_add. */
typedef struct hakiri_table {
    const char *name;
    const char *description;  /**< May be NULL. */
    const hakiri_column *columns;
    size_t column_count;
    const char *const *primary_key;
    size_t primary_key_count;
} hakiri_table;

/** The list hakiri_discover fills. */
typedef struct hakiri_tables hakiri_tables;
/** Adds a copy of `table` to the list discover returns. */
void hakiri_tables_add(hakiri_tables *tables, const hakiri_table *table);

/* ---- What the connector returns from a read: WIT batch ---------------------------------------------------- */

/** WIT `batch`. The three buffers must be malloc'd (or NULL with length 0): the SDK frees them once the host has
 *  copied the batch. */
typedef struct hakiri_batch {
    uint8_t *arrow;       /**< An Arrow IPC stream (hakiri_arrow.h writes one). */
    size_t arrow_len;
    char *locator;        /**< Where the records came from, without secrets (a URL, a query). */
    size_t locator_len;
    uint8_t *cursor;      /**< The opaque cursor that resumes right after this batch. */
    size_t cursor_len;
    bool has_more;        /**< Whether another batch may follow in this read. */
} hakiri_batch;

/** What hakiri_next returns. */
enum { HAKIRI_NEXT_ERROR = -1, HAKIRI_NEXT_DONE = 0, HAKIRI_NEXT_BATCH = 1 };

/* ---- Implemented by the connector author ------------------------------------------------------------------ */

/** The tables this source can produce with its configuration (WIT `discover`): add them with hakiri_tables_add. */
hakiri_error *hakiri_discover(hakiri_tables *tables);

/** Opens a read of `table` (`table_len` bytes of UTF-8, also NUL-terminated) resuming after `cursor` (NULL: from the
 *  start; otherwise `cursor_len` bytes). Sets `*state` to whatever the read needs; it comes back to hakiri_next and
 *  hakiri_close. The SDK frees `table` and `cursor` after the call: copy what you keep. */
hakiri_error *hakiri_open(const char *table, size_t table_len, const uint8_t *cursor, size_t cursor_len, void **state);

/** The next batch of the read: fill `batch` and return HAKIRI_NEXT_BATCH, return HAKIRI_NEXT_DONE when the read is
 *  over, or set `*error` and return HAKIRI_NEXT_ERROR. */
int hakiri_next(void *state, hakiri_batch *batch, hakiri_error **error);

/** Releases a read's state (the host dropped the read handle). */
void hakiri_close(void *state);

/** The cursor of `table` the store has committed (WIT `acknowledge`); most sources return NULL. The SDK frees both
 *  arguments after the call. */
hakiri_error *hakiri_acknowledge(const char *table, size_t table_len, const uint8_t *committed, size_t committed_len);

#ifdef __cplusplus
}
#endif

#endif
