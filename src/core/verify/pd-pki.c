/* pd-pki.c: making and loading keys, certificates and CRLs (GnuTLS)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-verify"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "pd-pki.h"

G_DEFINE_QUARK (pd-pki-error-quark, pd_pki_error)

static gboolean
check (int          ret,
       const char  *what,
       GError     **error)
{
  if (ret >= 0)
    return TRUE;
  g_set_error (error, PD_PKI_ERROR, PD_PKI_ERROR_FAILED,
               /* Translators: %s is an operation, the second %s the GnuTLS message */
               _("%s failed: %s"), what, gnutls_strerror (ret));
  return FALSE;
}

gnutls_x509_privkey_t
pd_pki_generate_key (GError **error)
{
  g_auto(gnutls_x509_privkey_t) key = NULL;

  if (!check (gnutls_x509_privkey_init (&key), "privkey_init", error) ||
      !check (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                            GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
              _("Generating an ECDSA P-256 key"), error))
    return NULL;
  return g_steal_pointer (&key);
}

gnutls_privkey_t
pd_pki_privkey_from_x509 (gnutls_x509_privkey_t   key,
                          GError                **error)
{
  g_auto(gnutls_privkey_t) privkey = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  if (!check (gnutls_privkey_init (&privkey), "privkey_init", error) ||
      !check (gnutls_privkey_import_x509 (privkey, key, GNUTLS_PRIVKEY_IMPORT_COPY),
              "privkey_import_x509", error))
    return NULL;
  return g_steal_pointer (&privkey);
}

/* Subject, validity, key and key identifier: what a CA and a signer have in common. */
static gnutls_x509_crt_t
new_crt (gnutls_x509_privkey_t   key,
         const char             *common_name,
         guint64                 serial,
         GDateTime              *not_before,
         GDateTime              *not_after,
         GError                **error)
{
  g_auto(gnutls_x509_crt_t) crt = NULL;
  guint8 serial_bytes[8], key_id[64];
  size_t key_id_len = sizeof key_id;

  for (guint i = 0; i < 8; i++)
    serial_bytes[i] = serial >> (8 * (7 - i));
  /* A positive INTEGER: clear the sign bit. */
  serial_bytes[0] &= 0x7f;

  if (!check (gnutls_x509_crt_init (&crt), "crt_init", error) ||
      !check (gnutls_x509_crt_set_version (crt, 3), "set_version", error) ||
      !check (gnutls_x509_crt_set_serial (crt, serial_bytes, sizeof serial_bytes), "set_serial", error) ||
      !check (gnutls_x509_crt_set_activation_time (crt, g_date_time_to_unix (not_before)),
              "set_activation_time", error) ||
      !check (gnutls_x509_crt_set_expiration_time (crt, g_date_time_to_unix (not_after)),
              "set_expiration_time", error) ||
      !check (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COUNTRY_NAME, 0, "CN", 2),
              "set_dn", error) ||
      !check (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                             common_name, strlen (common_name)), "set_dn", error) ||
      !check (gnutls_x509_crt_set_key (crt, key), "set_key", error) ||
      !check (gnutls_x509_crt_get_key_id (crt, 0, key_id, &key_id_len), "get_key_id", error) ||
      !check (gnutls_x509_crt_set_subject_key_id (crt, key_id, key_id_len), "set_subject_key_id", error))
    return NULL;
  return g_steal_pointer (&crt);
}

gnutls_x509_crt_t
pd_pki_make_ca (gnutls_x509_privkey_t   key,
                const char             *common_name,
                GDateTime              *not_before,
                GDateTime              *not_after,
                GError                **error)
{
  g_auto(gnutls_x509_crt_t) crt = NULL;

  g_return_val_if_fail (key != NULL && common_name != NULL, NULL);
  g_return_val_if_fail (not_before != NULL && not_after != NULL, NULL);

  if ((crt = new_crt (key, common_name, 1, not_before, not_after, error)) == NULL)
    return NULL;
  if (!check (gnutls_x509_crt_set_basic_constraints (crt, 1, 0), "set_basic_constraints", error) ||
      !check (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN),
              "set_key_usage", error) ||
      !check (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0),
              _("Signing the CA certificate"), error))
    return NULL;
  return g_steal_pointer (&crt);
}

