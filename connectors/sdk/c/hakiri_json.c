/* Recursive-descent JSON parser behind hakiri_json.h. */
#include "hakiri_json.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

typedef struct parser {
    const char *text;
    size_t len, at;
    const char *error;
} parser;

static void *xrealloc(void *p, size_t size) {
    p = realloc(p, size ? size : 1);
    if (!p) __builtin_trap();
    return p;
}

static bool failed(parser *p, const char *why) {
    if (!p->error) p->error = why;
    return false;
}

static void skip_space(parser *p) {
    while (p->at < p->len && (p->text[p->at] == ' ' || p->text[p->at] == '\t' || p->text[p->at] == '\n' || p->text[p->at] == '\r'))
        p->at++;
}

static bool literal(parser *p, const char *word) {
    size_t n = strlen(word);
    if (p->len - p->at < n || memcmp(p->text + p->at, word, n) != 0) return failed(p, "unexpected characters");
    p->at += n;
    return true;
}

static void free_value(hakiri_json *v) {
    if (v->kind == HAKIRI_JSON_STRING) free(v->string);
    for (size_t i = 0; i < v->count; i++) {
        free_value(&v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
}

/* A growable output for string decoding. */
typedef struct out {
    char *data;
    size_t len, cap;
} out;

static void emit(out *o, const char *bytes, size_t n) {
    if (o->len + n + 1 > o->cap) {
        o->cap = (o->len + n + 1) * 2;
        o->data = xrealloc(o->data, o->cap);
    }
    memcpy(o->data + o->len, bytes, n);
    o->len += n;
    o->data[o->len] = 0;
}

static void emit_code_point(out *o, uint32_t c) {
    char b[4];
    if (c < 0x80) {
        b[0] = (char)c;
        emit(o, b, 1);
    } else if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        emit(o, b, 2);
    } else if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        emit(o, b, 3);
    } else {
        b[0] = (char)(0xF0 | (c >> 18));
        b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[3] = (char)(0x80 | (c & 0x3F));
        emit(o, b, 4);
    }
}

static bool hex4(parser *p, uint32_t *value) {
    if (p->len - p->at < 4) return failed(p, "a \\u escape needs four hex digits");
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p->text[p->at++];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (uint32_t)(c - 'A' + 10);
        else return failed(p, "a \\u escape needs four hex digits");
    }
    *value = v;
    return true;
}

/* Parses a string starting at its opening quote. */
static bool string(parser *p, char **result, size_t *result_len) {
    out o = {0};
    emit(&o, "", 0);
    p->at++;
    for (;;) {
        if (p->at >= p->len) {
            free(o.data);
            return failed(p, "a string is not closed");
        }
        unsigned char c = (unsigned char)p->text[p->at++];
        if (c == '"') break;
        if (c < 0x20) {
            free(o.data);
            return failed(p, "a string holds an unescaped control character");
        }
        if (c != '\\') {
            emit(&o, (const char *)&c, 1);
            continue;
        }
        if (p->at >= p->len) {
            free(o.data);
            return failed(p, "a string is not closed");
        }
        char e = p->text[p->at++];
        const char *simple = NULL;
        switch (e) {
        case '"': simple = "\""; break;
        case '\\': simple = "\\"; break;
        case '/': simple = "/"; break;
        case 'b': simple = "\b"; break;
        case 'f': simple = "\f"; break;
        case 'n': simple = "\n"; break;
        case 'r': simple = "\r"; break;
        case 't': simple = "\t"; break;
        case 'u': {
            uint32_t unit;
            if (!hex4(p, &unit)) {
                free(o.data);
                return false;
            }
            if (unit >= 0xD800 && unit < 0xDC00 && p->len - p->at >= 6 && p->text[p->at] == '\\' && p->text[p->at + 1] == 'u') {
                size_t back = p->at;
                uint32_t low;
                p->at += 2;
                if (!hex4(p, &low)) {
                    free(o.data);
                    return false;
                }
                if (low >= 0xDC00 && low < 0xE000) unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                else p->at = back;
            }
            /* A lone surrogate cannot be UTF-8: it becomes U+FFFD, as most decoders do. */
            if (unit >= 0xD800 && unit < 0xE000) unit = 0xFFFD;
            emit_code_point(&o, unit);
            continue;
        }
        default: free(o.data); return failed(p, "a string holds an unknown escape");
        }
        emit(&o, simple, 1);
    }
    *result = o.data;
    *result_len = o.len;
    return true;
}

