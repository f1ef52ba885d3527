/* pd-rules-refresh.c: newer signed rule sets from the portal into the rules in force
 *
 * A set is taken only when its detached signature verifies with the trust store (the
 * signer chains to a trusted CA, is listed and not revoked: pd_trust_signer_verify(),
 * the same check as the trust list), it is a valid rule set and newer than the one in
 * force. An accepted set is saved (0600) with its signature in the user's rules folder,
 * where pd_rules_use_saved_sets() finds and verifies it again after a restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pd-core.h"
#include "pd-pki.h"
#include "pd-rules-refresh.h"
#include "pd-trust-refresh.h"

struct _PdRulesRefresh
{
  GObject         parent_instance;

  PdPortalClient *client;
  PdRules        *rules;
  PdTrustStore   *store;
  char           *directory;
};

G_DEFINE_FINAL_TYPE (PdRulesRefresh, pd_rules_refresh, G_TYPE_OBJECT)

static void
set_damaged (GError **error)
{
  g_set_error_literal (error, PD_TRUST_LIST_ERROR, PD_TRUST_LIST_ERROR_INVALID,
                       _("the signature is damaged"));
}

static gnutls_x509_crt_t
import_signer (const char *base64)
{
  gnutls_x509_crt_t crt = NULL;
  gsize len = 0;
  g_autofree guchar *der = g_base64_decode (base64, &len);
  gnutls_datum_t datum = { der, (unsigned int) len };

  if (len == 0 || gnutls_x509_crt_init (&crt) < 0)
    return NULL;
  if (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0)
    g_clear_pointer (&crt, gnutls_x509_crt_deinit);
  return crt;
}

/**
 * pd_rules_check_portal_signature:
 * @json: the rule set's exact bytes
 * @signature: its detached signature, JSON {alg: "ES256", cer: base64 DER of the
 *   signer certificate, sig: base64url raw r‖s over @json}
 * @trust_store: (type PdTrustStore): the trust store in use
 *
 * A #PdRulesSignatureCheck for pd_rules_load_signed() and pd_rules_set_user_dir().
 */
gboolean
pd_rules_check_portal_signature (GBytes    *json,
                                 GBytes    *signature,
                                 gpointer   trust_store,
                                 GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(gnutls_x509_crt_t) signer = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  JsonObject *object;
  const char *alg, *cer, *sig;

  g_return_val_if_fail (json != NULL && signature != NULL, FALSE);
  g_return_val_if_fail (PD_IS_TRUST_STORE (trust_store), FALSE);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (signature, NULL),
                                   g_bytes_get_size (signature), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      set_damaged (error);
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  alg = json_object_get_string_member_with_default (object, "alg", "");
  cer = json_object_get_string_member_with_default (object, "cer", "");
  sig = json_object_get_string_member_with_default (object, "sig", "");
  if (!g_str_equal (alg, "ES256") || *sig == '\0' || (signer = import_signer (cer)) == NULL)
    {
      set_damaged (error);
      return FALSE;
    }
  return pd_trust_signer_verify (trust_store, signer, json, sig, now, error);
}

/* Sets accepted earlier are read from @directory at every reload of @rules, each
 * verified again with @store (a signer revoked since no longer counts). */
void
pd_rules_use_saved_sets (PdRules      *rules,
                         PdTrustStore *store,
                         const char   *directory)
{
  g_return_if_fail (PD_IS_RULES (rules));
  g_return_if_fail (PD_IS_TRUST_STORE (store));
  g_return_if_fail (directory != NULL);

  pd_rules_set_user_dir (rules, directory, pd_rules_check_portal_signature,
                         g_object_ref (store), g_object_unref);
}

static void
pd_rules_refresh_finalize (GObject *object)
{
  PdRulesRefresh *self = PD_RULES_REFRESH (object);

  g_clear_object (&self->client);
  g_clear_object (&self->rules);
  g_clear_object (&self->store);
  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (pd_rules_refresh_parent_class)->finalize (object);
}

static void
pd_rules_refresh_class_init (PdRulesRefreshClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_rules_refresh_finalize;
}

static void
pd_rules_refresh_init (PdRulesRefresh *self)
{
}

/**
 * pd_rules_refresh_new:
 * @client: the portal client
 * @rules: the rules in force
 * @store: the trust store that vouches for the portal's signer
 * @directory: where accepted sets are saved (`rules/` in the data folder)
 *
 * Returns: (transfer full): a refresher
 */
PdRulesRefresh *
pd_rules_refresh_new (PdPortalClient *client,
                      PdRules        *rules,
                      PdTrustStore   *store,
                      const char     *directory)
{
  PdRulesRefresh *self;

  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (client), NULL);
  g_return_val_if_fail (PD_IS_RULES (rules), NULL);
  g_return_val_if_fail (PD_IS_TRUST_STORE (store), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (PD_TYPE_RULES_REFRESH, NULL);
  self->client = g_object_ref (client);
  self->rules = g_object_ref (rules);
  self->store = g_object_ref (store);
  self->directory = g_strdup (directory);
  return self;
}

