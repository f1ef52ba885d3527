/* pd-trust-store.h: trusted CAs, their signer certificates and CRLs (GnuTLS)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

#define PD_TRUST_ERROR (pd_trust_error_quark ())

typedef enum {
  PD_TRUST_ERROR_INVALID_DATA,
  PD_TRUST_ERROR_NOT_A_CA,
  PD_TRUST_ERROR_UNKNOWN_ISSUER,
  PD_TRUST_ERROR_NOT_A_SIGNER,
  PD_TRUST_ERROR_UNLISTED_SIGNER,
  PD_TRUST_ERROR_NOT_YET_VALID,
  PD_TRUST_ERROR_EXPIRED,
  PD_TRUST_ERROR_REVOKED,
  PD_TRUST_ERROR_NO_REVOCATION_DATA,
} PdTrustError;

#define PD_TRUST_STORE_DEFAULT_MAX_AGE (24 * 60 * 60)

#define PD_TYPE_TRUST_STORE (pd_trust_store_get_type ())
G_DECLARE_FINAL_TYPE (PdTrustStore, pd_trust_store, PD, TRUST_STORE, GObject)

GQuark        pd_trust_error_quark             (void);

PdTrustStore *pd_trust_store_new               (void);
PdTrustStore *pd_trust_store_new_default       (void);
gboolean      pd_trust_store_load_directory    (PdTrustStore       *self,
                                                const char         *path,
                                                GError            **error);
gboolean      pd_trust_store_add_certificates  (PdTrustStore       *self,
                                                GBytes             *data,
                                                GError            **error);
gboolean      pd_trust_store_add_crl           (PdTrustStore       *self,
                                                GBytes             *data,
                                                GError            **error);
void          pd_trust_store_set_updated_at    (PdTrustStore       *self,
                                                GDateTime          *updated_at);
GDateTime    *pd_trust_store_get_updated_at    (PdTrustStore       *self);
gint64        pd_trust_store_get_max_age       (PdTrustStore       *self);
void          pd_trust_store_set_max_age       (PdTrustStore       *self,
                                                gint64              seconds);
gboolean      pd_trust_store_is_stale          (PdTrustStore       *self,
                                                GDateTime          *now);
guint         pd_trust_store_get_n_cas         (PdTrustStore       *self);
guint         pd_trust_store_get_n_signers     (PdTrustStore       *self);
gboolean      pd_trust_store_check_chain       (PdTrustStore       *self,
                                                gnutls_x509_crt_t   signer,
                                                GDateTime          *time,
                                                GError            **error);
gboolean      pd_trust_store_check_revocation  (PdTrustStore       *self,
                                                gnutls_x509_crt_t   signer,
                                                GError            **error);

G_END_DECLS
