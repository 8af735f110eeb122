/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * baton-migrate: reads a CIB (a file from `pcs cluster cib FILE`, or the
 * live one through cibadmin -Q), switches the resources that have a Baton
 * equivalent to it, and writes the result for
 * `pcs cluster cib-push NEW diff-against=ORIGINAL`; --dry-run prints the
 * diff and the report only. See baton-migrate(8) and doc/migration.md.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "baton/child.h"
#include "baton/rc.h"
#include "migrate.h"

enum exit_code {
    EXIT_ALL = 0,        /*!< every anchor resource migrated (or none) */
    EXIT_SOME = 1,       /*!< some left on their agent: see the report */
    EXIT_USAGE = 2,
    EXIT_INPUT = 3,      /*!< no CIB read, or the result not written */
    EXIT_VERIFY = 4,     /*!< crm_verify rejects the result */
};

#define MAX_ONLY 128
#define CIB_MAX_BYTES (256u * 1024 * 1024)

struct cli {
    const char *input;
    const char *output;
    const char *save_original;
    bool live;
    bool dry_run;
    bool verify;
    unsigned timeout_ms;
    const char *only[MAX_ONLY + 1];
    size_t n_only;
    struct migrate_opts opts;
};

static void
usage(FILE *out)
{
    fprintf(out,
        "usage: baton-migrate [OPTIONS] CIB-FILE\n"
        "       baton-migrate [OPTIONS] --live\n"
        "Switch the resources of a CIB that have a Baton equivalent to it.\n"
        "\n"
        "  -o, --output FILE        write the migrated CIB here (default: "
        "stdout)\n"
        "  -n, --dry-run            print the diff and the report only\n"
        "  -L, --live               read the running cluster's CIB "
        "(cibadmin -Q)\n"
        "  -s, --save-original FILE with --live: the CIB as read, for "
        "diff-against\n"
        "  -t, --timeout SECONDS    deadline for cibadmin and crm_verify "
        "(30)\n"
        "  -r, --resource ID        migrate only this resource (repeatable)\n"
        "  -u, --ignore-unknown     keep parameters the Baton agent does "
        "not know\n"
        "                           (reported: they have no effect) "
        "instead of\n"
        "                           leaving the resource on its agent\n"
        "      --no-verify          do not run crm_verify on the result\n"
        "  -h, --help\n"
        "\n"
        "Then: pcs cluster cib-push NEW diff-against=ORIGINAL\n"
        "Exit: 0 all migrated, 1 some left (see the report), 2 usage, "
        "3 input/output, 4 crm_verify rejects the result.\n");
}

