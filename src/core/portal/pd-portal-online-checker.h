/* pd-portal-online-checker.h: the verifier's online layer over the portal client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pd-online-checker.h"
#include "pd-portal-client.h"

G_BEGIN_DECLS

#define PD_TYPE_PORTAL_ONLINE_CHECKER (pd_portal_online_checker_get_type ())
G_DECLARE_FINAL_TYPE (PdPortalOnlineChecker, pd_portal_online_checker, PD, PORTAL_ONLINE_CHECKER, GObject)

PdPortalOnlineChecker *pd_portal_online_checker_new        (PdPortalClient        *client);
PdPortalClient        *pd_portal_online_checker_get_client (PdPortalOnlineChecker *self);

G_END_DECLS
