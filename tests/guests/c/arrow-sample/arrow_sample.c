/* Writes a sample Arrow IPC stream with hakiri_arrow.c, built for the host: the tests read it back with Apache Arrow.
 *   arrow_sample OUT.arrows
 * Rows (id, name, score, active, note):
 *   1, "Zoë Ångström", 4.5,  true,  null
 *   2, null,           null, false, "{\"k\":\"日本\"}"
 *   3, "",             -0.25, null, "line\nbreak"
 * plus 10 more rows (id 4..13, name "n<id>", score id*1.5, active id even, note null) so bitmaps span bytes. */
#include "hakiri_arrow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: arrow_sample OUT\n");
        return 2;
    }
    hakiri_arrow_batch *b = hakiri_arrow_new();
    size_t id = hakiri_arrow_column(b, "id", HAKIRI_ARROW_INT64, false);
    size_t name = hakiri_arrow_column(b, "name", HAKIRI_ARROW_UTF8, true);
    size_t score = hakiri_arrow_column(b, "score", HAKIRI_ARROW_FLOAT64, true);
    size_t active = hakiri_arrow_column(b, "active", HAKIRI_ARROW_BOOL, true);
    size_t note = hakiri_arrow_column(b, "note", HAKIRI_ARROW_UTF8, true);

    const char *zoe = "Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m";
    hakiri_arrow_int64(b, id, 1);
    hakiri_arrow_utf8(b, name, zoe, strlen(zoe));
    hakiri_arrow_float64(b, score, 4.5);
    hakiri_arrow_bool(b, active, true);
    hakiri_arrow_null(b, note);

    const char *json = "{\"k\":\"\xe6\x97\xa5\xe6\x9c\xac\"}";
    hakiri_arrow_int64(b, id, 2);
    hakiri_arrow_null(b, name);
    hakiri_arrow_null(b, score);
    hakiri_arrow_bool(b, active, false);
    hakiri_arrow_utf8(b, note, json, strlen(json));

    hakiri_arrow_int64(b, id, 3);
    hakiri_arrow_utf8(b, name, "", 0);
    hakiri_arrow_float64(b, score, -0.25);
    hakiri_arrow_null(b, active);
    hakiri_arrow_utf8(b, note, "line\nbreak", 10);

    for (int i = 4; i <= 13; i++) {
        char text[8];
        int n = snprintf(text, sizeof text, "n%d", i);
        hakiri_arrow_int64(b, id, i);
        hakiri_arrow_utf8(b, name, text, (size_t)n);
        hakiri_arrow_float64(b, score, i * 1.5);
        hakiri_arrow_bool(b, active, i % 2 == 0);
        hakiri_arrow_null(b, note);
    }

    uint8_t *stream;
    size_t len;
    if (!hakiri_arrow_finish(b, &stream, &len)) {
        fprintf(stderr, "%s\n", hakiri_arrow_error(b));
        return 1;
    }
    FILE *f = fopen(argv[1], "wb");
    if (!f || fwrite(stream, 1, len, f) != len || fclose(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    free(stream);
    hakiri_arrow_free(b);
    return 0;
}
