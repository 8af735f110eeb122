/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The main() a fuzz target links when it is built without libFuzzer (no
 * --enable-fuzzing): it runs each file given, or each file of each
 * directory given, through LLVMFuzzerTestOneInput() once. Without
 * arguments it replays its own committed corpus,
 * $top_srcdir/tests/fuzz/<name>/corpus for <name>_fuzz: that is how make
 * check replays every corpus, crash inputs included, under whatever
 * sanitizers the build has.
 */
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <sys/stat.h>

#include "fuzz.h"

/* One input, in a buffer of exactly its size (as libFuzzer passes it) */
static int
replay_file(const char *path)
{
    FILE *in = fopen(path, "rb");
    struct stat st;
    uint8_t *buf = NULL;
    size_t size = 0;

    if ((in == NULL) || (fstat(fileno(in), &st) != 0)) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        if (in != NULL) {
            fclose(in);
        }
        return 1;
    }
    size = (size_t) st.st_size;
    buf = calloc((size > 0) ? size : 1, 1);
    baton_assert_alloc(buf);
    if (fread(buf, 1, size, in) != size) {
        fprintf(stderr, "%s: short read\n", path);
        fclose(in);
        free(buf);
        return 1;
    }
    fclose(in);
    (void) LLVMFuzzerTestOneInput(buf, size);
    free(buf);
    return 0;
}

static int
skip_entry(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

static int
replay_path(const char *path, size_t *count)
{
    struct dirent **names = NULL;
    struct stat st;
    int n = 0;
    int rc = 0;

    if ((stat(path, &st) == 0) && !S_ISDIR(st.st_mode)) {
        (*count)++;
        return replay_file(path);
    }
    n = scandir(path, &names, skip_entry, alphasort);
    if (n < 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    for (int i = 0; i < n; i++) {
        char *file = NULL;

        if (asprintf(&file, "%s/%s", path, names[i]->d_name) < 0) {
            file = NULL;
        }
        baton_assert_alloc(file);
        (*count)++;
        rc |= replay_file(file);
        free(file);
        free(names[i]);
    }
    free(names);
    return rc;
}

#define FUZZ_SUFFIX "_fuzz"

/* $top_srcdir/tests/fuzz/<name>/corpus for the program <name>_fuzz */
static char *
own_corpus(const char *argv0)
{
    const char *top = getenv("top_srcdir");
    char *prog = strdup(argv0);
    char *name = NULL;
    char *path = NULL;
    size_t len = 0;

    baton_assert_alloc(prog);
    name = basename(prog);
    len = strlen(name);
    if ((len > strlen(FUZZ_SUFFIX))
        && (strcmp(name + len - strlen(FUZZ_SUFFIX), FUZZ_SUFFIX) == 0)) {
        name[len - strlen(FUZZ_SUFFIX)] = '\0';
    }
    if (asprintf(&path, "%s/tests/fuzz/%s/corpus", baton_s(top, "."),
                 name) < 0) {
        path = NULL;
    }
    baton_assert_alloc(path);
    free(prog);
    return path;
}

int
main(int argc, char **argv)
{
    size_t count = 0;
    int rc = 0;

    if (argc < 2) {
        char *corpus = own_corpus(argv[0]);

        rc = replay_path(corpus, &count);
        free(corpus);
    }
    for (int i = 1; i < argc; i++) {
        rc |= replay_path(argv[i], &count);
    }
    printf("%s: %zu inputs replayed\n", argv[0], count);
    return rc;
}
