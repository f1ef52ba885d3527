/* pd-trust-refresh.c: the portal's signed trust list into the trust store
 *
 * A list is taken only when its ES256 signature (raw r‖s over the exact payload bytes)
 * verifies with one of its own signer certificates that the store already trusts:
 * chained to a CA the store holds, listed, not revoked, and made for signing lists
 * (PD_PKI_PURPOSE_LIST_SIGNING): the document signers, whose keys sign every
 * notice the portal issues, cannot change what a desk trusts. It must also be complete (every
 * signer and CRL issued by a CA in the list), not expired and not older than the last
 * list taken. Only then is anything added, so a refused list leaves the data as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>

#include "pd-core.h"
#include "pd-pki.h"
#include "pd-trust-refresh.h"

/* The time stamp file pd_trust_store_load_directory() reads back. */
#define STAMP_FILE "updated-at"

G_DEFINE_QUARK (pd-trust-list-error-quark, pd_trust_list_error)

typedef struct {
  const char *usage;   /* "ca", "signer" or "crl" */
  GBytes     *der;
} TrustItem;

typedef struct {
  GArray    *items;
  GDateTime *issued_at;
  GDateTime *next_update;
} TrustList;

static void
trust_item_clear (TrustItem *item)
{
  g_clear_pointer (&item->der, g_bytes_unref);
}

static void
trust_list_free (TrustList *list)
{
  g_clear_pointer (&list->items, g_array_unref);
  g_clear_pointer (&list->issued_at, g_date_time_unref);
  g_clear_pointer (&list->next_update, g_date_time_unref);
  g_free (list);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrustList, trust_list_free)

static void
set_invalid (GError **error)
{
  g_set_error_literal (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_INVALID,
                       _("The portal’s trust list is damaged; the trust data was kept as it was"));
}

static gboolean
add_item (TrustList  *list,
          const char *usage,
          const char *base64)
{
  TrustItem item = { usage, NULL };
  gsize len = 0;
  guchar *der;

  if (base64 == NULL || *base64 == '\0')
    return FALSE;
  der = g_base64_decode (base64, &len);
  if (len == 0)
    {
      g_free (der);
      return FALSE;
    }
  item.der = g_bytes_new_take (der, len);
  g_array_append_val (list->items, item);
  return TRUE;
}

static gboolean
read_certificates (TrustList *list,
                   JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry;
      const char *usage;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      entry = json_node_get_object (node);
      usage = json_object_get_string_member_with_default (entry, "usage", "");
      if (!g_str_equal (usage, "ca") && !g_str_equal (usage, "signer"))
        return FALSE;
      if (!add_item (list, g_str_equal (usage, "ca") ? "ca" : "signer",
                     json_object_get_string_member_with_default (entry, "der", NULL)))
        return FALSE;
    }
  return TRUE;
}

static TrustList *
parse_list (GBytes  *payload,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TrustList) list = g_new0 (TrustList, 1);
  JsonObject *root;
  JsonNode *certificates, *crls;

  list->items = g_array_new (FALSE, TRUE, sizeof (TrustItem));
  g_array_set_clear_func (list->items, (GDestroyNotify) trust_item_clear);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      set_invalid (error);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  list->issued_at = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (root, "issued_at", ""), NULL);
  list->next_update = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (root, "next_update", ""), NULL);
  certificates = json_object_get_member (root, "certificates");
  crls = json_object_get_member (root, "crls");
  if (list->issued_at == NULL || list->next_update == NULL ||
      certificates == NULL || !JSON_NODE_HOLDS_ARRAY (certificates) ||
      crls == NULL || !JSON_NODE_HOLDS_ARRAY (crls) ||
      !read_certificates (list, json_node_get_array (certificates)))
    {
      set_invalid (error);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (crls)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (crls), i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !add_item (list, "crl", json_node_get_string (node)))
        {
          set_invalid (error);
          return NULL;
        }
    }
  return g_steal_pointer (&list);
}

/* ---- the signature ------------------------------------------------------------- */

