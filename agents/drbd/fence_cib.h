/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * The fence-peer handler's CIB client: Pacemaker's libcib in-process (no
 * cibadmin, no parsing of any tool's output). Pacemaker's legacy return
 * codes (0 or -errno, pcmk_err_*) are converted once, here.
 */
#ifndef BATON_AGENT_DRBD_FENCE_CIB_H
#define BATON_AGENT_DRBD_FENCE_CIB_H

#include <stdbool.h>

#include <libxml/tree.h>

/*! A CIB connection (opaque) */
typedef struct fp_cib_s fp_cib_t;

/*!
 * \brief Sign on to the local CIB manager.
 * \return BATON_RC_OK; ECONNREFUSED when it does not run; another rc.
 */
int fp_cib_connect(const char *name, fp_cib_t **out);

/*! \brief Sign off and free; NULL is a no-op. */
void fp_cib_free(fp_cib_t *c);

/*!
 * \brief The whole CIB: from the local CIB manager, or (\p local false)
 *        from the cluster's primary instance (the DC's), within
 *        \p timeout_s.
 * \param[out] xml  Caller frees with xmlFreeDoc(xml->doc) or
 *                  fp_cib_xml_free().
 * \return BATON_RC_OK; BATON_RC_TIMEOUT; another rc.
 */
int fp_cib_query(fp_cib_t *c, bool local, unsigned timeout_s, xmlNode **xml);

/*! \brief Free a tree fp_cib_query() returned; NULL is a no-op. */
void fp_cib_xml_free(xmlNode *xml);

/*!
 * \brief Add an element to the constraints section, failing when one of
 *        its id exists (a concurrent handler won the race).
 * \return BATON_RC_OK; EEXIST; another rc.
 */
int fp_cib_create(fp_cib_t *c, unsigned timeout_s, xmlNode *constraint);

/*!
 * \brief Replace the constraint of the same id.
 */
int fp_cib_replace(fp_cib_t *c, unsigned timeout_s, xmlNode *constraint);

/*!
 * \brief Remove \p e, an element of a constraint (the constraint itself,
 *        or an expression of its rule: the path of ids to it is sent, so
 *        nothing else of the constraint goes).
 * \return BATON_RC_OK (also when it is gone already); another rc.
 */
int fp_cib_remove(fp_cib_t *c, unsigned timeout_s, xmlNode *e);

/*! \brief Pacemaker's text for an rc of this module. */
const char *fp_cib_strerror(int rc);

#endif /* BATON_AGENT_DRBD_FENCE_CIB_H */
