/* pd-online-checker.h: the interface through which the portal confirms a code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pd-code.h"
#include "pd-verdict.h"

G_BEGIN_DECLS

#define PD_TYPE_ONLINE_CHECKER (pd_online_checker_get_type ())
G_DECLARE_INTERFACE (PdOnlineChecker, pd_online_checker, PD, ONLINE_CHECKER, GObject)

/**
 * PdOnlineCheckerInterface:
 * @check_async: ask the portal about @code. The verdict already holds the offline
 *   layers; the implementation sets %PD_VERDICT_LAYER_ONLINE (and, for a bare permit
 *   number or an online token, the holder fields and %PD_VERDICT_LAYER_VALIDITY) and
 *   calls pd_verdict_set_checked_online(). It does not call
 *   pd_verdict_update_result(): the verifier does.
 * @check_finish: %FALSE with @error when the portal could not answer (the verifier
 *   then leaves the online layer unconfirmed and says why)
 */
struct _PdOnlineCheckerInterface
{
  GTypeInterface parent_iface;

  void     (*check_async)  (PdOnlineChecker     *self,
                            PdCode              *code,
                            PdVerdict           *verdict,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);
  gboolean (*check_finish) (PdOnlineChecker     *self,
                            GAsyncResult        *result,
                            GError             **error);
};

void     pd_online_checker_check_async  (PdOnlineChecker     *self,
                                         PdCode              *code,
                                         PdVerdict           *verdict,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean pd_online_checker_check_finish (PdOnlineChecker     *self,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
