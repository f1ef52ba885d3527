/* pd-portal-server.h: the reference portal (docs/portal-api.md) as a reusable object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gnutls/abstract.h>
#include <gnutls/x509.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define PD_PORTAL_SERVER_ERROR (pd_portal_server_error_quark ())

typedef enum {
  PD_PORTAL_SERVER_ERROR_DATABASE,
  PD_PORTAL_SERVER_ERROR_FAULTS,
  PD_PORTAL_SERVER_ERROR_SIGNER,
  PD_PORTAL_SERVER_ERROR_NO_RULES,
} PdPortalServerError;

/* Turns the JSON of an approved case (see docs/portal-api.md, “Signed codes”) into the
 * signed permit code printed as QR on both notification PDFs. */
typedef char *(*PdPortalCodeSigner) (const char  *case_json,
                                     gpointer     user_data,
                                     GError     **error);

/* Signs the payload bytes of the trust list; returns the signature, base64url. */
typedef char *(*PdPortalTrustSigner) (const guint8  *payload,
                                      gsize          payload_len,
                                      gpointer       user_data,
                                      GError       **error);

#define PD_TYPE_PORTAL_SERVER (pd_portal_server_get_type ())
G_DECLARE_FINAL_TYPE (PdPortalServer, pd_portal_server, PD, PORTAL_SERVER, GObject)

GQuark          pd_portal_server_error_quark          (void);

PdPortalServer *pd_portal_server_new                  (const char          *data_dir,
                                                       GError             **error);
gboolean        pd_portal_server_seed_demo            (PdPortalServer      *self,
                                                       GError             **error);
gboolean        pd_portal_server_set_faults           (PdPortalServer      *self,
                                                       const char          *spec,
                                                       GError             **error);
void            pd_portal_server_set_token_lifetime   (PdPortalServer      *self,
                                                       guint                seconds);
void            pd_portal_server_set_online_token_lifetime
                                                      (PdPortalServer      *self,
                                                       guint                seconds);
void            pd_portal_server_set_code_signer      (PdPortalServer      *self,
                                                       PdPortalCodeSigner   signer,
                                                       gpointer             user_data,
                                                       GDestroyNotify       destroy);
void            pd_portal_server_set_trust_signer     (PdPortalServer      *self,
                                                       PdPortalTrustSigner  signer,
                                                       gpointer             user_data,
                                                       GDestroyNotify       destroy);
void            pd_portal_server_add_trust_item       (PdPortalServer      *self,
                                                       const char          *usage,
                                                       GBytes              *der);
void            pd_portal_server_set_signer_certificate (PdPortalServer    *self,
                                                       GBytes              *der);
void            pd_portal_server_set_rules_dir        (PdPortalServer      *self,
                                                       const char          *dir);
gboolean        pd_portal_server_listen               (PdPortalServer      *self,
                                                       const char          *address,
                                                       GTlsCertificate     *tls_certificate,
                                                       GError             **error);
char           *pd_portal_server_get_url              (PdPortalServer      *self);

char           *pd_portal_sign_permit_code (const char         *case_json,
                                           gnutls_privkey_t    key,
                                           gnutls_x509_crt_t   crt,
                                           GError            **error);

G_END_DECLS
