/* pd-credentials.h: where portal session tokens are kept (keyring, or a private file)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PD_TYPE_CREDENTIALS (pd_credentials_get_type ())
G_DECLARE_FINAL_TYPE (PdCredentials, pd_credentials, PD, CREDENTIALS, GObject)

PdCredentials *pd_credentials_new                (gboolean              use_keyring);
gboolean       pd_credentials_get_using_fallback (PdCredentials        *self);
char          *pd_credentials_get_fallback_path  (PdCredentials        *self);

void           pd_credentials_store_async        (PdCredentials        *self,
                                                  const char           *portal_url,
                                                  const char           *user,
                                                  const char           *token,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       pd_credentials_store_finish       (PdCredentials        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void           pd_credentials_lookup_async       (PdCredentials        *self,
                                                  const char           *portal_url,
                                                  const char           *user,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char          *pd_credentials_lookup_finish      (PdCredentials        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void           pd_credentials_clear_async        (PdCredentials        *self,
                                                  const char           *portal_url,
                                                  const char           *user,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       pd_credentials_clear_finish       (PdCredentials        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
