/* pd-online-checker.c: the interface through which the portal confirms a code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-verify"

#include "config.h"

#include "pd-online-checker.h"

G_DEFINE_INTERFACE (PdOnlineChecker, pd_online_checker, G_TYPE_OBJECT)

static void
pd_online_checker_default_init (PdOnlineCheckerInterface *iface)
{
}

void
pd_online_checker_check_async (PdOnlineChecker     *self,
                               PdCode              *code,
                               PdVerdict           *verdict,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PD_IS_ONLINE_CHECKER (self));
  g_return_if_fail (PD_IS_CODE (code));
  g_return_if_fail (PD_IS_VERDICT (verdict));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  PD_ONLINE_CHECKER_GET_IFACE (self)->check_async (self, code, verdict, cancellable,
                                                   callback, user_data);
}

gboolean
pd_online_checker_check_finish (PdOnlineChecker  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (PD_IS_ONLINE_CHECKER (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return PD_ONLINE_CHECKER_GET_IFACE (self)->check_finish (self, result, error);
}