static bool number(parser *p, hakiri_json *v) {
    size_t start = p->at;
    bool integer = true;
    if (p->at < p->len && p->text[p->at] == '-') p->at++;
    size_t digits = p->at;
    while (p->at < p->len && p->text[p->at] >= '0' && p->text[p->at] <= '9') p->at++;
    if (p->at == digits) return failed(p, "unexpected characters");
    if (p->text[digits] == '0' && p->at - digits > 1) return failed(p, "a number has a leading zero");
    if (p->at < p->len && p->text[p->at] == '.') {
        integer = false;
        p->at++;
        size_t frac = p->at;
        while (p->at < p->len && p->text[p->at] >= '0' && p->text[p->at] <= '9') p->at++;
        if (p->at == frac) return failed(p, "a number has no digits after its point");
    }
    if (p->at < p->len && (p->text[p->at] == 'e' || p->text[p->at] == 'E')) {
        integer = false;
        p->at++;
        if (p->at < p->len && (p->text[p->at] == '+' || p->text[p->at] == '-')) p->at++;
        size_t exp = p->at;
        while (p->at < p->len && p->text[p->at] >= '0' && p->text[p->at] <= '9') p->at++;
        if (p->at == exp) return failed(p, "a number has no digits in its exponent");
    }
    char buffer[64];
    size_t n = p->at - start;
    char *copy = n < sizeof buffer ? buffer : xrealloc(NULL, n + 1);
    memcpy(copy, p->text + start, n);
    copy[n] = 0;
    v->kind = HAKIRI_JSON_NUMBER;
    v->number = strtod(copy, NULL);
    if (integer) {
        /* Exact int64 when it fits: accumulate as a negative number so INT64_MIN fits too. */
        bool negative = copy[0] == '-';
        int64_t acc = 0;
        v->is_integer = true;
        for (const char *d = copy + (negative ? 1 : 0); *d; d++) {
            int digit = *d - '0';
            if (acc < (INT64_MIN + digit) / 10) {
                v->is_integer = false;
                break;
            }
            acc = acc * 10 - digit;
        }
        if (v->is_integer && !negative) {
            if (acc == INT64_MIN) v->is_integer = false;
            else acc = -acc;
        }
        v->integer = v->is_integer ? acc : 0;
    }
    if (copy != buffer) free(copy);
    return true;
}

static bool value(parser *p, hakiri_json *v, int depth);

static bool members(parser *p, hakiri_json *v, int depth, bool object) {
    char close = object ? '}' : ']';
    size_t cap = 0;
    p->at++;
    skip_space(p);
    if (p->at < p->len && p->text[p->at] == close) {
        p->at++;
        return true;
    }
    for (;;) {
        if (v->count == cap) {
            cap = cap ? cap * 2 : 8;
            v->items = xrealloc(v->items, cap * sizeof(hakiri_json));
            if (object) v->keys = xrealloc(v->keys, cap * sizeof(char *));
        }
        hakiri_json *item = &v->items[v->count];
        memset(item, 0, sizeof *item);
        skip_space(p);
        if (object) {
            size_t key_len;
            if (p->at >= p->len || p->text[p->at] != '"') return failed(p, "an object member has no quoted name");
            if (!string(p, &v->keys[v->count], &key_len)) return false;
            skip_space(p);
            if (p->at >= p->len || p->text[p->at] != ':') {
                free(v->keys[v->count]);
                return failed(p, "an object member has no colon after its name");
            }
            p->at++;
        }
        v->count++;
        if (!value(p, item, depth + 1)) return false;
        skip_space(p);
        if (p->at < p->len && p->text[p->at] == ',') {
            p->at++;
            continue;
        }
        if (p->at < p->len && p->text[p->at] == close) {
            p->at++;
            return true;
        }
        return failed(p, object ? "an object is missing a comma or a closing brace" : "an array is missing a comma or a closing bracket");
    }
}

static bool value(parser *p, hakiri_json *v, int depth) {
    if (depth >= MAX_DEPTH) return failed(p, "the document nests deeper than 64 levels");
    skip_space(p);
    if (p->at >= p->len) return failed(p, "the document ends where a value should be");
    switch (p->text[p->at]) {
    case 'n': v->kind = HAKIRI_JSON_NULL; return literal(p, "null");
    case 't': v->kind = HAKIRI_JSON_BOOL; v->boolean = true; return literal(p, "true");
    case 'f': v->kind = HAKIRI_JSON_BOOL; v->boolean = false; return literal(p, "false");
    case '"': v->kind = HAKIRI_JSON_STRING; return string(p, &v->string, &v->string_len);
    case '[': v->kind = HAKIRI_JSON_ARRAY; return members(p, v, depth, false);
    case '{': v->kind = HAKIRI_JSON_OBJECT; return members(p, v, depth, true);
    default: return number(p, v);
    }
}

hakiri_json *hakiri_json_parse(const char *text, size_t len, const char **error, size_t *offset) {
    parser p = {text, len, 0, NULL};
    hakiri_json *root = xrealloc(NULL, sizeof *root);
    memset(root, 0, sizeof *root);
    bool ok = value(&p, root, 0);
    if (ok) {
        skip_space(&p);
        if (p.at != p.len) ok = failed(&p, "there is more after the document");
    }
    if (!ok) {
        hakiri_json_free(root);
        if (error) *error = p.error;
        if (offset) *offset = p.at;
        return NULL;
    }
    return root;
}

const hakiri_json *hakiri_json_get(const hakiri_json *object, const char *key) {
    if (!object || object->kind != HAKIRI_JSON_OBJECT) return NULL;
    for (size_t i = object->count; i-- > 0;)
        if (strcmp(object->keys[i], key) == 0) return &object->items[i];
    return NULL;
}

void hakiri_json_free(hakiri_json *document) {
    if (!document) return;
    free_value(document);
    free(document);
}
