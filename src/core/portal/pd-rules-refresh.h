/* pd-rules-refresh.h: newer signed rule sets from the portal into the rules in force
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-portal-client.h"
#include "pd-rules.h"
#include "pd-trust-store.h"

G_BEGIN_DECLS

gboolean        pd_rules_check_portal_signature (GBytes               *json,
                                                 GBytes               *signature,
                                                 gpointer              trust_store,
                                                 GError              **error);
void            pd_rules_use_saved_sets         (PdRules              *rules,
                                                 PdTrustStore         *store,
                                                 const char           *directory);

#define PD_TYPE_RULES_REFRESH (pd_rules_refresh_get_type ())
G_DECLARE_FINAL_TYPE (PdRulesRefresh, pd_rules_refresh, PD, RULES_REFRESH, GObject)

PdRulesRefresh *pd_rules_refresh_new            (PdPortalClient       *client,
                                                 PdRules              *rules,
                                                 PdTrustStore         *store,
                                                 const char           *directory);
gboolean        pd_rules_refresh_apply          (PdRulesRefresh       *self,
                                                 GBytes               *json,
                                                 GBytes               *signature,
                                                 gboolean             *applied,
                                                 GError              **error);
void            pd_rules_refresh_run_async      (PdRulesRefresh       *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        pd_rules_refresh_run_finish     (PdRulesRefresh       *self,
                                                 GAsyncResult         *result,
                                                 guint                *n_applied,
                                                 GError              **error);

G_END_DECLS
