/* pd-portal-rules.c: the newest rule sets of the portal's --rules folder, signed
 *
 * The folder may hold several versions of a set; the newest of each id is served as
 * its exact file bytes with a detached ES256 signature by the trust list's signer, so
 * clients verify it against the same trust store (docs/portal-api.md, "Rule sets").
 * The folder is read at every request: dropping in a file publishes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal-server"

#include "config.h"

#include "pd-portal-server-private.h"
#include "pd-rules.h"

typedef struct {
  char   *id;
  char   *version;
  GBytes *bytes;
} RuleFile;

static void
rule_file_free (RuleFile *file)
{
  g_free (file->id);
  g_free (file->version);
  g_clear_pointer (&file->bytes, g_bytes_unref);
  g_free (file);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RuleFile, rule_file_free)

/* NULL for a file that is not a rule set with an id and a dotted version. */
static RuleFile *
read_rule_file (const char *path)
{
  g_autoptr(RuleFile) file = g_new0 (RuleFile, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  if (!(file->bytes = g_file_load_bytes (gfile, NULL, NULL, &error)) ||
      !json_parser_load_from_data (parser, g_bytes_get_data (file->bytes, NULL),
                                   g_bytes_get_size (file->bytes), &error))
    {
      g_warning ("rule set %s not served: %s", path, error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  file->id = g_strdup (json_object_get_string_member_with_default (object, "id", ""));
  file->version = g_strdup (json_object_get_string_member_with_default (object, "version", ""));
  if (!g_regex_match_simple ("^[a-z][a-z0-9-]*$", file->id, 0, 0) ||
      !g_regex_match_simple ("^[0-9]+(\\.[0-9]+)*$", file->version, 0, 0))
    {
      g_warning ("rule set %s not served: no id or version", path);
      return NULL;
    }
  return g_steal_pointer (&file);
}

/* id → the newest RuleFile of that id. */
static GHashTable *
newest_sets (const char  *dir,
             GError     **error)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, error);
  g_autoptr(GHashTable) sets = NULL;
  const char *name;

  if (folder == NULL)
    return NULL;
  sets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) rule_file_free);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      RuleFile *file, *other;

      if (!g_str_has_suffix (name, ".json") || g_str_has_suffix (name, "schema.json"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if ((file = read_rule_file (path)) == NULL)
        continue;
      other = g_hash_table_lookup (sets, file->id);
      if (other == NULL || pd_rules_compare_versions (file->version, other->version) > 0)
        g_hash_table_replace (sets, file->id, file);
      else
        rule_file_free (file);
    }
  return g_steal_pointer (&sets);
}

static JsonObject *
signed_entry (PdPortalServer  *self,
              RuleFile        *file,
              GError         **error)
{
  GBytes *signer = pd_portal_server_get_signer_certificate (self);
  g_autofree char *sig = pd_portal_server_sign_payload (self, file->bytes, error);
  g_autofree char *payload = NULL;
  g_autofree char *cer = NULL;
  JsonObject *entry, *signature;

  if (sig == NULL)
    return NULL;
  payload = pd_portal_base64url (g_bytes_get_data (file->bytes, NULL), g_bytes_get_size (file->bytes));
  cer = g_base64_encode (g_bytes_get_data (signer, NULL), g_bytes_get_size (signer));
  signature = json_object_new ();
  json_object_set_string_member (signature, "alg", "ES256");
  json_object_set_string_member (signature, "cer", cer);
  json_object_set_string_member (signature, "sig", sig);
  entry = json_object_new ();
  json_object_set_string_member (entry, "id", file->id);
  json_object_set_string_member (entry, "version", file->version);
  json_object_set_string_member (entry, "payload", payload);
  json_object_set_object_member (entry, "signature", signature);
  return entry;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* {"rule_sets": [{id, version, payload, signature: {alg, cer, sig}}]}, sorted by id. */
JsonNode *
pd_portal_server_build_rules (PdPortalServer  *self,
                              GError         **error)
{
  const char *dir = pd_portal_server_get_rules_dir (self);
  g_autoptr(GHashTable) sets = NULL;
  g_autofree gpointer *ids = NULL;
  g_autoptr(JsonArray) list = json_array_new ();
  g_autoptr(JsonObject) root = NULL;
  guint n = 0;

  if (dir == NULL)
    {
      g_set_error_literal (error, PD_PORTAL_SERVER_ERROR, PD_PORTAL_SERVER_ERROR_NO_RULES,
                           "This portal serves no rule sets.");
      return NULL;
    }
  if ((sets = newest_sets (dir, error)) == NULL)
    return NULL;
  ids = g_hash_table_get_keys_as_array (sets, &n);
  g_qsort_with_data (ids, n, sizeof (gpointer), compare_ids, NULL);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *entry = signed_entry (self, g_hash_table_lookup (sets, ids[i]), error);

      if (entry == NULL)
        return NULL;
      json_array_add_object_element (list, entry);
    }
  root = json_object_new ();
  json_object_set_array_member (root, "rule_sets", g_steal_pointer (&list));
  return json_node_init_object (json_node_alloc (), root);
}