gnutls_x509_crt_t
pd_pki_make_signer (gnutls_x509_privkey_t   key,
                    const char             *common_name,
                    guint64                 serial,
                    unsigned int            key_usage,
                    const char             *purpose,
                    gnutls_x509_crt_t       ca,
                    gnutls_x509_privkey_t   ca_key,
                    GDateTime              *not_before,
                    GDateTime              *not_after,
                    GError                **error)
{
  g_auto(gnutls_x509_crt_t) crt = NULL;
  guint8 ca_key_id[64];
  size_t ca_key_id_len = sizeof ca_key_id;

  g_return_val_if_fail (key != NULL && common_name != NULL, NULL);
  g_return_val_if_fail (ca != NULL && ca_key != NULL, NULL);
  g_return_val_if_fail (not_before != NULL && not_after != NULL, NULL);

  if ((crt = new_crt (key, common_name, serial, not_before, not_after, error)) == NULL)
    return NULL;
  if (!check (gnutls_x509_crt_set_basic_constraints (crt, 0, -1), "set_basic_constraints", error) ||
      !check (gnutls_x509_crt_set_key_usage (crt, key_usage), "set_key_usage", error) ||
      (purpose != NULL &&
       !check (gnutls_x509_crt_set_key_purpose_oid (crt, purpose, 0), "set_key_purpose_oid", error)) ||
      !check (gnutls_x509_crt_get_subject_key_id (ca, ca_key_id, &ca_key_id_len, NULL),
              "get_subject_key_id", error) ||
      !check (gnutls_x509_crt_set_authority_key_id (crt, ca_key_id, ca_key_id_len),
              "set_authority_key_id", error) ||
      !check (gnutls_x509_crt_sign2 (crt, ca, ca_key, GNUTLS_DIG_SHA256, 0),
              _("Signing the signer certificate"), error))
    return NULL;
  return g_steal_pointer (&crt);
}

/* Whether @crt names @oid among its extended key purposes. */
gboolean
pd_pki_crt_has_purpose (gnutls_x509_crt_t  crt,
                        const char        *oid)
{
  g_return_val_if_fail (crt != NULL && oid != NULL, FALSE);

  for (unsigned int i = 0;; i++)
    {
      char buf[128];
      size_t size = sizeof buf;
      int ret = gnutls_x509_crt_get_key_purpose_oid (crt, i, buf, &size, NULL);

      if (ret == GNUTLS_E_SHORT_MEMORY_BUFFER)
        continue;
      if (ret < 0)
        return FALSE;
      if (g_str_equal (buf, oid))
        return TRUE;
    }
}

gnutls_x509_crl_t
pd_pki_make_crl (gnutls_x509_crt_t       ca,
                 gnutls_x509_privkey_t   ca_key,
                 gnutls_x509_crt_t      *revoked,
                 guint                   n_revoked,
                 GDateTime              *this_update,
                 GDateTime              *next_update,
                 GError                **error)
{
  g_auto(gnutls_x509_crl_t) crl = NULL;
  gint64 now = g_date_time_to_unix (this_update);
  guint8 number[8];

  g_return_val_if_fail (ca != NULL && ca_key != NULL, NULL);
  g_return_val_if_fail (revoked != NULL || n_revoked == 0, NULL);
  g_return_val_if_fail (this_update != NULL && next_update != NULL, NULL);

  /* CRL numbers must grow: the update time in seconds does. */
  for (guint i = 0; i < 8; i++)
    number[i] = (guint64) now >> (8 * (7 - i));
  number[0] &= 0x7f;

  if (!check (gnutls_x509_crl_init (&crl), "crl_init", error) ||
      !check (gnutls_x509_crl_set_version (crl, 2), "crl_set_version", error) ||
      !check (gnutls_x509_crl_set_this_update (crl, now), "crl_set_this_update", error) ||
      !check (gnutls_x509_crl_set_next_update (crl, g_date_time_to_unix (next_update)),
              "crl_set_next_update", error) ||
      !check (gnutls_x509_crl_set_number (crl, number, sizeof number), "crl_set_number", error))
    return NULL;
  for (guint i = 0; i < n_revoked; i++)
    if (!check (gnutls_x509_crl_set_crt (crl, revoked[i], now), "crl_set_crt", error))
      return NULL;
  if (!check (gnutls_x509_crl_sign2 (crl, ca, ca_key, GNUTLS_DIG_SHA256, 0),
              _("Signing the revocation list"), error))
    return NULL;
  return g_steal_pointer (&crl);
}

