/* A minimal Arrow IPC stream writer (https://arrow.apache.org/docs/format/Columnar.html#ipc-streaming-format):
 * one Schema message, one RecordBatch message, then the end-of-stream marker, with the FlatBuffers metadata
 * encoded by hand. Columns are int64, float64, bool and utf8 (a `json` column is utf8 holding JSON text), each with
 * a validity bitmap when it holds nulls. Rows are appended column by column; every column must end with the same
 * length. Portable C11 (it builds for wasm32 and for the host, where the tests read its output with Apache Arrow). */
#ifndef HAKIRI_ARROW_H
#define HAKIRI_ARROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The column types the writer supports. */
typedef enum hakiri_arrow_type {
    HAKIRI_ARROW_INT64,
    HAKIRI_ARROW_FLOAT64,
    HAKIRI_ARROW_BOOL,
    HAKIRI_ARROW_UTF8,
} hakiri_arrow_type;

/** A batch being built. */
typedef struct hakiri_arrow_batch hakiri_arrow_batch;

/** A new, empty batch with no columns. Never NULL (traps when out of memory). */
hakiri_arrow_batch *hakiri_arrow_new(void);

/** Adds a column (names are copied) and returns its index; add every column before the first row. */
size_t hakiri_arrow_column(hakiri_arrow_batch *batch, const char *name, hakiri_arrow_type type, bool nullable);

/** Appends a value to an int64 column. */
void hakiri_arrow_int64(hakiri_arrow_batch *batch, size_t column, int64_t value);
/** Appends a value to a float64 column. */
void hakiri_arrow_float64(hakiri_arrow_batch *batch, size_t column, double value);
/** Appends a value to a bool column. */
void hakiri_arrow_bool(hakiri_arrow_batch *batch, size_t column, bool value);
/** Appends `len` bytes of UTF-8 to a utf8 column. */
void hakiri_arrow_utf8(hakiri_arrow_batch *batch, size_t column, const char *text, size_t len);
/** Appends a null to any column. */
void hakiri_arrow_null(hakiri_arrow_batch *batch, size_t column);

/** Why hakiri_arrow_finish failed, or NULL when it did not. Points into the batch. */
const char *hakiri_arrow_error(const hakiri_arrow_batch *batch);

/** Writes the stream into a new malloc'd buffer (`*out`, `*out_len`). Returns false when the columns have different
 *  lengths, a value went to a column of another type, or a non-nullable column holds a null; hakiri_arrow_error says
 *  which. */
bool hakiri_arrow_finish(hakiri_arrow_batch *batch, uint8_t **out, size_t *out_len);

/** Frees the batch. */
void hakiri_arrow_free(hakiri_arrow_batch *batch);

#ifdef __cplusplus
}
#endif

#endif