/* The id and version @json claims, or FALSE when it is not even a JSON object. */
static gboolean
peek_set (GBytes  *json,
          char   **id,
          char   **version)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (json, NULL), g_bytes_get_size (json), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  *id = g_strdup (json_object_get_string_member_with_default (object, "id", ""));
  *version = g_strdup (json_object_get_string_member_with_default (object, "version", ""));
  return **id != '\0' && **version != '\0';
}

static gboolean
save_bytes (const char  *path,
            GBytes      *bytes,
            GError     **error)
{
  return pd_core_write_private_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

/* @id passed the schema's pattern (^[a-z][a-z0-9-]*$), so it is a safe file name. */
static gboolean
save_set (PdRulesRefresh  *self,
          const char      *id,
          GBytes          *json,
          GBytes          *signature,
          GError         **error)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *sig_name = g_strconcat (id, ".sig", NULL);
  g_autofree char *path = g_build_filename (self->directory, name, NULL);
  g_autofree char *sig_path = g_build_filename (self->directory, sig_name, NULL);
  g_autoptr(GError) local_error = NULL;

  if (g_mkdir_with_parents (self->directory, 0700) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PD_RULES_ERROR, PD_RULES_ERROR_IO,
                   _("The new rules are in force but cannot be kept in %s: %s"),
                   self->directory, g_strerror (saved_errno));
      return FALSE;
    }
  if (!save_bytes (path, json, &local_error) || !save_bytes (sig_path, signature, &local_error))
    {
      /* Without its signature a saved set would be skipped at the next start anyway. */
      g_unlink (path);
      g_set_error (error, PD_RULES_ERROR, PD_RULES_ERROR_IO,
                   _("The new rules are in force but cannot be kept: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * pd_rules_refresh_apply:
 * @json: a rule set's exact bytes
 * @signature: its detached signature (see pd_rules_check_portal_signature())
 * @applied: (out) (optional): whether the rules in force changed
 *
 * A set whose version is already in force is left alone (no error). Any other set is
 * verified, loaded and saved; a bad signature (#PD_RULES_ERROR_SIGNATURE), an invalid
 * set or an older version (#PD_RULES_ERROR_NOT_NEWER) is refused and the rules in
 * force stay.
 *
 * Returns: FALSE and @error when the set was refused or could not be saved
 */
gboolean
pd_rules_refresh_apply (PdRulesRefresh  *self,
                        GBytes          *json,
                        GBytes          *signature,
                        gboolean        *applied,
                        GError         **error)
{
  g_autofree char *id = NULL;
  g_autofree char *version = NULL;
  const char *current;

  g_return_val_if_fail (PD_IS_RULES_REFRESH (self), FALSE);
  g_return_val_if_fail (json != NULL && signature != NULL, FALSE);

  if (applied != NULL)
    *applied = FALSE;
  if (peek_set (json, &id, &version) &&
      (current = pd_rules_get_set_version (self->rules, id)) != NULL &&
      pd_rules_compare_versions (version, current) == 0)
    return TRUE;

  if (!pd_rules_load_signed (self->rules, json, signature, pd_rules_check_portal_signature,
                             self->store, error))
    return FALSE;
  if (applied != NULL)
    *applied = TRUE;
  return save_set (self, id, json, signature, error);
}

static void
on_rules_fetched_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdRulesRefresh *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) sets = NULL;
  GError *first_error = NULL;
  guint n_applied = 0;

  sets = pd_portal_client_fetch_rules_finish (PD_PORTAL_CLIENT (source), result, &first_error);
  for (guint i = 0; sets != NULL && i < sets->len; i++)
    {
      PdPortalRuleSet *set = g_ptr_array_index (sets, i);
      g_autoptr(GError) error = NULL;
      gboolean applied = FALSE;

      /* One refused set does not keep the others out. */
      if (!pd_rules_refresh_apply (self, set->json, set->signature, &applied, &error) && first_error == NULL)
        first_error = g_steal_pointer (&error);
      n_applied += applied ? 1 : 0;
    }
  g_task_set_task_data (task, GUINT_TO_POINTER (n_applied), NULL);
  if (first_error != NULL)
    g_task_return_error (task, first_error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Fetches the portal's newest rule sets and applies each (pd_rules_refresh_apply()). */
void
pd_rules_refresh_run_async (PdRulesRefresh      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PD_IS_RULES_REFRESH (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_rules_refresh_run_async);
  pd_portal_client_fetch_rules_async (self->client, cancellable, on_rules_fetched_cb, task);
}

/**
 * pd_rules_refresh_run_finish:
 * @n_applied: (out) (optional): how many sets changed the rules in force, also when
 *   another set was refused
 *
 * Returns: FALSE and the first error when the fetch failed or a set was refused
 */
gboolean
pd_rules_refresh_run_finish (PdRulesRefresh  *self,
                             GAsyncResult    *result,
                             guint           *n_applied,
                             GError         **error)
{
  g_return_val_if_fail (PD_IS_RULES_REFRESH (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (n_applied != NULL)
    *n_applied = GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result)));
  return g_task_propagate_boolean (G_TASK (result), error);
}
