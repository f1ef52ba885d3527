/* main.c: permitdesk-portal, the reference portal server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal-server"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "pd-pki.h"
#include "pd-portal-server.h"
#include "pd-trust-refresh.h"

static char *listen_address = NULL;
static char *data_dir = NULL;
static char *tls_cert = NULL;
static char *tls_key = NULL;
static char *seed = NULL;
static char *faults = NULL;
static int token_lifetime = 0;
static int online_token_lifetime = 0;
static char *signer_cert = NULL;
static char *signer_key = NULL;
static char *list_signer_cert = NULL;
static char *list_signer_key = NULL;
static char **ca_certs = NULL;
static char **trust_certs = NULL;
static char **crls = NULL;
static char *rules_dir = NULL;

static const GOptionEntry entries[] = {
  { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen_address, "Address to listen on (default 127.0.0.1:8080; port 0 picks one)", "ADDR:PORT" },
  { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, "Folder of the portal database (required)", "DIR" },
  { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, "PEM certificate (chain) for HTTPS", "FILE" },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, "PEM private key for HTTPS", "FILE" },
  { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Fill an empty database with demo data", "demo" },
  { "faults", 0, 0, G_OPTION_ARG_STRING, &faults, "Fault injection for tests only", "SPEC" },
  { "token-lifetime", 0, 0, G_OPTION_ARG_INT, &token_lifetime, "Session token lifetime (default 28800)", "SECONDS" },
  { "online-token-lifetime", 0, 0, G_OPTION_ARG_INT, &online_token_lifetime, "Online token lifetime (default 60)", "SECONDS" },
  { "signer-cert", 0, 0, G_OPTION_ARG_FILENAME, &signer_cert, "Document signer certificate (PEM): signs the permit codes on the documents", "FILE" },
  { "signer-key", 0, 0, G_OPTION_ARG_FILENAME, &signer_key, "The document signer's ECDSA P-256 private key (PEM)", "FILE" },
  { "list-signer-cert", 0, 0, G_OPTION_ARG_FILENAME, &list_signer_cert, "List signer certificate (PEM, with the list-signing purpose): signs the trust list and rule sets", "FILE" },
  { "list-signer-key", 0, 0, G_OPTION_ARG_FILENAME, &list_signer_key, "The list signer's ECDSA P-256 private key (PEM)", "FILE" },
  { "ca-cert", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &ca_certs, "A CA certificate for the trust list (repeatable)", "FILE" },
  { "trust-cert", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &trust_certs, "A further signer certificate for the trust list (repeatable)", "FILE" },
  { "crl", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &crls, "A CRL for the trust list (repeatable)", "FILE" },
  { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, "Folder of rule set files; the newest of each id is served signed (needs the signer)", "DIR" },
  { NULL }
};

static gboolean
on_signal_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* ---- signing: the permit codes on the documents and the trust list ------------- */

typedef struct {
  gnutls_x509_crt_t crt;
  gnutls_privkey_t  key;
} Signer;

static void
signer_free (Signer *signer)
{
  g_clear_pointer (&signer->crt, gnutls_x509_crt_deinit);
  g_clear_pointer (&signer->key, gnutls_privkey_deinit);
  g_free (signer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Signer, signer_free)

static gboolean
key_matches (gnutls_x509_crt_t crt,
             gnutls_privkey_t  key)
{
  g_auto(gnutls_pubkey_t) pubkey = NULL;
  guchar a[64], b[64];
  size_t na = sizeof a, nb = sizeof b;

  return gnutls_pubkey_init (&pubkey) >= 0 && gnutls_pubkey_import_privkey (pubkey, key, 0, 0) >= 0 &&
         gnutls_pubkey_get_key_id (pubkey, GNUTLS_KEYID_USE_SHA256, a, &na) >= 0 &&
         gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA256, b, &nb) >= 0 &&
         na == nb && memcmp (a, b, na) == 0;
}

static Signer *
signer_load (const char  *cert_path,
             const char  *key_path,
             GError     **error)
{
  g_autoptr(Signer) signer = g_new0 (Signer, 1);
  g_auto(gnutls_x509_privkey_t) x509_key = NULL;

  if ((signer->crt = pd_pki_load_crt (cert_path, error)) == NULL ||
      (x509_key = pd_pki_load_key (key_path, error)) == NULL ||
      (signer->key = pd_pki_privkey_from_x509 (x509_key, error)) == NULL)
    return NULL;
  if (!key_matches (signer->crt, signer->key))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "the key in %s does not belong to the certificate in %s", key_path, cert_path);
      return NULL;
    }
  return g_steal_pointer (&signer);
}

