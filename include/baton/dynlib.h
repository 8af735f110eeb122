/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef BATON_DYNLIB_H
#define BATON_DYNLIB_H

/**
 * \file
 * \brief A client library loaded when it is first needed
 *
 * An agent action is one short process: every library it links is loaded
 * and relocated at every exec, used or not. A library that only some
 * actions need (corosync's client libraries for the membership) is
 * resolved here instead, the first time it is used.
 */

#include <stddef.h>

/*! One function to resolve, and where its address goes */
struct baton_dynsym {
    const char *name;
    void **addr;
};

/*!
 * \brief Resolve every symbol of \p syms
 *
 * From what the process has loaded already when all are there (the
 * library linked by another, or a unit test's own definitions exported
 * with --export-dynamic), else from \p soname loaded with dlopen(). The
 * library stays loaded for the life of the process.
 *
 * \return BATON_RC_OK, or BATON_RC_NOT_INSTALLED when the library or one
 *         of the symbols is missing (the addresses are then all NULL)
 */
int baton_dynlib_resolve(const char *soname, const struct baton_dynsym *syms,
                         size_t n);

#endif