static char *
datum_to_string (int             ret,
                 gnutls_datum_t *datum)
{
  char *out;

  if (ret < 0)
    return NULL;
  out = g_strndup ((const char *) datum->data, datum->size);
  gnutls_free (datum->data);
  return out;
}

char *
pd_pki_crt_to_pem (gnutls_x509_crt_t crt)
{
  gnutls_datum_t out = { NULL, 0 };

  g_return_val_if_fail (crt != NULL, NULL);
  return datum_to_string (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &out), &out);
}

GBytes *
pd_pki_crt_to_der (gnutls_x509_crt_t crt)
{
  gnutls_datum_t out = { NULL, 0 };
  GBytes *bytes;

  g_return_val_if_fail (crt != NULL, NULL);
  if (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &out) < 0)
    return NULL;
  bytes = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  return bytes;
}

char *
pd_pki_crl_to_pem (gnutls_x509_crl_t crl)
{
  gnutls_datum_t out = { NULL, 0 };

  g_return_val_if_fail (crl != NULL, NULL);
  return datum_to_string (gnutls_x509_crl_export2 (crl, GNUTLS_X509_FMT_PEM, &out), &out);
}

char *
pd_pki_key_to_pem (gnutls_x509_privkey_t key)
{
  gnutls_datum_t out = { NULL, 0 };

  g_return_val_if_fail (key != NULL, NULL);
  return datum_to_string (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                                             GNUTLS_PKCS_PLAIN, &out), &out);
}

static gboolean
read_datum (const char      *path,
            char           **contents,
            gnutls_datum_t  *datum,
            GError         **error)
{
  gsize len;

  if (!g_file_get_contents (path, contents, &len, error))
    return FALSE;
  datum->data = (unsigned char *) *contents;
  datum->size = len;
  return TRUE;
}

gnutls_x509_crt_t
pd_pki_load_crt (const char  *path,
                 GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(gnutls_x509_crt_t) crt = NULL;
  gnutls_datum_t datum;

  g_return_val_if_fail (path != NULL, NULL);

  if (!read_datum (path, &contents, &datum, error) ||
      !check (gnutls_x509_crt_init (&crt), "crt_init", error))
    return NULL;
  if (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_PEM) < 0 &&
      gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0)
    {
      g_set_error (error, PD_PKI_ERROR, PD_PKI_ERROR_INVALID_DATA,
                   _("“%s” is not an X.509 certificate"), path);
      return NULL;
    }
  return g_steal_pointer (&crt);
}

gnutls_x509_privkey_t
pd_pki_load_key (const char  *path,
                 GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(gnutls_x509_privkey_t) key = NULL;
  gnutls_datum_t datum;

  g_return_val_if_fail (path != NULL, NULL);

  if (!read_datum (path, &contents, &datum, error) ||
      !check (gnutls_x509_privkey_init (&key), "privkey_init", error))
    return NULL;
  if (gnutls_x509_privkey_import2 (key, &datum, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN) < 0)
    {
      g_set_error (error, PD_PKI_ERROR, PD_PKI_ERROR_INVALID_DATA,
                   _("“%s” is not an unencrypted private key"), path);
      return NULL;
    }
  return g_steal_pointer (&key);
}

/* RFC 4648 §5 without padding, as VDS-NC uses. */
char *
pd_base64url_encode (const guint8 *data,
                     gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *end = text + strlen (text);

  for (char *p = text; p < end; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return text;
}

/* Strict: only the base64url alphabet, no padding, no whitespace. */
GBytes *
pd_base64url_decode (const char *text)
{
  gsize len, out_len;
  g_autoptr(GString) standard = NULL;
  guchar *data;

  g_return_val_if_fail (text != NULL, NULL);

  len = strlen (text);
  if (len % 4 == 1)
    return NULL;
  standard = g_string_sized_new (len + 3);
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
      g_string_append_c (standard, c);
    }
  while (standard->len % 4 != 0)
    g_string_append_c (standard, '=');

  data = g_base64_decode (standard->str, &out_len);
  return g_bytes_new_take (data, out_len);
}