/* The code on the notices, signed with the portal's signer (pd-portal-signing.c). */
static char *
sign_code (const char  *case_json,
           gpointer     user_data,
           GError     **error)
{
  Signer *signer = user_data;

  return pd_portal_sign_permit_code (case_json, signer->key, signer->crt, error);
}

static char *
sign_trust_list (const guint8  *payload,
                 gsize          len,
                 gpointer       user_data,
                 GError       **error)
{
  Signer *signer = user_data;

  return pd_trust_list_sign (payload, len, signer->key, error);
}

static gboolean
add_certificate_files (PdPortalServer  *server,
                       char           **files,
                       const char      *usage,
                       GError         **error)
{
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_autofree char *contents = NULL;
      gsize len = 0;
      gnutls_x509_crt_t *list = NULL;
      unsigned int n = 0;
      gnutls_datum_t datum;

      if (!g_file_get_contents (files[i], &contents, &len, error))
        return FALSE;
      datum.data = (unsigned char *) contents;
      datum.size = len;
      if ((gnutls_x509_crt_list_import2 (&list, &n, &datum, GNUTLS_X509_FMT_PEM, 0) < 0 || n == 0) &&
          (gnutls_x509_crt_list_import2 (&list, &n, &datum, GNUTLS_X509_FMT_DER, 0) < 0 || n == 0))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s holds no certificate", files[i]);
          return FALSE;
        }
      for (unsigned int j = 0; j < n; j++)
        {
          g_autoptr(GBytes) der = pd_pki_crt_to_der (list[j]);

          pd_portal_server_add_trust_item (server, usage, der);
          gnutls_x509_crt_deinit (list[j]);
        }
      gnutls_free (list);
    }
  return TRUE;
}

static gboolean
add_crl_files (PdPortalServer  *server,
               char           **files,
               GError         **error)
{
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_autofree char *contents = NULL;
      gsize len = 0;
      gnutls_x509_crl_t *list = NULL;
      unsigned int n = 0;
      gnutls_datum_t datum;

      if (!g_file_get_contents (files[i], &contents, &len, error))
        return FALSE;
      datum.data = (unsigned char *) contents;
      datum.size = len;
      if ((gnutls_x509_crl_list_import2 (&list, &n, &datum, GNUTLS_X509_FMT_PEM, 0) < 0 || n == 0) &&
          (gnutls_x509_crl_list_import2 (&list, &n, &datum, GNUTLS_X509_FMT_DER, 0) < 0 || n == 0))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s holds no CRL", files[i]);
          return FALSE;
        }
      for (unsigned int j = 0; j < n; j++)
        {
          gnutls_datum_t out = { NULL, 0 };

          if (gnutls_x509_crl_export2 (list[j], GNUTLS_X509_FMT_DER, &out) >= 0)
            {
              g_autoptr(GBytes) der = g_bytes_new (out.data, out.size);

              pd_portal_server_add_trust_item (server, "crl", der);
            }
          gnutls_free (out.data);
          gnutls_x509_crl_deinit (list[j]);
        }
      gnutls_free (list);
    }
  return TRUE;
}

/* Without --signer-cert/--signer-key the portal signs nothing and refuses documents and
 * the trust list (503); no key is ever picked up implicitly, not even with --seed demo.
 * The trust list and rule sets are signed by the list signer: desks take them from a
 * certificate with the list-signing purpose only (docs/verification.md). */
