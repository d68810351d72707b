/* Arrow IPC stream writer. Two layers: a forward FlatBuffers builder (fb_*) and the Arrow messages on top.
 *
 * FlatBuffers (https://flatbuffers.dev/internals/): little-endian; a buffer starts with a uoffset (u32) to the root
 * table; a table starts with an soffset (i32) such that its vtable sits at table - soffset; a vtable is u16 vtable
 * size, u16 table size, then one u16 per field id (the field's offset inside the table, 0 = absent); references to
 * strings, vectors and tables are uoffsets counted from the referring field and must point forward. This builder
 * writes front to back: an object is written before the objects it refers to, and its reference fields are patched
 * once those exist. Scalars are aligned to their size and vectors of structs to their struct's alignment, counted
 * from the buffer's start, which the IPC framing keeps 8-aligned. */
#include "hakiri_arrow.h"

#include <stdlib.h>
#include <string.h>

/* ---- Growable bytes ----------------------------------------------------------------------------------------- */

typedef struct bytes {
    uint8_t *data;
    size_t len, cap;
} bytes;

static void *xrealloc(void *p, size_t size) {
    p = realloc(p, size ? size : 1);
    if (!p) __builtin_trap();
    return p;
}

static void bytes_reserve(bytes *b, size_t extra) {
    if (b->len + extra <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra) cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

static size_t bytes_put(bytes *b, const void *src, size_t n) {
    bytes_reserve(b, n);
    size_t at = b->len;
    if (src) memcpy(b->data + at, src, n);
    else memset(b->data + at, 0, n);
    b->len += n;
    return at;
}

static void bytes_pad(bytes *b, size_t align) {
    while (b->len % align) bytes_put(b, NULL, 1);
}

static void set_bit(bytes *bitmap, size_t index, bool value) {
    while (bitmap->len * 8 <= index) bytes_put(bitmap, NULL, 1);
    if (value) bitmap->data[index / 8] |= (uint8_t)(1u << (index % 8));
}

static void put32(uint8_t *at, uint32_t v) { memcpy(at, &v, 4); }

/* ---- FlatBuffers, front to back ----------------------------------------------------------------------------- */

/* One table field: `size` bytes (1, 2, 4 or 8) of `value`, or a reference when `ref` is set (4 bytes, patched
 * later with fb_point). A size of 0 leaves the field absent. */
typedef struct fb_field {
    size_t size;
    uint64_t value;
    bool ref;
} fb_field;

#define FB_MAX_FIELDS 8

/* Writes a vtable and its table; returns the table's position and each field's position in `at`. */
static size_t fb_table(bytes *b, size_t count, const fb_field *fields, size_t *at) {
    uint16_t offsets[FB_MAX_FIELDS] = {0};
    size_t order[FB_MAX_FIELDS], n = 0, align = 4;
    /* Largest fields first keeps the table compact; each is aligned within an 8-aligned table start. */
    for (size_t size = 8; size >= 1; size /= 2)
        for (size_t i = 0; i < count; i++)
            if ((fields[i].ref ? 4 : fields[i].size) == size) order[n++] = i;
    size_t end = 4;
    for (size_t k = 0; k < n; k++) {
        size_t size = fields[order[k]].ref ? 4 : fields[order[k]].size;
        end = (end + size - 1) / size * size;
        offsets[order[k]] = (uint16_t)end;
        end += size;
        if (size > align) align = size;
    }

    bytes_pad(b, 2);
    size_t vtable = b->len;
    uint16_t head[2] = {(uint16_t)(4 + 2 * count), (uint16_t)end};
    bytes_put(b, head, 4);
    bytes_put(b, offsets, 2 * count);
    bytes_pad(b, align);
    size_t table = bytes_put(b, NULL, end);
    int32_t soffset = (int32_t)(table - vtable);
    memcpy(b->data + table, &soffset, 4);
    for (size_t i = 0; i < count; i++) {
        at[i] = offsets[i] ? table + offsets[i] : 0;
        if (offsets[i] && !fields[i].ref) memcpy(b->data + at[i], &fields[i].value, fields[i].size);
    }
    return table;
}

/* Makes the reference at `field` point to `target` (which was written after it). */
static void fb_point(bytes *b, size_t field, size_t target) { put32(b->data + field, (uint32_t)(target - field)); }

/* A vector of `count` elements of `size` bytes aligned to `align`; zeros when `elements` is NULL. Returns its
 * position (the length word). */
static size_t fb_vector(bytes *b, size_t count, size_t size, size_t align, const void *elements) {
    if (align < 4) align = 4;
    while (b->len % 4 || (b->len + 4) % align) bytes_put(b, NULL, 1);
    uint32_t n = (uint32_t)count;
    size_t at = bytes_put(b, &n, 4);
    bytes_put(b, elements, count * size);
    return at;
}

static size_t fb_string(bytes *b, const char *text) {
    size_t len = strlen(text);
    size_t at = fb_vector(b, len, 1, 4, text);
    bytes_put(b, NULL, 1);
    return at;
}

/* ---- Columns ------------------------------------------------------------------------------------------------ */

typedef struct column {
    char *name;
    hakiri_arrow_type type;
    bool nullable;
    size_t length, null_count;
    bytes validity; /* one bit a row, set when valid */
    bytes values;   /* int64/float64 values, bool bits, or utf8 int32 offsets */
    bytes data;     /* utf8 bytes */
} column;

struct hakiri_arrow_batch {
    column *columns;
    size_t count;
    char error[256];
};

hakiri_arrow_batch *hakiri_arrow_new(void) {
    hakiri_arrow_batch *batch = xrealloc(NULL, sizeof *batch);
    memset(batch, 0, sizeof *batch);
    return batch;
}

size_t hakiri_arrow_column(hakiri_arrow_batch *batch, const char *name, hakiri_arrow_type type, bool nullable) {
    batch->columns = xrealloc(batch->columns, (batch->count + 1) * sizeof(column));
    column *c = &batch->columns[batch->count];
    memset(c, 0, sizeof *c);
    size_t len = strlen(name);
    c->name = xrealloc(NULL, len + 1);
    memcpy(c->name, name, len + 1);
    c->type = type;
    c->nullable = nullable;
    if (type == HAKIRI_ARROW_UTF8) {
        int32_t zero = 0;
        bytes_put(&c->values, &zero, 4);
    }
    return batch->count++;
}

static void fail(hakiri_arrow_batch *batch, const char *what, const char *name) {
    if (batch->error[0]) return;
    size_t room = sizeof batch->error - 1, n = 0;
    for (const char *s = "column "; *s && n < room; s++) batch->error[n++] = *s;
    for (const char *s = name; *s && n < room; s++) batch->error[n++] = *s;
    for (const char *s = what; *s && n < room; s++) batch->error[n++] = *s;
    batch->error[n] = 0;
}

/* The column a value goes to, or NULL (and an error) when it is of another type. */
static column *target(hakiri_arrow_batch *batch, size_t index, hakiri_arrow_type type) {
    if (index >= batch->count) {
        fail(batch, " (out of range) was written to", "?");
        return NULL;
    }
    column *c = &batch->columns[index];
    if (c->type != type) {
        fail(batch, ": a value of another type was appended", c->name);
        return NULL;
    }
    set_bit(&c->validity, c->length, true);
    return c;
}

void hakiri_arrow_int64(hakiri_arrow_batch *batch, size_t index, int64_t value) {
    column *c = target(batch, index, HAKIRI_ARROW_INT64);
    if (c) bytes_put(&c->values, &value, 8), c->length++;
}

void hakiri_arrow_float64(hakiri_arrow_batch *batch, size_t index, double value) {
    column *c = target(batch, index, HAKIRI_ARROW_FLOAT64);
    if (c) bytes_put(&c->values, &value, 8), c->length++;
}

void hakiri_arrow_bool(hakiri_arrow_batch *batch, size_t index, bool value) {
    column *c = target(batch, index, HAKIRI_ARROW_BOOL);
    if (c) set_bit(&c->values, c->length, value), c->length++;
}

void hakiri_arrow_utf8(hakiri_arrow_batch *batch, size_t index, const char *text, size_t len) {
    column *c = target(batch, index, HAKIRI_ARROW_UTF8);
    if (!c) return;
    bytes_put(&c->data, text, len);
    int32_t end = (int32_t)c->data.len;
    bytes_put(&c->values, &end, 4);
    c->length++;
}

void hakiri_arrow_null(hakiri_arrow_batch *batch, size_t index) {
    if (index >= batch->count) {
        fail(batch, " (out of range) was written to", "?");
        return;
    }
    column *c = &batch->columns[index];
    if (!c->nullable) fail(batch, " is not nullable but got a null", c->name);
    set_bit(&c->validity, c->length, false);
    switch (c->type) {
    case HAKIRI_ARROW_INT64:
    case HAKIRI_ARROW_FLOAT64: bytes_put(&c->values, NULL, 8); break;
    case HAKIRI_ARROW_BOOL: set_bit(&c->values, c->length, false); break;
    case HAKIRI_ARROW_UTF8: {
        int32_t end = (int32_t)c->data.len;
        bytes_put(&c->values, &end, 4);
        break;
    }
    }
    c->null_count++;
    c->length++;
}

const char *hakiri_arrow_error(const hakiri_arrow_batch *batch) { return batch->error[0] ? batch->error : NULL; }

void hakiri_arrow_free(hakiri_arrow_batch *batch) {
    if (!batch) return;
    for (size_t i = 0; i < batch->count; i++) {
        column *c = &batch->columns[i];
        free(c->name);
        free(c->validity.data);
        free(c->values.data);
        free(c->data.data);
    }
    free(batch->columns);
    free(batch);
}

/* ---- Messages ----------------------------------------------------------------------------------------------- */

enum { METADATA_V5 = 4, HEADER_SCHEMA = 1, HEADER_RECORD_BATCH = 3 };
enum { TYPE_INT = 2, TYPE_FLOATING_POINT = 3, TYPE_UTF8 = 5, TYPE_BOOL = 6 };
enum { PRECISION_DOUBLE = 2 };

/* Starts a Message (Message.fbs: version 0, header_type 1, header 2, bodyLength 3) in a fresh buffer whose first
 * word is the root reference; returns the position of the header reference. */
static size_t message_begin(bytes *b, uint8_t header_type, int64_t body_length) {
    size_t root = bytes_put(b, NULL, 4);
    fb_field fields[4] = {{2, METADATA_V5, false}, {1, header_type, false}, {4, 0, true}, {8, (uint64_t)body_length, false}};
    size_t at[4];
    size_t table = fb_table(b, 4, fields, at);
    fb_point(b, root, table);
    return at[2];
}

/* The type table of a Field (Schema.fbs: Int {bitWidth 0, is_signed 1}, FloatingPoint {precision 0}, Bool {}, Utf8 {}). */
static size_t type_table(bytes *b, hakiri_arrow_type type) {
    size_t at[2];
    switch (type) {
    case HAKIRI_ARROW_INT64: {
        fb_field f[2] = {{4, 64, false}, {1, 1, false}};
        return fb_table(b, 2, f, at);
    }
    case HAKIRI_ARROW_FLOAT64: {
        fb_field f[1] = {{2, PRECISION_DOUBLE, false}};
        return fb_table(b, 1, f, at);
    }
    default:
        return fb_table(b, 0, NULL, at);
    }
}

static uint8_t type_id(hakiri_arrow_type type) {
    switch (type) {
    case HAKIRI_ARROW_INT64: return TYPE_INT;
    case HAKIRI_ARROW_FLOAT64: return TYPE_FLOATING_POINT;
    case HAKIRI_ARROW_BOOL: return TYPE_BOOL;
    default: return TYPE_UTF8;
    }
}

/* Schema (endianness 0, fields 1) of Fields (name 0, nullable 1, type_type 2, type 3, dictionary 4, children 5). */
static void schema_message(bytes *b, const hakiri_arrow_batch *batch) {
    size_t header = message_begin(b, HEADER_SCHEMA, 0);
    fb_field schema_fields[2] = {{2, 0, false}, {4, 0, true}};
    size_t schema_at[2];
    fb_point(b, header, fb_table(b, 2, schema_fields, schema_at));
    size_t vector = fb_vector(b, batch->count, 4, 4, NULL);
    fb_point(b, schema_at[1], vector);
    for (size_t i = 0; i < batch->count; i++) {
        const column *c = &batch->columns[i];
        fb_field f[6] = {{4, 0, true}, {1, c->nullable, false}, {1, type_id(c->type), false}, {4, 0, true}, {0, 0, false}, {4, 0, true}};
        size_t at[6];
        fb_point(b, vector + 4 + 4 * i, fb_table(b, 6, f, at));
        fb_point(b, at[0], fb_string(b, c->name));
        fb_point(b, at[3], type_table(b, c->type));
        fb_point(b, at[5], fb_vector(b, 0, 4, 4, NULL));
    }
}

typedef struct region {
    int64_t offset, length;
} region;

/* Appends a buffer to the body at an 8-aligned offset and records where. */
static void body_buffer(bytes *body, region *out, const void *data, size_t len) {
    bytes_pad(body, 8);
    out->offset = (int64_t)body->len;
    out->length = (int64_t)len;
    if (len) bytes_put(body, data, len);
}

/* RecordBatch (length 0, nodes 1, buffers 2); FieldNode {length, null_count} and Buffer {offset, length} are 16-byte
 * structs. Each column has a validity buffer (empty without nulls), then its values (or offsets, then data). */
static void batch_message(bytes *metadata, bytes *body, const hakiri_arrow_batch *batch, size_t rows) {
    region *buffers = xrealloc(NULL, 3 * (batch->count + 1) * sizeof(region));
    int64_t *nodes = xrealloc(NULL, 2 * (batch->count + 1) * sizeof(int64_t));
    size_t n = 0;
    for (size_t i = 0; i < batch->count; i++) {
        const column *c = &batch->columns[i];
        nodes[2 * i] = (int64_t)c->length;
        nodes[2 * i + 1] = (int64_t)c->null_count;
        size_t bitmap_len = (c->length + 7) / 8;
        body_buffer(body, &buffers[n++], c->validity.data, c->null_count ? bitmap_len : 0);
        switch (c->type) {
        case HAKIRI_ARROW_BOOL: body_buffer(body, &buffers[n++], c->values.data, bitmap_len); break;
        case HAKIRI_ARROW_UTF8:
            body_buffer(body, &buffers[n++], c->values.data, c->values.len);
            body_buffer(body, &buffers[n++], c->data.data, c->data.len);
            break;
        default: body_buffer(body, &buffers[n++], c->values.data, c->values.len); break;
        }
    }
    bytes_pad(body, 8);

    size_t header = message_begin(metadata, HEADER_RECORD_BATCH, (int64_t)body->len);
    fb_field f[3] = {{8, (uint64_t)rows, false}, {4, 0, true}, {4, 0, true}};
    size_t at[3];
    fb_point(metadata, header, fb_table(metadata, 3, f, at));
    fb_point(metadata, at[1], fb_vector(metadata, batch->count, 16, 8, nodes));
    fb_point(metadata, at[2], fb_vector(metadata, n, 16, 8, buffers));
    free(nodes);
    free(buffers);
}

/* Appends an encapsulated message: continuation, metadata length (padded so the body is 8-aligned), the metadata,
 * padding, the body. */
static void frame(bytes *out, const bytes *metadata, const uint8_t *body, size_t body_len) {
    uint32_t continuation = 0xFFFFFFFFu;
    bytes_put(out, &continuation, 4);
    uint32_t padded = (uint32_t)((metadata->len + 7) / 8 * 8);
    bytes_put(out, &padded, 4);
    bytes_put(out, metadata->data, metadata->len);
    bytes_put(out, NULL, padded - metadata->len);
    if (body_len) bytes_put(out, body, body_len);
}

bool hakiri_arrow_finish(hakiri_arrow_batch *batch, uint8_t **out, size_t *out_len) {
    size_t rows = batch->count ? batch->columns[0].length : 0;
    for (size_t i = 0; i < batch->count; i++)
        if (batch->columns[i].length != rows) fail(batch, " has a different number of rows than the first column", batch->columns[i].name);
    if (batch->error[0]) return false;

    bytes stream = {0}, metadata = {0}, body = {0};
    schema_message(&metadata, batch);
    frame(&stream, &metadata, NULL, 0);
    metadata.len = 0;
    batch_message(&metadata, &body, batch, rows);
    frame(&stream, &metadata, body.data, body.len);
    free(metadata.data);
    free(body.data);

    uint32_t eos[2] = {0xFFFFFFFFu, 0};
    bytes_put(&stream, eos, 8);
    *out = stream.data;
    *out_len = stream.len;
    return true;
}