static int
parse_cli(int argc, char **argv, struct cli *cli)
{
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' },
        { "dry-run", no_argument, NULL, 'n' },
        { "live", no_argument, NULL, 'L' },
        { "save-original", required_argument, NULL, 's' },
        { "timeout", required_argument, NULL, 't' },
        { "resource", required_argument, NULL, 'r' },
        { "ignore-unknown", no_argument, NULL, 'u' },
        { "no-verify", no_argument, NULL, 'V' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    long long secs = 0;

    cli->verify = true;
    cli->timeout_ms = 30000;
    while ((c = getopt_long(argc, argv, "o:nLs:t:r:uh", longopts, NULL))
           != -1) {
        switch (c) {
        case 'o': cli->output = optarg; break;
        case 'n': cli->dry_run = true; break;
        case 'L': cli->live = true; break;
        case 's': cli->save_original = optarg; break;
        case 'u': cli->opts.ignore_unknown = true; break;
        case 'V': cli->verify = false; break;
        case 't':
            if ((baton_parse_int(optarg, &secs) != BATON_RC_OK) || (secs < 1)
                || (secs > 3600)) {
                fprintf(stderr, "baton-migrate: --timeout takes 1 to 3600 "
                        "seconds\n");
                return EXIT_USAGE;
            }
            cli->timeout_ms = (unsigned) secs * 1000;
            break;
        case 'r':
            if (cli->n_only == MAX_ONLY) {
                fprintf(stderr, "baton-migrate: at most %d --resource\n",
                        MAX_ONLY);
                return EXIT_USAGE;
            }
            cli->only[cli->n_only++] = optarg;
            cli->opts.only = cli->only;
            break;
        case 'h': usage(stdout); exit(EXIT_ALL);
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (cli->live == (optind < argc) || (argc - optind > 1)
        || ((cli->save_original != NULL) && !cli->live)) {
        usage(stderr);
        return EXIT_USAGE;
    }
    cli->input = cli->live ? NULL : argv[optind];
    return EXIT_ALL;
}

/* The live CIB, from cibadmin -Q within the deadline */
static xmlDocPtr
read_live(const struct cli *cli)
{
    const char *argv[] = { "cibadmin", "--query", NULL };
    baton_child_t *child = baton_child_new(argv);
    xmlDocPtr doc = NULL;
    size_t len = 0;
    const char *text = NULL;
    int rc;

    baton_child_set_capture(child, CIB_MAX_BYTES);
    baton_child_set_timeout(child, cli->timeout_ms);
    rc = baton_child_run(child);
    if (rc != BATON_RC_OK) {
        const char *err = baton_child_stderr(child, NULL);

        fprintf(stderr, "baton-migrate: cibadmin --query: %s%s%s\n",
                baton_rc_str(rc), (err != NULL) ? ": " : "",
                baton_s(err, ""));
        goto out;
    }
    text = baton_child_stdout(child, &len);
    doc = xmlReadMemory(text, (int) len, "live-cib.xml", NULL,
                        XML_PARSE_NOBLANKS | XML_PARSE_NONET);
    if (doc == NULL) {
        fprintf(stderr, "baton-migrate: cibadmin's answer is not XML\n");
    }
out:
    baton_child_free(child);
    return doc;
}

/* crm_verify --xml-file on a serialised CIB; true when it accepts it */
static bool
verify(const struct cli *cli, const char *xml, size_t len, const char *what)
{
    char path[] = "/tmp/baton-migrate-XXXXXX";
    int fd = mkstemp(path);
    const char *argv[] = { "crm_verify", "--xml-file", path, NULL };
    baton_child_t *child = NULL;
    bool ok = false;
    int rc;

    if (fd < 0) {
        perror("baton-migrate: mkstemp");
        return false;
    }
    if ((write(fd, xml, len) != (ssize_t) len) || (close(fd) != 0)) {
        perror("baton-migrate: writing the CIB to verify");
        unlink(path);
        return false;
    }
    child = baton_child_new(argv);
    baton_child_set_timeout(child, cli->timeout_ms);
    rc = baton_child_run(child);
    ok = (rc == BATON_RC_OK);
    if (!ok) {
        fprintf(stderr, "baton-migrate: crm_verify rejects the %s CIB (%s):"
                "\n%s", what, baton_rc_str(rc),
                baton_s(baton_child_stderr(child, NULL), ""));
    }
    baton_child_free(child);
    unlink(path);
    return ok;
}

static int
write_file(const char *path, const xmlChar *text, int len)
{
    FILE *f = (strcmp(path, "-") == 0) ? stdout : fopen(path, "w");

    if (f == NULL) {
        fprintf(stderr, "baton-migrate: cannot write %s: %m\n", path);
        return EXIT_INPUT;
    }
    if ((fwrite(text, 1, (size_t) len, f) != (size_t) len)
        || ((f == stdout) ? fflush(f) : fclose(f)) != 0) {
        fprintf(stderr, "baton-migrate: cannot write %s: %m\n", path);
        return EXIT_INPUT;
    }
    return EXIT_ALL;
}

static xmlChar *
dump(xmlDocPtr doc, int *len)
{
    xmlChar *text = NULL;

    xmlDocDumpFormatMemory(doc, &text, len, 1);
    baton_assert_alloc(text);
    return text;
}

/* Writes what the run produced; the exit code */
static int
finish(const struct cli *cli, xmlDocPtr doc, const xmlChar *before,
       int before_len, const struct migrate_report *report)
{
    int len = 0;
    xmlChar *after = dump(doc, &len);
    int code = EXIT_ALL;
    size_t changed;

    /* The report goes to stderr when the CIB itself goes to stdout */
    FILE *out = (cli->dry_run || (cli->output != NULL)) ? stdout : stderr;

    if (cli->dry_run) {
        changed = migrate_diff_print((const char *) before,
                                     (const char *) after,
                                     baton_s(cli->input, "live CIB"),
                                     "migrated", out);
        if (changed == 0) {
            fprintf(out, "(no change)\n");
        }
    }
    migrate_report_print(report, out);
    if (cli->verify && (report->n_migrated > 0)
        && !verify(cli, (const char *) after, (size_t) len, "migrated")) {
        if (!verify(cli, (const char *) before, (size_t) before_len,
                    "original")) {
            fprintf(stderr, "baton-migrate: the original CIB is rejected "
                    "too: correct it first (or --no-verify)\n");
        }
        code = EXIT_VERIFY;
        fprintf(stderr, "baton-migrate: nothing written\n");
        goto out;
    }
    if (!cli->dry_run && (cli->save_original != NULL)) {
        code = write_file(cli->save_original, before, before_len);
    }
    if (!cli->dry_run && (code == EXIT_ALL)) {
        code = write_file(baton_s(cli->output, "-"), after, len);
    }
    if ((code == EXIT_ALL) && (report->n_refused + report->n_no_equivalent
                               > 0)) {
        code = EXIT_SOME;
    }
out:
    xmlFree(after);
    return code;
}

int
main(int argc, char **argv)
{
    struct cli cli = { 0 };
    struct migrate_report report = { 0 };
    xmlDocPtr doc = NULL;
    xmlChar *before = NULL;
    int before_len = 0;
    int code = parse_cli(argc, argv, &cli);

    if (code != EXIT_ALL) {
        return code;
    }
    doc = cli.live ? read_live(&cli)
                   : xmlReadFile(cli.input, NULL,
                                 XML_PARSE_NOBLANKS | XML_PARSE_NONET);
    if (doc == NULL) {
        fprintf(stderr, "baton-migrate: no CIB read from %s\n",
                baton_s(cli.input, "cibadmin"));
        return EXIT_INPUT;
    }
    before = dump(doc, &before_len);
    if (migrate_cib(doc, &cli.opts, &report) != 0) {
        code = EXIT_INPUT;
    } else {
        code = finish(&cli, doc, before, before_len, &report);
    }
    xmlFree(before);
    migrate_report_free(&report);
    xmlFreeDoc(doc);
    xmlCleanupParser();
    return code;
}
