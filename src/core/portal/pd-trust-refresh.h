/* pd-trust-refresh.h: the portal's signed trust list into the trust store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gnutls/abstract.h>

#include "pd-portal-client.h"
#include "pd-trust-store.h"

G_BEGIN_DECLS

#define PD_TRUST_LIST_ERROR (pd_trust_list_error_quark ())

typedef enum {
  PD_TRUST_LIST_ERROR_INVALID,
  PD_TRUST_LIST_ERROR_BAD_SIGNATURE,
  PD_TRUST_LIST_ERROR_EXPIRED,
  PD_TRUST_LIST_ERROR_OLDER,
  PD_TRUST_LIST_ERROR_SAVE,
} PdTrustListError;

GQuark          pd_trust_list_error_quark       (void);

char           *pd_trust_list_sign              (const guint8         *payload,
                                                 gsize                 len,
                                                 gnutls_privkey_t      key,
                                                 GError              **error);
gboolean        pd_trust_signer_verify          (PdTrustStore         *store,
                                                 gnutls_x509_crt_t     signer,
                                                 GBytes               *payload,
                                                 const char           *signature,
                                                 GDateTime            *now,
                                                 GError              **error);
gboolean        pd_trust_list_apply             (PdTrustStore         *store,
                                                 const char           *directory,
                                                 GBytes               *payload,
                                                 const char           *signature,
                                                 GDateTime            *now,
                                                 GError              **error);

#define PD_TYPE_TRUST_REFRESH (pd_trust_refresh_get_type ())
G_DECLARE_FINAL_TYPE (PdTrustRefresh, pd_trust_refresh, PD, TRUST_REFRESH, GObject)

PdTrustRefresh *pd_trust_refresh_new            (PdPortalClient       *client,
                                                 PdTrustStore         *store,
                                                 const char           *directory);
GDateTime      *pd_trust_refresh_get_refreshed_at (PdTrustRefresh     *self);
void            pd_trust_refresh_run_async      (PdTrustRefresh       *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        pd_trust_refresh_run_finish     (PdTrustRefresh       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