static GBytes *
der_signature_to_raw (const gnutls_datum_t *der)
{
  gnutls_datum_t r = { NULL, 0 }, s = { NULL, 0 };
  guint8 raw[64] = { 0 };
  GBytes *out = NULL;

  if (gnutls_decode_rs_value (der, &r, &s) >= 0)
    {
      const guint8 *rp = r.data, *sp = s.data;
      gsize rn = r.size, sn = s.size;

      /* DER puts a zero before a high bit; raw r‖s has exactly 32 bytes each. */
      for (; rn > 32 && *rp == 0; rp++, rn--)
        ;
      for (; sn > 32 && *sp == 0; sp++, sn--)
        ;
      if (rn <= 32 && sn <= 32)
        {
          memcpy (raw + 32 - rn, rp, rn);
          memcpy (raw + 64 - sn, sp, sn);
          out = g_bytes_new (raw, sizeof raw);
        }
    }
  gnutls_free (r.data);
  gnutls_free (s.data);
  return out;
}

/**
 * pd_trust_list_sign:
 * @payload: the exact payload bytes of a trust list
 * @len: their length
 * @key: an ECDSA P-256 private key (the portal's signer key)
 * @error: return location for a #PD_TRUST_LIST_ERROR
 *
 * Returns: (transfer full): the ES256 signature, raw r‖s, base64url without padding
 */
