/* pd-trust-store.c: trusted CAs, their signer certificates and CRLs (GnuTLS)
 *
 * Time checks are done here against the verification time the caller gives, not by
 * GnuTLS against the system clock, so a verdict can be explained (and tested) for
 * any moment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-verify"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "pd-core.h"
#include "pd-pki.h"
#include "pd-trust-store.h"

#define VERIFY_FLAGS (GNUTLS_VERIFY_DISABLE_TIME_CHECKS | GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS)

struct _PdTrustStore
{
  GObject    parent_instance;

  GPtrArray *cas;       /* gnutls_x509_crt_t */
  GPtrArray *signers;   /* gnutls_x509_crt_t */
  GPtrArray *crls;      /* gnutls_x509_crl_t */
  GDateTime *updated_at;
  gint64     max_age;
};

G_DEFINE_FINAL_TYPE (PdTrustStore, pd_trust_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (pd-trust-error-quark, pd_trust_error)

enum {
  PROP_0,
  PROP_UPDATED_AT,
  PROP_MAX_AGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_trust_store_finalize (GObject *object)
{
  PdTrustStore *self = PD_TRUST_STORE (object);

  g_clear_pointer (&self->cas, g_ptr_array_unref);
  g_clear_pointer (&self->signers, g_ptr_array_unref);
  g_clear_pointer (&self->crls, g_ptr_array_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (pd_trust_store_parent_class)->finalize (object);
}

static void
pd_trust_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PdTrustStore *self = PD_TRUST_STORE (object);

  switch (prop_id)
    {
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;
    case PROP_MAX_AGE:
      g_value_set_int64 (value, self->max_age);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_trust_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PdTrustStore *self = PD_TRUST_STORE (object);

  switch (prop_id)
    {
    case PROP_MAX_AGE:
      pd_trust_store_set_max_age (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_trust_store_class_init (PdTrustStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_trust_store_finalize;
  object_class->get_property = pd_trust_store_get_property;
  object_class->set_property = pd_trust_store_set_property;

  /* The newest moment the trust data is known to be current (CRL thisUpdate or the
   * time stamp the data came with). */
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Seconds after updated-at at which the data counts as stale. */
  properties[PROP_MAX_AGE] =
    g_param_spec_int64 ("max-age", NULL, NULL, 1, G_MAXINT64, PD_TRUST_STORE_DEFAULT_MAX_AGE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_trust_store_init (PdTrustStore *self)
{
  self->cas = g_ptr_array_new_with_free_func ((GDestroyNotify) gnutls_x509_crt_deinit);
  self->signers = g_ptr_array_new_with_free_func ((GDestroyNotify) gnutls_x509_crt_deinit);
  self->crls = g_ptr_array_new_with_free_func ((GDestroyNotify) gnutls_x509_crl_deinit);
  self->max_age = PD_TRUST_STORE_DEFAULT_MAX_AGE;
}

PdTrustStore *
pd_trust_store_new (void)
{
  return g_object_new (PD_TYPE_TRUST_STORE, NULL);
}

static void
load_default_directory (PdTrustStore *self,
                        const char   *dir)
{
  g_autoptr(GError) error = NULL;

  if (g_file_test (dir, G_FILE_TEST_IS_DIR) && !pd_trust_store_load_directory (self, dir, &error))
    g_warning ("Trust data in %s partly unreadable: %s", dir, error->message);
}

/**
 * pd_trust_store_new_default:
 *
 * The shipped trust data (PERMITDESK_TRUST_DIR if set, else the installed trust
 * folder, else data/trust/ of an uninstalled build) plus `trust/` in the user's data
 * folder. Missing folders are skipped; unreadable files are logged and skipped.
 *
 * Returns: (transfer full): a new trust store
 */
PdTrustStore *
pd_trust_store_new_default (void)
{
  PdTrustStore *self = pd_trust_store_new ();
  const char *env = g_getenv ("PERMITDESK_TRUST_DIR");
  g_autofree char *installed = g_build_filename (PKGDATADIR, "trust", NULL);
  g_autofree char *user = g_build_filename (pd_core_get_data_dir (), "trust", NULL);

  if (env != NULL && *env != '\0')
    load_default_directory (self, env);
  else if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    load_default_directory (self, installed);
  else
    load_default_directory (self, SOURCE_DATADIR G_DIR_SEPARATOR_S "trust");
  load_default_directory (self, user);
  return self;
}

static void
note_update (PdTrustStore *self,
             GDateTime    *time)
{
  if (self->updated_at != NULL && g_date_time_compare (time, self->updated_at) <= 0)
    return;
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  self->updated_at = g_date_time_ref (time);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

static gboolean
is_ca (gnutls_x509_crt_t crt)
{
  unsigned int critical, ca = 0;
  int path_len;

  return gnutls_x509_crt_get_basic_constraints (crt, &critical, &ca, &path_len) >= 0 && ca;
}

/* Certificates in @data (PEM, one or many, or DER). */
static gnutls_x509_crt_t *
import_certificates (GBytes        *data,
                     unsigned int  *n,
                     GError       **error)
{
  gnutls_datum_t datum = { (unsigned char *) g_bytes_get_data (data, NULL), g_bytes_get_size (data) };
  gnutls_x509_crt_t *list = NULL;

  if (gnutls_x509_crt_list_import2 (&list, n, &datum, GNUTLS_X509_FMT_PEM, 0) >= 0 && *n > 0)
    return list;
  if (gnutls_x509_crt_list_import2 (&list, n, &datum, GNUTLS_X509_FMT_DER, 0) >= 0 && *n > 0)
    return list;
  g_set_error_literal (error, PD_TRUST_ERROR, PD_TRUST_ERROR_INVALID_DATA,
                       _("The trust data holds no readable certificate"));
  return NULL;
}

static gboolean
add_signer (PdTrustStore       *self,
            gnutls_x509_crt_t   crt,
            GError            **error)
{
  unsigned int status = 0;

  if (gnutls_x509_crt_verify (crt, (gnutls_x509_crt_t *) self->cas->pdata, self->cas->len,
                              VERIFY_FLAGS, &status) < 0 || status != 0)
    {
      g_set_error_literal (error, PD_TRUST_ERROR, PD_TRUST_ERROR_UNKNOWN_ISSUER,
                           _("A signer certificate in the trust data was not issued by a trusted CA"));
      return FALSE;
    }
  g_ptr_array_add (self->signers, crt);
  return TRUE;
}

/* Adds the CA certificates in @data when @want_ca, else the others (signers). */
static gboolean
add_certificates (PdTrustStore  *self,
                  GBytes        *data,
                  gboolean       want_ca,
                  GError       **error)
{
  gnutls_x509_crt_t *list;
  unsigned int n = 0;
  gboolean ok = TRUE;

  if ((list = import_certificates (data, &n, error)) == NULL)
    return FALSE;
  for (unsigned int i = 0; i < n; i++)
    {
      if (is_ca (list[i]) != want_ca)
        gnutls_x509_crt_deinit (list[i]);
      else if (want_ca)
        g_ptr_array_add (self->cas, list[i]);
      else if (ok)
        ok = add_signer (self, list[i], error);
      else
        gnutls_x509_crt_deinit (list[i]);
    }
  gnutls_free (list);
  return ok;
}

/**
 * pd_trust_store_add_certificates:
 * @self: a trust store
 * @data: PEM (one or more certificates) or DER
 * @error: return location for a #PD_TRUST_ERROR
 *
 * CA certificates become trust anchors; other certificates are signer certificates
 * and must be issued by a CA already in the store. Once the store lists signers of a
 * CA, only those may sign codes.
 *
 * Returns: whether everything in @data was added
 */
gboolean
pd_trust_store_add_certificates (PdTrustStore  *self,
                                 GBytes        *data,
                                 GError       **error)
{
  g_return_val_if_fail (PD_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  return add_certificates (self, data, TRUE, error) && add_certificates (self, data, FALSE, error);
}

/* GnuTLS judges CRL dates against the system clock even with time checks off;
 * freshness is our own layer, so only a date complaint alone is forgiven. */
static gboolean
crl_status_ok (unsigned int status)
{
  const unsigned int dates = GNUTLS_CERT_REVOCATION_DATA_SUPERSEDED |
                             GNUTLS_CERT_REVOCATION_DATA_ISSUED_IN_FUTURE;

  return status == 0 ||
         ((status & dates) != 0 && (status & ~(dates | GNUTLS_CERT_INVALID)) == 0);
}

static gboolean
add_one_crl (PdTrustStore       *self,
             gnutls_x509_crl_t   crl,
             GError            **error)
{
  unsigned int status = 0;
  g_autoptr(GDateTime) this_update = NULL;

  if (gnutls_x509_crl_verify (crl, (gnutls_x509_crt_t *) self->cas->pdata, self->cas->len,
                              VERIFY_FLAGS, &status) < 0 || !crl_status_ok (status))
    {
      g_set_error_literal (error, PD_TRUST_ERROR, PD_TRUST_ERROR_UNKNOWN_ISSUER,
                           _("A revocation list in the trust data is not signed by a trusted CA"));
      return FALSE;
    }
  this_update = g_date_time_new_from_unix_utc (gnutls_x509_crl_get_this_update (crl));
  note_update (self, this_update);
  g_ptr_array_add (self->crls, crl);
  return TRUE;
}

/**
 * pd_trust_store_add_crl:
 * @self: a trust store
 * @data: one or more CRLs, PEM or DER, signed by a CA in the store
 * @error: return location for a #PD_TRUST_ERROR
 *
 * Returns: whether every CRL in @data was added
 */
gboolean
pd_trust_store_add_crl (PdTrustStore  *self,
                        GBytes        *data,
                        GError       **error)
{
  gnutls_datum_t datum;
  gnutls_x509_crl_t *list = NULL;
  unsigned int n = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (PD_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  datum.data = (unsigned char *) g_bytes_get_data (data, NULL);
  datum.size = g_bytes_get_size (data);
  if ((gnutls_x509_crl_list_import2 (&list, &n, &datum, GNUTLS_X509_FMT_PEM, 0) < 0 || n == 0) &&
      (gnutls_x509_crl_list_import2 (&list, &n, &datum, GNUTLS_X509_FMT_DER, 0) < 0 || n == 0))
    {
      g_set_error_literal (error, PD_TRUST_ERROR, PD_TRUST_ERROR_INVALID_DATA,
                           _("The trust data holds no readable revocation list"));
      return FALSE;
    }
  for (unsigned int i = 0; i < n; i++)
    {
      if (ok)
        ok = add_one_crl (self, list[i], error);
      if (!ok)
        gnutls_x509_crl_deinit (list[i]);
    }
  gnutls_free (list);
  return ok;
}

static gboolean
is_trust_file (const char *name)
{
  return g_str_has_suffix (name, ".pem") || g_str_has_suffix (name, ".crt") ||
         g_str_has_suffix (name, ".der") || g_str_has_suffix (name, ".crl");
}

static gboolean
is_crl (GBytes *bytes)
{
  return g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       "-----BEGIN X509 CRL-----") != NULL;
}

static void
keep_first_error (GError **error,
                  GError  *local_error,
                  const char *name)
{
  if (error != NULL && *error == NULL)
    g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
  g_error_free (local_error);
}

static gboolean
load_timestamp (PdTrustStore  *self,
                const char    *path,
                GError       **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GDateTime) time = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  if ((time = g_date_time_new_from_iso8601 (g_strstrip (contents), NULL)) == NULL)
    {
      g_set_error_literal (error, PD_TRUST_ERROR, PD_TRUST_ERROR_INVALID_DATA,
                           _("The trust data time stamp is not an ISO 8601 time"));
      return FALSE;
    }
  note_update (self, time);
  return TRUE;
}

/**
 * pd_trust_store_load_directory:
 * @self: a trust store
 * @path: a folder of *.pem, *.crt, *.der, *.crl files and an optional `updated-at`
 *   file (an ISO 8601 time stamp); other files and sub-folders are ignored
 * @error: return location for the first problem met
 *
 * Loads CAs first, then signers, then CRLs, whatever the file names. A bad file does
 * not stop the others from loading.
 *
 * Returns: whether every file loaded
 */
gboolean
pd_trust_store_load_directory (PdTrustStore  *self,
                               const char    *path,
                               GError       **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *stamp = NULL;
  GError *local_error = NULL;
  const char *name;

  g_return_val_if_fail (PD_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((dir = g_dir_open (path, 0, error)) == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autoptr(GMappedFile) mapped = NULL;

      if (!is_trust_file (name) || !g_file_test (file, G_FILE_TEST_IS_REGULAR))
        continue;
      if ((mapped = g_mapped_file_new (file, FALSE, &local_error)) == NULL)
        {
          keep_first_error (error, local_error, name);
          continue;
        }
      g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_add (contents, g_mapped_file_get_bytes (mapped));
    }

  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < contents->len; i++)
      {
        GBytes *bytes = g_ptr_array_index (contents, i);
        gboolean ok = TRUE;

        if (pass < 2 && !is_crl (bytes))
          ok = add_certificates (self, bytes, pass == 0, &local_error);
        else if (pass == 2 && is_crl (bytes))
          ok = pd_trust_store_add_crl (self, bytes, &local_error);
        if (!ok)
          keep_first_error (error, local_error, g_ptr_array_index (names, i));
      }

  stamp = g_build_filename (path, "updated-at", NULL);
  if (g_file_test (stamp, G_FILE_TEST_EXISTS) && !load_timestamp (self, stamp, &local_error))
    keep_first_error (error, local_error, "updated-at");

  return error == NULL || *error == NULL;
}

/**
 * pd_trust_store_set_updated_at:
 * @self: a trust store
 * @updated_at: when trust data fed from memory (the portal's trust list) was current
 *
 * Only moves the store's time forward.
 */
void
pd_trust_store_set_updated_at (PdTrustStore *self,
                               GDateTime    *updated_at)
{
  g_return_if_fail (PD_IS_TRUST_STORE (self));
  g_return_if_fail (updated_at != NULL);

  note_update (self, updated_at);
}

/* Returns: (nullable) (transfer none): the newest time stamp of the data, if any */
GDateTime *
pd_trust_store_get_updated_at (PdTrustStore *self)
{
  g_return_val_if_fail (PD_IS_TRUST_STORE (self), NULL);
  return self->updated_at;
}

gint64
pd_trust_store_get_max_age (PdTrustStore *self)
{
  g_return_val_if_fail (PD_IS_TRUST_STORE (self), 0);
  return self->max_age;
}

void
pd_trust_store_set_max_age (PdTrustStore *self,
                            gint64        seconds)
{
  g_return_if_fail (PD_IS_TRUST_STORE (self));
  g_return_if_fail (seconds > 0);

  if (self->max_age == seconds)
    return;
  self->max_age = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_AGE]);
}

/* Stale: no time stamp at all, or older than max-age at @now. */
gboolean
pd_trust_store_is_stale (PdTrustStore *self,
                         GDateTime    *now)
{
  g_return_val_if_fail (PD_IS_TRUST_STORE (self), TRUE);
  g_return_val_if_fail (now != NULL, TRUE);

  return self->updated_at == NULL ||
         g_date_time_difference (now, self->updated_at) > self->max_age * G_TIME_SPAN_SECOND;
}

guint
pd_trust_store_get_n_cas (PdTrustStore *self)
{
  g_return_val_if_fail (PD_IS_TRUST_STORE (self), 0);
  return self->cas->len;
}

guint
pd_trust_store_get_n_signers (PdTrustStore *self)
{
  g_return_val_if_fail (PD_IS_TRUST_STORE (self), 0);
  return self->signers->len;
}

static gboolean
check_time (gnutls_x509_crt_t   crt,
            GDateTime          *time,
            const char         *not_yet_message,
            const char         *expired_message,
            GError            **error)
{
  gint64 t = g_date_time_to_unix (time);

  if (t < gnutls_x509_crt_get_activation_time (crt))
    {
      g_set_error_literal (error, PD_TRUST_ERROR, PD_TRUST_ERROR_NOT_YET_VALID, not_yet_message);
      return FALSE;
    }
  if (t > gnutls_x509_crt_get_expiration_time (crt))
    {
      g_set_error_literal (error, PD_TRUST_ERROR, PD_TRUST_ERROR_EXPIRED, expired_message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
same_certificate (gnutls_x509_crt_t a,
                  gnutls_x509_crt_t b)
{
  return gnutls_x509_crt_equals (a, b) != 0;
}

/* If the store lists signers of @issuer, @signer must be one of them. */
static gboolean
is_listed_signer (PdTrustStore      *self,
                  gnutls_x509_crt_t  signer,
                  gnutls_x509_crt_t  issuer)
{
  gboolean any_listed = FALSE;

  for (guint i = 0; i < self->signers->len; i++)
    {
      gnutls_x509_crt_t listed = g_ptr_array_index (self->signers, i);

      if (!gnutls_x509_crt_check_issuer (listed, issuer))
        continue;
      any_listed = TRUE;
      if (same_certificate (listed, signer))
        return TRUE;
    }
  return !any_listed;
}

/**
 * pd_trust_store_check_chain:
 * @self: a trust store
 * @signer: the certificate that signed a code
 * @time: the verification time
 * @error: return location for a #PD_TRUST_ERROR naming the failed check
 *
 * The signer must be issued by a trusted CA, be no CA itself, allow digital
 * signatures, be listed when its CA's signers are listed, and both it and its CA must
 * be inside their validity at @time. Revocation is pd_trust_store_check_revocation().
 *
 * Returns: whether the signer is trusted at @time
 */
gboolean
pd_trust_store_check_chain (PdTrustStore       *self,
                            gnutls_x509_crt_t   signer,
                            GDateTime          *time,
                            GError            **error)
{
  unsigned int status = 0, usage = 0, critical = 0;
  gnutls_x509_crt_t issuer = NULL;

  g_return_val_if_fail (PD_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (signer != NULL && time != NULL, FALSE);

  if (gnutls_x509_crt_verify (signer, (gnutls_x509_crt_t *) self->cas->pdata, self->cas->len,
                              VERIFY_FLAGS, &status) < 0 || status != 0)
    {
      g_set_error_literal (error, PD_TRUST_ERROR, PD_TRUST_ERROR_UNKNOWN_ISSUER,
                           _("The signer was not issued by a trusted authority"));
      return FALSE;
    }
  for (guint i = 0; i < self->cas->len && issuer == NULL; i++)
    if (gnutls_x509_crt_check_issuer (signer, g_ptr_array_index (self->cas, i)))
      issuer = g_ptr_array_index (self->cas, i);
  g_assert (issuer != NULL);

  if (is_ca (signer) || gnutls_x509_crt_get_key_usage (signer, &usage, &critical) < 0 ||
      !(usage & GNUTLS_KEY_DIGITAL_SIGNATURE))
    {
      g_set_error_literal (error, PD_TRUST_ERROR, PD_TRUST_ERROR_NOT_A_SIGNER,
                           _("The signer certificate is not meant for signing permit codes"));
      return FALSE;
    }
  if (!is_listed_signer (self, signer, issuer))
    {
      g_set_error_literal (error, PD_TRUST_ERROR, PD_TRUST_ERROR_UNLISTED_SIGNER,
                           _("The signer is not on the trust list of its authority"));
      return FALSE;
    }
  return check_time (issuer, time,
                     _("The issuing authority's certificate is not valid yet"),
                     _("The issuing authority's certificate has expired"), error) &&
         check_time (signer, time,
                     _("The signer certificate is not valid yet"),
                     _("The signer certificate has expired"), error);
}

/**
 * pd_trust_store_check_revocation:
 * @self: a trust store
 * @signer: a certificate that passed pd_trust_store_check_chain()
 * @error: return location: %PD_TRUST_ERROR_REVOKED, or
 *   %PD_TRUST_ERROR_NO_REVOCATION_DATA when no CRL of its issuer is known
 *
 * Returns: whether a CRL of the signer's issuer is known and does not list it
 */
gboolean
pd_trust_store_check_revocation (PdTrustStore       *self,
                                 gnutls_x509_crt_t   signer,
                                 GError            **error)
{
  gnutls_datum_t issuer_dn = { NULL, 0 };
  gboolean have_crl = FALSE;

  g_return_val_if_fail (PD_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (signer != NULL, FALSE);

  if (gnutls_x509_crt_get_raw_issuer_dn (signer, &issuer_dn) < 0)
    issuer_dn.size = 0;
  for (guint i = 0; i < self->crls->len; i++)
    {
      gnutls_x509_crl_t crl = g_ptr_array_index (self->crls, i);
      gnutls_datum_t crl_dn = { NULL, 0 };
      gboolean same_issuer;

      /* A copy the caller frees, as the certificate's is. */
      if (gnutls_x509_crl_get_raw_issuer_dn (crl, &crl_dn) < 0)
        continue;
      same_issuer = crl_dn.size == issuer_dn.size &&
                    memcmp (crl_dn.data, issuer_dn.data, crl_dn.size) == 0;
      gnutls_free (crl_dn.data);
      if (!same_issuer)
        continue;
      have_crl = TRUE;
      if (gnutls_x509_crt_check_revocation (signer, &crl, 1) == 1)
        {
          gnutls_free (issuer_dn.data);
          g_set_error_literal (error, PD_TRUST_ERROR, PD_TRUST_ERROR_REVOKED,
                               _("The signer certificate has been revoked"));
          return FALSE;
        }
    }
  gnutls_free (issuer_dn.data);

  if (!have_crl)
    {
      g_set_error_literal (error, PD_TRUST_ERROR, PD_TRUST_ERROR_NO_REVOCATION_DATA,
                           _("No revocation list of the signer's authority is available"));
      return FALSE;
    }
  return TRUE;
}
