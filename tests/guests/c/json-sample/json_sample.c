/* Parses each line of standard input with hakiri_json.c (built for the host) and prints one line per document:
 * a tagged dump (null, true, false, i:<int64>, d:<double>, s:<text>, [a,b], {k=v}) or "error: <why> at <offset>". */
#include "hakiri_json.h"

#include <stdio.h>
#include <string.h>

static void dump(const hakiri_json *v) {
    switch (v->kind) {
    case HAKIRI_JSON_NULL: printf("null"); break;
    case HAKIRI_JSON_BOOL: printf(v->boolean ? "true" : "false"); break;
    case HAKIRI_JSON_NUMBER:
        if (v->is_integer) printf("i:%lld", (long long)v->integer);
        else printf("d:%.17g", v->number);
        break;
    case HAKIRI_JSON_STRING:
        printf("s:");
        fwrite(v->string, 1, v->string_len, stdout);
        break;
    case HAKIRI_JSON_ARRAY:
    case HAKIRI_JSON_OBJECT:
        putchar(v->kind == HAKIRI_JSON_ARRAY ? '[' : '{');
        for (size_t i = 0; i < v->count; i++) {
            if (i) putchar(',');
            if (v->kind == HAKIRI_JSON_OBJECT) printf("%s=", v->keys[i]);
            dump(&v->items[i]);
        }
        putchar(v->kind == HAKIRI_JSON_ARRAY ? ']' : '}');
        break;
    }
}

int main(void) {
    static char line[1 << 16];
    while (fgets(line, sizeof line, stdin)) {
        size_t len = strcspn(line, "\n");
        const char *why = NULL;
        size_t at = 0;
        hakiri_json *doc = hakiri_json_parse(line, len, &why, &at);
        if (!doc) {
            printf("error: %s at %zu\n", why, at);
            continue;
        }
        dump(doc);
        putchar('\n');
        hakiri_json_free(doc);
    }
    return 0;
}