char *
pd_trust_list_sign (const guint8      *payload,
                    gsize              len,
                    gnutls_privkey_t   key,
                    GError           **error)
{
  gnutls_datum_t message = { (unsigned char *) payload, (unsigned int) len };
  gnutls_datum_t der = { NULL, 0 };
  g_autoptr(GBytes) raw = NULL;

  g_return_val_if_fail (payload != NULL && key != NULL, NULL);

  if (gnutls_privkey_get_pk_algorithm (key, NULL) == GNUTLS_PK_ECDSA &&
      gnutls_privkey_sign_data (key, GNUTLS_DIG_SHA256, 0, &message, &der) >= 0)
    raw = der_signature_to_raw (&der);
  gnutls_free (der.data);
  if (raw == NULL)
    {
      g_set_error_literal (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_BAD_SIGNATURE,
                           _("The trust list cannot be signed: the key is not an ECDSA P-256 key"));
      return NULL;
    }
  return pd_base64url_encode (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
}

static gboolean
signature_matches (gnutls_x509_crt_t  crt,
                   GBytes            *payload,
                   GBytes            *raw)
{
  g_auto(gnutls_pubkey_t) pubkey = NULL;
  gnutls_datum_t r, s, der = { NULL, 0 };
  gnutls_datum_t data = { (unsigned char *) g_bytes_get_data (payload, NULL),
                          (unsigned int) g_bytes_get_size (payload) };
  const guint8 *rs = g_bytes_get_data (raw, NULL);
  int ret = -1;

  r.data = (unsigned char *) rs;
  r.size = 32;
  s.data = (unsigned char *) rs + 32;
  s.size = 32;
  if (gnutls_pubkey_init (&pubkey) >= 0 && gnutls_pubkey_import_x509 (pubkey, crt, 0) >= 0 &&
      gnutls_pubkey_get_pk_algorithm (pubkey, NULL) == GNUTLS_PK_ECDSA &&
      gnutls_encode_rs_value (&der, &r, &s) >= 0)
    ret = gnutls_pubkey_verify_data2 (pubkey, GNUTLS_SIGN_ECDSA_SHA256, 0, &data, &der);
  gnutls_free (der.data);
  return ret >= 0;
}

/* @crt is a list signer @store trusts today (chained to a CA it holds, listed, not
 * revoked, with the list-signing purpose) and its key made @raw (r‖s) over @payload. */
static gboolean
signer_verifies (PdTrustStore      *store,
                 gnutls_x509_crt_t  crt,
                 GBytes            *payload,
                 GBytes            *raw,
                 GDateTime         *now)
{
  g_autoptr(GError) revoked = NULL;

  if (raw == NULL || g_bytes_get_size (raw) != 64 ||
      !pd_pki_crt_has_purpose (crt, PD_PKI_PURPOSE_LIST_SIGNING) ||
      !pd_trust_store_check_chain (store, crt, now, NULL))
    return FALSE;
  if (!pd_trust_store_check_revocation (store, crt, &revoked) &&
      g_error_matches (revoked, PD_TRUST_ERROR, PD_TRUST_ERROR_REVOKED))
    return FALSE;
  return signature_matches (crt, payload, raw);
}

/**
 * pd_trust_signer_verify:
 * @store: the trust store in use
 * @signer: the certificate said to have signed @payload
 * @payload: the exact bytes signed
 * @signature: the ES256 signature, raw r‖s, base64url
 * @now: the time to judge the certificate at
 * @error: return location for a #PD_TRUST_LIST_ERROR_BAD_SIGNATURE
 *
 * The check every signed download from the portal passes (the trust list, rule sets):
 * @signer is a list signer (PD_PKI_PURPOSE_LIST_SIGNING), chains to a CA in @store,
 * is listed and not revoked, and its key made @signature over @payload.
 *
 * Returns: whether @payload is authentic
 */
gboolean
pd_trust_signer_verify (PdTrustStore       *store,
                        gnutls_x509_crt_t   signer,
                        GBytes             *payload,
                        const char         *signature,
                        GDateTime          *now,
                        GError            **error)
{
  g_autoptr(GBytes) raw = NULL;

  g_return_val_if_fail (PD_IS_TRUST_STORE (store), FALSE);
  g_return_val_if_fail (signer != NULL && payload != NULL && signature != NULL && now != NULL, FALSE);

  raw = pd_base64url_decode (signature);
  if (signer_verifies (store, signer, payload, raw, now))
    return TRUE;
  g_set_error_literal (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_BAD_SIGNATURE,
                       _("it is not signed by a signer the trust store trusts"));
  return FALSE;
}

/* A signer of the list the store trusts today, whose key made @signature. */
static gboolean
check_signature (PdTrustStore  *store,
                 TrustList     *list,
                 GBytes        *payload,
                 const char    *signature,
                 GDateTime     *now,
                 GError       **error)
{
  g_autoptr(GBytes) raw = pd_base64url_decode (signature);

  for (guint i = 0; i < list->items->len; i++)
    {
      TrustItem *item = &g_array_index (list->items, TrustItem, i);
      g_auto(gnutls_x509_crt_t) crt = NULL;
      gnutls_datum_t datum = { (unsigned char *) g_bytes_get_data (item->der, NULL),
                               (unsigned int) g_bytes_get_size (item->der) };

      if (!g_str_equal (item->usage, "signer") || gnutls_x509_crt_init (&crt) < 0 ||
          gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0)
        continue;
      if (signer_verifies (store, crt, payload, raw, now))
        return TRUE;
    }
  g_set_error_literal (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_BAD_SIGNATURE,
                       _("The portal’s trust list is not signed by a trusted signer; it was refused and the trust data kept as it was"));
  return FALSE;
}

/* ---- dates, completeness, saving ----------------------------------------------- */

static GDateTime *
read_stamp (const char *directory)
{
  g_autofree char *path = g_build_filename (directory, STAMP_FILE, NULL);
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return g_date_time_new_from_iso8601 (g_strstrip (contents), NULL);
}

static gboolean
check_dates (TrustList   *list,
             const char  *directory,
             GDateTime   *now,
             GError     **error)
{
  g_autoptr(GDateTime) taken = read_stamp (directory);
  g_autofree char *when = NULL;
  g_autofree char *before = NULL;

  if (g_date_time_compare (list->next_update, now) < 0)
    {
      when = g_date_time_format (list->next_update, "%Y-%m-%d %H:%M UTC");
      g_set_error (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_EXPIRED,
                   _("The portal’s trust list is out of date (it was to be replaced by %s); it was refused"),
                   when);
      return FALSE;
    }
  if (taken != NULL && g_date_time_compare (list->issued_at, taken) < 0)
    {
      when = g_date_time_format (list->issued_at, "%Y-%m-%d %H:%M:%S UTC");
      before = g_date_time_format (taken, "%Y-%m-%d %H:%M:%S UTC");
      g_set_error (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_OLDER,
                   _("The portal sent a trust list from %s, older than the one in use (from %s); it was refused"),
                   when, before);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_to_store (PdTrustStore  *store,
              TrustItem     *item,
              GError       **error)
{
  if (g_str_equal (item->usage, "crl"))
    return pd_trust_store_add_crl (store, item->der, error);
  return pd_trust_store_add_certificates (store, item->der, error);
}

/* Adds CAs, then signers, then CRLs of @list (those with @wanted set) to @store. */
static gboolean
add_list (PdTrustStore  *store,
          TrustList     *list,
          const gboolean *wanted,
          GError       **error)
{
  static const char * const order[] = { "ca", "signer", "crl" };

  for (guint pass = 0; pass < G_N_ELEMENTS (order); pass++)
    for (guint i = 0; i < list->items->len; i++)
      {
        TrustItem *item = &g_array_index (list->items, TrustItem, i);

        if (wanted[i] && g_str_equal (item->usage, order[pass]) && !add_to_store (store, item, error))
          return FALSE;
      }
  return TRUE;
}

static char *
item_path (const char *directory,
           TrustItem  *item)
{
  g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, item->der);
  g_autofree char *name = g_strdup_printf ("portal-%.16s.%s", sum,
                                           g_str_equal (item->usage, "crl") ? "crl" : "pem");

  return g_build_filename (directory, name, NULL);
}

static char *
item_pem (TrustItem *item)
{
  gnutls_datum_t datum = { (unsigned char *) g_bytes_get_data (item->der, NULL),
                           (unsigned int) g_bytes_get_size (item->der) };

  if (g_str_equal (item->usage, "crl"))
    {
      g_auto(gnutls_x509_crl_t) crl = NULL;

      if (gnutls_x509_crl_init (&crl) < 0 || gnutls_x509_crl_import (crl, &datum, GNUTLS_X509_FMT_DER) < 0)
        return NULL;
      return pd_pki_crl_to_pem (crl);
    }
  else
    {
      g_auto(gnutls_x509_crt_t) crt = NULL;

      if (gnutls_x509_crt_init (&crt) < 0 || gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0)
        return NULL;
      return pd_pki_crt_to_pem (crt);
    }
}

static void
remove_files (GPtrArray *written)
{
  for (guint i = 0; i < written->len; i++)
    g_unlink (g_ptr_array_index (written, i));
}

/* Writes the items not saved before (PEM, 0600); @wanted says which were new and
 * @written gets their paths. On failure nothing stays written. */
static gboolean
save_list (TrustList   *list,
           const char  *directory,
           gboolean    *wanted,
           GPtrArray   *written,
           GError     **error)
{
  if (g_mkdir_with_parents (directory, 0700) < 0)
    {
      g_set_error (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_SAVE,
                   _("The trust data cannot be saved in %s: %s"), directory, g_strerror (errno));
      return FALSE;
    }
  for (guint i = 0; i < list->items->len; i++)
    {
      TrustItem *item = &g_array_index (list->items, TrustItem, i);
      g_autofree char *path = item_path (directory, item);
      g_autofree char *pem = NULL;
      g_autoptr(GError) local_error = NULL;

      wanted[i] = !g_file_test (path, G_FILE_TEST_EXISTS);
      if (!wanted[i])
        continue;
      if ((pem = item_pem (item)) == NULL)
        {
          remove_files (written);
          set_invalid (error);
          return FALSE;
        }
      if (!pd_core_write_private_file (path, pem, strlen (pem), &local_error))
        {
          remove_files (written);
          g_set_error (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_SAVE,
                       _("The trust data cannot be saved: %s"), local_error->message);
          return FALSE;
        }
      g_ptr_array_add (written, g_steal_pointer (&path));
    }
  return TRUE;
}

static gboolean
save_stamp (const char  *directory,
            GDateTime   *issued_at,
            GError     **error)
{
  g_autofree char *path = g_build_filename (directory, STAMP_FILE, NULL);
  g_autofree char *text = g_date_time_format_iso8601 (issued_at);
  g_autoptr(GError) local_error = NULL;

  if (pd_core_write_private_file (path, text, strlen (text), &local_error))
    return TRUE;
  g_set_error (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_SAVE,
               _("The trust data cannot be saved: %s"), local_error->message);
  return FALSE;
}

/**
 * pd_trust_list_apply:
 * @store: the trust store in use
 * @directory: the folder of the user's trust data, which @store was loaded from; new
 *   items are saved here so that they are loaded again after a restart
 * @payload: the list's exact payload bytes
 * @signature: its signature (base64url raw r‖s)
 * @now: the time to judge certificates and the list's dates at
 * @error: return location for a #PD_TRUST_LIST_ERROR
 *
 * Checks the list (see the top of this file), saves what is new to @directory, adds it
 * to @store and moves the store's `updated-at` to the list's `issued_at`. On any error
 * neither @store nor @directory change.
 *
 * Returns: whether the list was taken
 */
gboolean
pd_trust_list_apply (PdTrustStore  *store,
                     const char    *directory,
                     GBytes        *payload,
                     const char    *signature,
                     GDateTime     *now,
                     GError       **error)
{
  g_autoptr(TrustList) list = NULL;
  g_autoptr(PdTrustStore) scratch = NULL;
  g_autofree gboolean *all = NULL;
  g_autofree gboolean *wanted = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PD_IS_TRUST_STORE (store), FALSE);
  g_return_val_if_fail (directory != NULL && payload != NULL && signature != NULL && now != NULL, FALSE);

  if ((list = parse_list (payload, error)) == NULL ||
      !check_signature (store, list, payload, signature, now, error) ||
      !check_dates (list, directory, now, error))
    return FALSE;

  /* A list that does not stand on its own could half-apply: try it on an empty store. */
  all = g_new (gboolean, list->items->len + 1);
  for (guint i = 0; i < list->items->len; i++)
    all[i] = TRUE;
  scratch = pd_trust_store_new ();
  if (!add_list (scratch, list, all, &local_error))
    {
      g_set_error (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_INVALID,
                   _("The portal’s trust list was refused: %s"), local_error->message);
      return FALSE;
    }

  /* Files, then the live store (the files go again if it refuses), then the stamp:
   * a failure before the stamp leaves the folder as it was. */
  wanted = g_new0 (gboolean, list->items->len + 1);
  written = g_ptr_array_new_with_free_func (g_free);
  if (!save_list (list, directory, wanted, written, error))
    return FALSE;
  if (!add_list (store, list, wanted, error))
    {
      remove_files (written);
      return FALSE;
    }
  pd_trust_store_set_updated_at (store, list->issued_at);
  if (!save_stamp (directory, list->issued_at, error))
    return FALSE;
  return TRUE;
}

/* ---- the refresher --------------------------------------------------------------- */

struct _PdTrustRefresh
{
  GObject         parent_instance;

  PdPortalClient *client;
  PdTrustStore   *store;
  char           *directory;
  GDateTime      *refreshed_at;
};

G_DEFINE_FINAL_TYPE (PdTrustRefresh, pd_trust_refresh, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REFRESHED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_trust_refresh_finalize (GObject *object)
{
  PdTrustRefresh *self = PD_TRUST_REFRESH (object);

  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->refreshed_at, g_date_time_unref);

  G_OBJECT_CLASS (pd_trust_refresh_parent_class)->finalize (object);
}

static void
pd_trust_refresh_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PdTrustRefresh *self = PD_TRUST_REFRESH (object);

  switch (prop_id)
    {
    case PROP_REFRESHED_AT:
      g_value_set_boxed (value, self->refreshed_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_trust_refresh_class_init (PdTrustRefreshClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_trust_refresh_finalize;
  object_class->get_property = pd_trust_refresh_get_property;

  /* When a list from the portal was last taken. */
  properties[PROP_REFRESHED_AT] =
    g_param_spec_boxed ("refreshed-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_trust_refresh_init (PdTrustRefresh *self)
{
}

/**
 * pd_trust_refresh_new:
 * @client: the portal client
 * @store: the trust store in use
 * @directory: the user's trust folder @store loaded (`trust/` in the data folder)
 *
 * Returns: (transfer full): a refresher
 */
PdTrustRefresh *
pd_trust_refresh_new (PdPortalClient *client,
                      PdTrustStore   *store,
                      const char     *directory)
{
  PdTrustRefresh *self;

  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (client), NULL);
  g_return_val_if_fail (PD_IS_TRUST_STORE (store), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (PD_TYPE_TRUST_REFRESH, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);
  self->directory = g_strdup (directory);
  return self;
}

/* Returns: (nullable) (transfer none): when a list was last taken, NULL if never */
GDateTime *
pd_trust_refresh_get_refreshed_at (PdTrustRefresh *self)
{
  g_return_val_if_fail (PD_IS_TRUST_REFRESH (self), NULL);
  return self->refreshed_at;
}

static void
on_trust_list_fetched_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdTrustRefresh *self = g_task_get_source_object (task);
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *signature = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GError *error = NULL;

  data = pd_portal_client_fetch_trust_list_finish (PD_PORTAL_CLIENT (source), result,
                                                   &payload, &signature, &error);
  if (data == NULL ||
      !pd_trust_list_apply (self->store, self->directory, payload, signature, now, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_pointer (&self->refreshed_at, g_date_time_unref);
  self->refreshed_at = g_date_time_ref (now);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHED_AT]);
  g_task_return_boolean (task, TRUE);
}

/* Fetches the portal's trust list and applies it (pd_trust_list_apply()). */
void
pd_trust_refresh_run_async (PdTrustRefresh      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PD_IS_TRUST_REFRESH (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_trust_refresh_run_async);
  pd_portal_client_fetch_trust_list_async (self->client, cancellable, on_trust_list_fetched_cb, task);
}

gboolean
pd_trust_refresh_run_finish (PdTrustRefresh  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (PD_IS_TRUST_REFRESH (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
