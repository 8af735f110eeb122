/*
 * Copyright 2026 the Baton developers
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * fence_baton_ipmilan: its configuration, the table and the IPMI-over-LAN
 * operations.
 */
#ifndef BATON_FENCE_IPMILAN_H
#define BATON_FENCE_IPMILAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "baton/fence.h"

/*! The longest K_g key IPMI 2.0 has, in bytes */
#define IPMILAN_KG_MAX 20

/*! The BMC key K_g, parsed from hexadecimal_kg */
struct ipmilan_kg {
    unsigned char key[IPMILAN_KG_MAX];
    size_t len;                    /*!< 0: none */
};

/*! fence_baton_ipmilan's configuration, parsed once from its table */
struct ipmilan_conf {
    struct baton_fence_conf common;    /*!< first: the standard options */
    const char *ip;
    uint16_t ipport;
    bool lanplus;                  /*!< IPMI 2.0 (RMCP+), else 1.5 */
    uint8_t cipher;
    bool has_cipher;               /*!< else suite 3 */
    int privlvl;                   /*!< IPMI_PRIVILEGE_LEVEL_* */
    int auth;                      /*!< IPMI_AUTHENTICATION_TYPE_* */
    bool has_auth;                 /*!< else MD5 */
    struct ipmilan_kg kg;          /*!< secret: wiped with the struct */
    uint8_t target;                /*!< IPMB address to bridge to */
    bool has_target;
    bool port_as_ip;
    /*! The BMC's address: plug with port_as_ip, else ip (conf_check) */
    const char *host;
};

/*! The agent's table (fencing/fence_baton_ipmilan/ipmilan_table.c) */
extern const struct baton_agent_def baton_fence_ipmilan_agent;

/*! IPMI operations over FreeIPMI (fencing/fence_baton_ipmilan/ipmilan.c) */
extern const struct baton_fence_ops baton_fence_ipmilan_ops;

/*!
 * \brief Check that a password fits the IPMI version in use (16 bytes
 *        for 1.5, 20 for 2.0): the given one when validating, the one
 *        password_script printed when connecting.
 * \return BATON_RC_OK, or BATON_RC_CONFIG with \p why set.
 */
int ipmilan_check_password(const struct ipmilan_conf *c, const char *pw,
                           baton_reason_t *why);

#endif /* BATON_FENCE_IPMILAN_H */
