/* pd-portal-password.c: slow salted password hashes, tokens and digests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal-server"

#include "config.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "pd-portal-server-private.h"

/* PBKDF2-SHA256: slow on purpose, so a stolen database is expensive to attack. */
GBytes *
pd_portal_password_hash (const char *password,
                         GBytes     *salt,
                         guint       iterations)
{
  gnutls_datum_t key = { (unsigned char *) password, (unsigned int) strlen (password) };
  gnutls_datum_t salt_datum;
  guint8 *out = g_malloc (32);
  gsize salt_len;

  salt_datum.data = (unsigned char *) g_bytes_get_data (salt, &salt_len);
  salt_datum.size = (unsigned int) salt_len;
  if (gnutls_pbkdf2 (GNUTLS_MAC_SHA256, &key, &salt_datum, iterations, out, 32) < 0)
    {
      g_free (out);
      return NULL;
    }
  return g_bytes_new_take (out, 32);
}

GBytes *
pd_portal_random_bytes (gsize len)
{
  guint8 *data = g_malloc (len);

  if (gnutls_rnd (GNUTLS_RND_KEY, data, len) < 0)
    g_error ("no random numbers available");
  return g_bytes_new_take (data, len);
}

/* Compares without an early exit, so timing says nothing about where bytes differ. */
gboolean
pd_portal_bytes_equal_ct (GBytes *a,
                          GBytes *b)
{
  gsize a_len, b_len;
  const guint8 *a_data = g_bytes_get_data (a, &a_len);
  const guint8 *b_data = g_bytes_get_data (b, &b_len);
  guint8 diff = 0;

  if (a_len != b_len)
    return FALSE;
  for (gsize i = 0; i < a_len; i++)
    diff |= a_data[i] ^ b_data[i];
  return diff == 0;
}

GBytes *
pd_portal_sha256 (const void *data,
                  gsize       len)
{
  guint8 *digest = g_malloc (32);

  gnutls_hash_fast (GNUTLS_DIG_SHA256, data, len, digest);
  return g_bytes_new_take (digest, 32);
}

char *
pd_portal_base64url (const guint8 *data,
                     gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *end;

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  end = strchr (text, '=');
  if (end != NULL)
    *end = '\0';
  return text;
}

gboolean
pd_portal_add_user (PdPortalDb  *db,
                    const char  *name,
                    const char  *password,
                    const char  *role,
                    const char  *employer_id,
                    const char  *person_id,
                    GError     **error)
{
  PdPortalUser user = { (char *) name, (char *) role, (char *) employer_id, (char *) person_id };
  g_autoptr(GBytes) salt = pd_portal_random_bytes (16);
  g_autoptr(GBytes) hash = pd_portal_password_hash (password, salt, PD_PORTAL_PBKDF2_ITERATIONS);

  if (hash == NULL)
    {
      g_set_error_literal (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_DATABASE,
                           "password hashing failed");
      return FALSE;
    }
  return pd_portal_db_add_user (db, &user, salt, hash, PD_PORTAL_PBKDF2_ITERATIONS, error);
}
