/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Unit tests for lib/storage/blockdev.c: device names as mount(8) takes
 * them, network shares refused, resolution of what is not a block device.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "baton/blockdev.h"
#include "baton/rc.h"

static void
spec_takes_a_path(void **state)
{
    struct baton_blockdev_spec s;
    baton_reason_t why = BATON_REASON_INIT;

    assert_int_equal(baton_blockdev_spec_parse("/dev/drbd0", &s, &why),
                     BATON_RC_OK);
    assert_int_equal(s.kind, BATON_BLOCKDEV_PATH);
    assert_string_equal(s.value, "/dev/drbd0");
    /* a colon inside a path is no network share */
    assert_int_equal(baton_blockdev_spec_parse(
                         "/dev/disk/by-path/pci-0000:00:1f.2-ata-1", &s,
                         &why), BATON_RC_OK);
    assert_int_equal(s.kind, BATON_BLOCKDEV_PATH);
}

static void
spec_takes_every_uuid_and_label_form(void **state)
{
    static const struct {
        const char *text;
        enum baton_blockdev_kind kind;
        const char *value;
    } forms[] = {
        { "-U 1234-abcd", BATON_BLOCKDEV_UUID, "1234-abcd" },
        { "-U1234-abcd", BATON_BLOCKDEV_UUID, "1234-abcd" },
        { "--uuid=1234-abcd", BATON_BLOCKDEV_UUID, "1234-abcd" },
        { "--uuid 1234-abcd", BATON_BLOCKDEV_UUID, "1234-abcd" },
        { "UUID=1234-abcd", BATON_BLOCKDEV_UUID, "1234-abcd" },
        { "UUID=\"1234-abcd\"", BATON_BLOCKDEV_UUID, "1234-abcd" },
        { "-L data", BATON_BLOCKDEV_LABEL, "data" },
        { "--label=my data", BATON_BLOCKDEV_LABEL, "my data" },
        { "LABEL=data", BATON_BLOCKDEV_LABEL, "data" },
        { "PARTUUID=0a1b-01", BATON_BLOCKDEV_PARTUUID, "0a1b-01" },
        { "PARTLABEL=db", BATON_BLOCKDEV_PARTLABEL, "db" },
    };

    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        struct baton_blockdev_spec s;
        baton_reason_t why = BATON_REASON_INIT;

        assert_int_equal(baton_blockdev_spec_parse(forms[i].text, &s, &why),
                         BATON_RC_OK);
        assert_int_equal(s.kind, forms[i].kind);
        assert_string_equal(s.value, forms[i].value);
    }
}

static void
spec_refuses_network_shares_with_a_reason(void **state)
{
    const char *const shares[] = {
        "nfs-server:/export/data", "[fd00::1]:/export", "//server/share",
        NULL,
    };

    for (size_t i = 0; shares[i] != NULL; i++) {
        struct baton_blockdev_spec s;
        baton_reason_t why = BATON_REASON_INIT;

        assert_int_equal(baton_blockdev_spec_parse(shares[i], &s, &why),
                         BATON_RC_CONFIG);
        assert_non_null(strstr(why.text, "network share"));
    }
}

static void
spec_refuses_relative_empty_and_padded_names(void **state)
{
    const char *const bad[] = {
        "sdb1", "", " /dev/sdb1", "/dev/sdb1 ", "-U", "UUID=", "-L  ", NULL,
    };

    for (size_t i = 0; bad[i] != NULL; i++) {
        struct baton_blockdev_spec s;
        baton_reason_t why = BATON_REASON_INIT;

        assert_int_equal(baton_blockdev_spec_parse(bad[i], &s, &why),
                         BATON_RC_CONFIG);
        assert_true(baton_reason_is_set(&why));
    }
}

static void
spec_str_writes_what_mount_takes(void **state)
{
    struct baton_blockdev_spec s;
    baton_reason_t why = BATON_REASON_INIT;
    char buf[PATH_MAX + 16];

    assert_int_equal(baton_blockdev_spec_parse("-L data", &s, &why),
                     BATON_RC_OK);
    assert_string_equal(baton_blockdev_spec_str(&s, buf, sizeof(buf)),
                        "LABEL=data");
    assert_int_equal(baton_blockdev_spec_parse("/dev/sdb", &s, &why),
                     BATON_RC_OK);
    assert_string_equal(baton_blockdev_spec_str(&s, buf, sizeof(buf)),
                        "/dev/sdb");
}

static void
resolve_tells_missing_from_not_a_block_device(void **state)
{
    struct baton_blockdev_spec s;
    baton_reason_t why = BATON_REASON_INIT;
    char path[PATH_MAX];
    dev_t rdev = 0;

    assert_int_equal(baton_blockdev_spec_parse("/nonexistent/dev", &s, &why),
                     BATON_RC_OK);
    assert_int_equal(baton_blockdev_resolve(&s, path, sizeof(path), &rdev),
                     ENOENT);
    assert_int_equal(baton_blockdev_spec_parse("/dev/null", &s, &why),
                     BATON_RC_OK);
    assert_int_equal(baton_blockdev_resolve(&s, path, sizeof(path), &rdev),
                     ENOTBLK);
    assert_int_equal(baton_blockdev_spec_parse(
                         "-U 00000000-baton-no-such-uuid", &s, &why),
                     BATON_RC_OK);
    assert_int_equal(baton_blockdev_resolve(&s, path, sizeof(path), &rdev),
                     ENOENT);
}

static void
probe_of_an_empty_file_finds_no_filesystem(void **state)
{
    char path[] = "/tmp/baton-blockdev.XXXXXX";
    int fd = mkstemp(path);
    char type[32] = "";

    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 1 << 20), 0);
    close(fd);
    assert_int_equal(baton_blockdev_probe_type(path, type, sizeof(type)),
                     ENOENT);
    unlink(path);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spec_takes_a_path),
        cmocka_unit_test(spec_takes_every_uuid_and_label_form),
        cmocka_unit_test(spec_refuses_network_shares_with_a_reason),
        cmocka_unit_test(spec_refuses_relative_empty_and_padded_names),
        cmocka_unit_test(spec_str_writes_what_mount_takes),
        cmocka_unit_test(resolve_tells_missing_from_not_a_block_device),
        cmocka_unit_test(probe_of_an_empty_file_finds_no_filesystem),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