static gboolean
configure_signer (PdPortalServer  *server,
                  GError         **error)
{
  g_autoptr(Signer) signer = NULL;
  g_autoptr(Signer) list_signer = NULL;
  g_autoptr(GBytes) signer_der = NULL;
  g_autoptr(GBytes) list_signer_der = NULL;

  if ((signer_cert == NULL) != (signer_key == NULL) || (list_signer_cert == NULL) != (list_signer_key == NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--signer-cert and --signer-key go together, as do --list-signer-cert and --list-signer-key");
      return FALSE;
    }
  if (signer_cert == NULL)
    {
      if (ca_certs == NULL && trust_certs == NULL && crls == NULL && list_signer_cert == NULL)
        return TRUE;
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--ca-cert, --trust-cert, --crl and --list-signer-cert need --signer-cert and --signer-key");
      return FALSE;
    }
  if ((signer = signer_load (signer_cert, signer_key, error)) == NULL ||
      (list_signer_cert != NULL && (list_signer = signer_load (list_signer_cert, list_signer_key, error)) == NULL))
    return FALSE;
  if (list_signer != NULL && !pd_pki_crt_has_purpose (list_signer->crt, PD_PKI_PURPOSE_LIST_SIGNING))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s has no list-signing purpose (make it with permitdesk-sign make-signer --purpose list-signing)",
                   list_signer_cert);
      return FALSE;
    }
  if (list_signer == NULL)
    g_printerr ("permitdesk-portal: no --list-signer-cert: the trust list and rule sets are signed by the "
                "document signer, and desks refuse them\n");
  if (!add_certificate_files (server, ca_certs, "ca", error) ||
      !add_certificate_files (server, trust_certs, "signer", error) ||
      !add_crl_files (server, crls, error))
    return FALSE;
  signer_der = pd_pki_crt_to_der (signer->crt);
  pd_portal_server_add_trust_item (server, "signer", signer_der);
  if (list_signer != NULL)
    {
      list_signer_der = pd_pki_crt_to_der (list_signer->crt);
      pd_portal_server_add_trust_item (server, "signer", list_signer_der);
    }
  pd_portal_server_set_signer_certificate (server, list_signer_der != NULL ? list_signer_der : signer_der);
  if (list_signer != NULL)
    {
      pd_portal_server_set_trust_signer (server, sign_trust_list, g_steal_pointer (&list_signer),
                                         (GDestroyNotify) signer_free);
      pd_portal_server_set_code_signer (server, sign_code, g_steal_pointer (&signer), (GDestroyNotify) signer_free);
    }
  else
    {
      pd_portal_server_set_code_signer (server, sign_code, signer, NULL);
      pd_portal_server_set_trust_signer (server, sign_trust_list, g_steal_pointer (&signer),
                                         (GDestroyNotify) signer_free);
    }
  return TRUE;
}

static gboolean
configure (PdPortalServer  *server,
           GError         **error)
{
  if (seed != NULL && !g_str_equal (seed, "demo"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--seed knows only “demo”");
      return FALSE;
    }
  if (token_lifetime < 0 || online_token_lifetime < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "lifetimes are positive");
      return FALSE;
    }
  if (token_lifetime > 0)
    pd_portal_server_set_token_lifetime (server, (guint) token_lifetime);
  if (online_token_lifetime > 0)
    pd_portal_server_set_online_token_lifetime (server, (guint) online_token_lifetime);
  if (rules_dir != NULL && !g_file_test (rules_dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--rules: %s is not a folder", rules_dir);
      return FALSE;
    }
  pd_portal_server_set_rules_dir (server, rules_dir);
  /* Only the explicit flag: an environment variable would reach a deployed portal
   * unseen, from whatever started it. */
  if (!pd_portal_server_set_faults (server, faults, error) ||
      !configure_signer (server, error))
    return FALSE;
  return seed == NULL || pd_portal_server_seed_demo (server, error);
}

static int
run (void)
{
  g_autoptr(PdPortalServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_printerr ("permitdesk-portal: --tls-cert and --tls-key go together\n");
      return 2;
    }
  if (tls_cert != NULL && (certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error)) == NULL)
    goto failed;
  server = pd_portal_server_new (data_dir, &error);
  if (server == NULL || !configure (server, &error))
    goto failed;
  if (!pd_portal_server_listen (server, listen_address != NULL ? listen_address : "127.0.0.1:8080",
                                certificate, &error))
    goto failed;

  url = pd_portal_server_get_url (server);
  /* Tests and build-aux/dev read this line to learn the port. */
  printf ("listening on %s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_main_loop_run (loop);
  return 0;

failed:
  g_printerr ("permitdesk-portal: %s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— the PermitDesk reference portal");
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("permitdesk-portal: %s\n", error->message);
      return 2;
    }
  if (data_dir == NULL)
    {
      g_printerr ("permitdesk-portal: --data DIR is required\n");
      return 2;
    }
  return run ();
}
