/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Client libraries resolved when first used (see baton/dynlib.h).
 */
#include "config.h"

#include <dlfcn.h>
#include <stdbool.h>

#include "baton/dynlib.h"
#include "baton/log.h"
#include "baton/rc.h"

static bool
resolve_in(void *handle, const struct baton_dynsym *syms, size_t n)
{
    bool all = true;

    for (size_t i = 0; i < n; i++) {
        *syms[i].addr = dlsym(handle, syms[i].name);
        all = all && (*syms[i].addr != NULL);
    }
    return all;
}

int
baton_dynlib_resolve(const char *soname, const struct baton_dynsym *syms,
                     size_t n)
{
    void *handle = NULL;

    if (resolve_in(RTLD_DEFAULT, syms, n)) {
        return BATON_RC_OK;
    }
    handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if ((handle != NULL) && resolve_in(handle, syms, n)) {
        return BATON_RC_OK;
    }
    baton_err("Cannot load %s: %s", soname,
              (handle == NULL) ? dlerror() : "a function is missing");
    for (size_t i = 0; i < n; i++) {
        *syms[i].addr = NULL;
    }
    return BATON_RC_NOT_INSTALLED;
}
