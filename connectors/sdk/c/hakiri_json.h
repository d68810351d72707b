/* A small JSON reader (RFC 8259) for connectors: parses a document into a tree of values. Strings are decoded
 * to UTF-8 (escapes included, \uXXXX surrogate pairs combined); numbers keep their double value and, when written
 * as an integer that fits, their exact int64. Nesting is limited to 64 levels. Portable C11. */
#ifndef HAKIRI_JSON_H
#define HAKIRI_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The kind of a JSON value. */
typedef enum hakiri_json_kind {
    HAKIRI_JSON_NULL,
    HAKIRI_JSON_BOOL,
    HAKIRI_JSON_NUMBER,
    HAKIRI_JSON_STRING,
    HAKIRI_JSON_ARRAY,
    HAKIRI_JSON_OBJECT,
} hakiri_json_kind;

/** A parsed JSON value. */
typedef struct hakiri_json hakiri_json;
struct hakiri_json {
    hakiri_json_kind kind;
    bool boolean;         /**< HAKIRI_JSON_BOOL. */
    double number;        /**< HAKIRI_JSON_NUMBER. */
    bool is_integer;      /**< HAKIRI_JSON_NUMBER written without fraction or exponent, within int64. */
    int64_t integer;      /**< The exact value when is_integer. */
    char *string;         /**< HAKIRI_JSON_STRING: UTF-8, NUL-terminated (may also contain NUL: see string_len). */
    size_t string_len;
    size_t count;         /**< Elements of an array, members of an object. */
    hakiri_json *items;   /**< The elements, or the members' values. */
    char **keys;          /**< HAKIRI_JSON_OBJECT: the members' names, NUL-terminated. */
};

/** Parses `len` bytes of JSON. Returns the document (free it with hakiri_json_free), or NULL and sets `*error` to a
 *  static sentence naming what was wrong (and `*offset`, when not NULL, to the byte where it was noticed). */
hakiri_json *hakiri_json_parse(const char *text, size_t len, const char **error, size_t *offset);

/** The value of member `key` of an object (the last one if repeated), or NULL when absent or not an object. */
const hakiri_json *hakiri_json_get(const hakiri_json *object, const char *key);

/** Frees a document returned by hakiri_json_parse (NULL is fine). */
void hakiri_json_free(hakiri_json *document);

#ifdef __cplusplus
}
#endif

#endif
