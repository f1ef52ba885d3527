/* permitdesk-sign.c: make a demo CA, signers, CRLs and signed permit codes
 *
 *   permitdesk-sign make-ca     --cert CA.pem --key CA.key [--name CN] [--days N]
 *   permitdesk-sign make-signer --ca-cert CA.pem --ca-key CA.key --cert S.pem --key S.key
 *                               [--name CN] [--serial N] [--days N] [--purpose list-signing]
 *   permitdesk-sign make-crl    --ca-cert CA.pem --ca-key CA.key --out CRL.pem
 *                               [--revoke S.pem]... [--days N]
 *   permitdesk-sign sign        --cert S.pem --key S.key [MSG.json]   (stdin without a file)
 *
 * `sign` reads the "msg" object of docs/codes.md, adds the header and prints the code.
 * Private keys are written readable by their owner only. For demos and tests: a real
 * signing service keeps its keys in an HSM.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "pd-core.h"
#include "pd-permit-code.h"
#include "pd-pki.h"

static char *opt_cert, *opt_key, *opt_ca_cert, *opt_ca_key, *opt_out, *opt_name, *opt_purpose;
static char **opt_revoke;
static int opt_days = 365;
static gint64 opt_serial = 2;

static const GOptionEntry entries[] = {
  { "cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_cert, "Certificate to write (make-*) or sign with (sign)", "FILE" },
  { "key", 0, 0, G_OPTION_ARG_FILENAME, &opt_key, "Private key to write (make-*) or sign with (sign)", "FILE" },
  { "ca-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_ca_cert, "The issuing CA's certificate", "FILE" },
  { "ca-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_ca_key, "The issuing CA's private key", "FILE" },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out, "CRL to write", "FILE" },
  { "revoke", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_revoke, "Signer certificate to list on the CRL", "FILE" },
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, "Common name", "CN" },
  { "serial", 0, 0, G_OPTION_ARG_INT64, &opt_serial, "Serial number of a signer", "N" },
  { "purpose", 0, 0, G_OPTION_ARG_STRING, &opt_purpose, "list-signing: a signer of trust lists and rule sets, not of permit codes", "PURPOSE" },
  { "days", 0, 0, G_OPTION_ARG_INT, &opt_days, "Validity (certificates) or next update (CRL) in days", "N" },
  { NULL }
};

static gboolean
write_file (const char  *path,
            const char  *text,
            gboolean     private,
            GError     **error)
{
  if (private)
    return pd_core_write_private_file (path, text, strlen (text), error);
  return g_file_set_contents (path, text, -1, error);
}

static gboolean
require (const char *value,
         const char *option,
         GError    **error)
{
  if (value == NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "%s is required", option);
  return value != NULL;
}

static gboolean
make_ca (GDateTime  *now,
         GDateTime  *until,
         GError    **error)
{
  g_auto(gnutls_x509_privkey_t) key = NULL;
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_autofree char *crt_pem = NULL;
  g_autofree char *key_pem = NULL;

  if (!require (opt_cert, "--cert", error) || !require (opt_key, "--key", error) ||
      (key = pd_pki_generate_key (error)) == NULL ||
      (crt = pd_pki_make_ca (key, opt_name ? opt_name : "PermitDesk DEMO Country Signing CA",
                             now, until, error)) == NULL)
    return FALSE;
  crt_pem = pd_pki_crt_to_pem (crt);
  key_pem = pd_pki_key_to_pem (key);
  return write_file (opt_cert, crt_pem, FALSE, error) && write_file (opt_key, key_pem, TRUE, error);
}

static gboolean
load_ca (gnutls_x509_crt_t      *ca,
         gnutls_x509_privkey_t  *ca_key,
         GError                **error)
{
  return require (opt_ca_cert, "--ca-cert", error) && require (opt_ca_key, "--ca-key", error) &&
         (*ca = pd_pki_load_crt (opt_ca_cert, error)) != NULL &&
         (*ca_key = pd_pki_load_key (opt_ca_key, error)) != NULL;
}

static gboolean
make_signer (GDateTime  *now,
             GDateTime  *until,
             GError    **error)
{
  g_auto(gnutls_x509_crt_t) ca = NULL;
  g_auto(gnutls_x509_privkey_t) ca_key = NULL;
  g_auto(gnutls_x509_privkey_t) key = NULL;
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_autofree char *crt_pem = NULL;
  g_autofree char *key_pem = NULL;

  gboolean lists = g_strcmp0 (opt_purpose, "list-signing") == 0;

  if (opt_purpose != NULL && !lists)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--purpose knows only “list-signing”");
      return FALSE;
    }
  if (!require (opt_cert, "--cert", error) || !require (opt_key, "--key", error) ||
      !load_ca (&ca, &ca_key, error) ||
      (key = pd_pki_generate_key (error)) == NULL ||
      (crt = pd_pki_make_signer (key, opt_name ? opt_name : lists ? "PermitDesk DEMO List Signer"
                                                                  : "PermitDesk DEMO Document Signer",
                                 opt_serial, GNUTLS_KEY_DIGITAL_SIGNATURE,
                                 lists ? PD_PKI_PURPOSE_LIST_SIGNING : NULL, ca, ca_key,
                                 now, until, error)) == NULL)
    return FALSE;
  crt_pem = pd_pki_crt_to_pem (crt);
  key_pem = pd_pki_key_to_pem (key);
  return write_file (opt_cert, crt_pem, FALSE, error) && write_file (opt_key, key_pem, TRUE, error);
}

static gboolean
make_crl (GDateTime  *now,
          GDateTime  *until,
          GError    **error)
{
  g_auto(gnutls_x509_crt_t) ca = NULL;
  g_auto(gnutls_x509_privkey_t) ca_key = NULL;
  g_auto(gnutls_x509_crl_t) crl = NULL;
  g_autoptr(GPtrArray) revoked = g_ptr_array_new_with_free_func ((GDestroyNotify) gnutls_x509_crt_deinit);
  g_autofree char *pem = NULL;

  if (!require (opt_out, "--out", error) || !load_ca (&ca, &ca_key, error))
    return FALSE;
  for (guint i = 0; opt_revoke != NULL && opt_revoke[i] != NULL; i++)
    {
      gnutls_x509_crt_t crt = pd_pki_load_crt (opt_revoke[i], error);

      if (crt == NULL)
        return FALSE;
      g_ptr_array_add (revoked, crt);
    }
  crl = pd_pki_make_crl (ca, ca_key, (gnutls_x509_crt_t *) revoked->pdata, revoked->len,
                         now, until, error);
  if (crl == NULL)
    return FALSE;
  pem = pd_pki_crl_to_pem (crl);
  return write_file (opt_out, pem, FALSE, error);
}

static JsonNode *
wrap_msg (JsonNode *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "hdr");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "t");
  json_builder_add_string_value (builder, "WP");
  json_builder_set_member_name (builder, "v");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "is");
  json_builder_add_string_value (builder, "CHN");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "msg");
  json_builder_add_value (builder, json_node_copy (msg));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
sign (const char  *msg_path,
      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_auto(gnutls_x509_privkey_t) x509_key = NULL;
  g_auto(gnutls_privkey_t) key = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *code = NULL;
  gboolean loaded;

  if (!require (opt_cert, "--cert", error) || !require (opt_key, "--key", error) ||
      (crt = pd_pki_load_crt (opt_cert, error)) == NULL ||
      (x509_key = pd_pki_load_key (opt_key, error)) == NULL ||
      (key = pd_pki_privkey_from_x509 (x509_key, error)) == NULL)
    return FALSE;

  if (msg_path != NULL && !g_str_equal (msg_path, "-"))
    loaded = json_parser_load_from_file (parser, msg_path, error);
  else
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);

      loaded = json_parser_load_from_stream (parser, in, NULL, error);
    }
  if (!loaded)
    return FALSE;

  data = wrap_msg (json_parser_get_root (parser));
  if ((code = pd_permit_code_sign (data, key, crt, error)) == NULL)
    return FALSE;
  printf ("%s\n", code);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("make-ca|make-signer|make-crl|sign [MSG.json]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) not_before = NULL;
  const char *command;
  gboolean ok;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Makes the DEMO/test PKI and signed permit codes (docs/codes.md).");
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2 || opt_days < 1)
    {
      g_printerr ("%s\n", error ? error->message : "Give one command and a positive --days; see --help");
      return 2;
    }

  command = argv[1];
  until = g_date_time_add_days (now, opt_days);
  /* Certificates start an hour back so a verifier whose clock is a little behind, or
   * that took its time just before they were made, still sees them in force. */
  not_before = g_date_time_add_hours (now, -1);
  if (g_str_equal (command, "make-ca"))
    ok = make_ca (not_before, until, &error);
  else if (g_str_equal (command, "make-signer"))
    ok = make_signer (not_before, until, &error);
  else if (g_str_equal (command, "make-crl"))
    ok = make_crl (now, until, &error);
  else if (g_str_equal (command, "sign"))
    ok = sign (argc > 2 ? argv[2] : NULL, &error);
  else
    {
      g_printerr ("Unknown command “%s”; see --help\n", command);
      return 2;
    }

  if (!ok)
    {
      g_printerr ("permitdesk-sign %s: %s\n", command, error->message);
      return 1;
    }
  return 0;
}
