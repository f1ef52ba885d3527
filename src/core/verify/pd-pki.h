/* pd-pki.h: making and loading keys, certificates and CRLs (GnuTLS)
 *
 * Used by permitdesk-sign, the reference portal's signer and the tests, so that every
 * fixture is signed with a real key chained to a real CA.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crl_t, gnutls_x509_crl_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_privkey_t, gnutls_privkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pubkey_t, gnutls_pubkey_deinit, NULL)

#define PD_PKI_ERROR (pd_pki_error_quark ())

typedef enum {
  PD_PKI_ERROR_FAILED,
  PD_PKI_ERROR_INVALID_DATA,
} PdPkiError;

/* The extended key purpose of a certificate that signs trust lists and rule
 * sets. Under the ITU-T "example" arc (2.999), which needs no registration:
 * the authority that replaces the DEMO PKI assigns its own and sets it here. */
#define PD_PKI_PURPOSE_LIST_SIGNING "2.999.8437.1"

GQuark                 pd_pki_error_quark       (void);

gnutls_x509_privkey_t  pd_pki_generate_key      (GError               **error);
gnutls_privkey_t       pd_pki_privkey_from_x509 (gnutls_x509_privkey_t  key,
                                                 GError               **error);
gnutls_x509_crt_t      pd_pki_make_ca           (gnutls_x509_privkey_t  key,
                                                 const char            *common_name,
                                                 GDateTime             *not_before,
                                                 GDateTime             *not_after,
                                                 GError               **error);
gnutls_x509_crt_t      pd_pki_make_signer       (gnutls_x509_privkey_t  key,
                                                 const char            *common_name,
                                                 guint64                serial,
                                                 unsigned int           key_usage,
                                                 const char            *purpose,
                                                 gnutls_x509_crt_t      ca,
                                                 gnutls_x509_privkey_t  ca_key,
                                                 GDateTime             *not_before,
                                                 GDateTime             *not_after,
                                                 GError               **error);
gnutls_x509_crl_t      pd_pki_make_crl          (gnutls_x509_crt_t      ca,
                                                 gnutls_x509_privkey_t  ca_key,
                                                 gnutls_x509_crt_t     *revoked,
                                                 guint                  n_revoked,
                                                 GDateTime             *this_update,
                                                 GDateTime             *next_update,
                                                 GError               **error);

gboolean               pd_pki_crt_has_purpose   (gnutls_x509_crt_t      crt,
                                                 const char            *oid);
char                  *pd_pki_crt_to_pem        (gnutls_x509_crt_t      crt);
GBytes                *pd_pki_crt_to_der        (gnutls_x509_crt_t      crt);
char                  *pd_pki_crl_to_pem        (gnutls_x509_crl_t      crl);
char                  *pd_pki_key_to_pem        (gnutls_x509_privkey_t  key);
gnutls_x509_crt_t      pd_pki_load_crt          (const char            *path,
                                                 GError               **error);
gnutls_x509_privkey_t  pd_pki_load_key          (const char            *path,
                                                 GError               **error);

char                  *pd_base64url_encode      (const guint8          *data,
                                                 gsize                  len);
GBytes                *pd_base64url_decode      (const char            *text);

G_END_DECLS
