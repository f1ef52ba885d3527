/* pd-rules.c: the rule sets in force, loaded from data files and from the portal
 *
 * A load builds a complete new PdRulesData beside the one in force and swaps only
 * when everything parsed and validated, so a bad file never leaves half the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-rules"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "pd-rules-private.h"

struct _PdRules
{
  GObject      parent_instance;

  char        *dir;
  char        *user_dir;      /* accepted portal sets saved by the user's PermitDesk */
  PdRulesSignatureCheck user_check;
  gpointer     user_check_data;
  GDestroyNotify user_check_destroy;
  char        *language;
  gboolean     chinese;
  PdRulesData *data;
  GHashTable  *signed_sets;   /* id → GBytes of an accepted portal rule set */
  GPtrArray   *changes;
};

G_DEFINE_FINAL_TYPE (PdRules, pd_rules, G_TYPE_OBJECT)
G_DEFINE_QUARK (pd-rules-error-quark, pd_rules_error)

enum {
  PROP_0,
  PROP_DIR,
  PROP_VERSION,
  PROP_LANGUAGE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
language_from_locale (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "zh"))
        return "zh";
      if (g_str_has_prefix (names[i], "en") || g_str_equal (names[i], "C"))
        return "en";
    }

  return "en";
}

static gboolean
is_newer (const char *version,
          const char *than)
{
  return than == NULL || pd_rules_compare_versions (version, than) > 0;
}

static PdRuleSet *
find_set_in (GPtrArray  *sets,
             const char *id,
             guint      *position)
{
  for (guint i = 0; i < sets->len; i++)
    {
      PdRuleSet *set = g_ptr_array_index (sets, i);

      if (g_str_equal (set->id, id))
        {
          if (position != NULL)
            *position = i;
          return set;
        }
    }

  return NULL;
}

/* The rule files of @path, sorted by name; NULL and @error when it cannot be read. */
static GPtrArray *
list_rule_files (const char  *path,
                 GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json") && !g_str_has_suffix (name, "schema.json"))
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  return g_steal_pointer (&names);
}

static gboolean
read_dir_sets (PdRules       *self,
               PdJsonSchema  *schema,
               GPtrArray     *sets,
               GError       **error)
{
  g_autoptr(GPtrArray) names = list_rule_files (self->dir, error);

  if (names == NULL)
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      const char *path = g_ptr_array_index (names, i);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      PdRuleSet *set;

      if (!(bytes = g_file_load_bytes (file, NULL, NULL, error)))
        return FALSE;
      if (!(set = pd_rule_set_parse (schema, bytes, path, error)))
        return FALSE;
      if (find_set_in (sets, set->id, NULL) != NULL)
        {
          g_set_error (error, PD_RULES_ERROR, PD_RULES_ERROR_REFERENCE,
                       _("%s: the rule set id “%s” is used by another file too"), path, set->id);
          pd_rule_set_free (set);
          return FALSE;
        }
      g_ptr_array_add (sets, set);
    }

  return TRUE;
}

/* A portal set replaces the file set of the same id only when its version is newer. */
static void
overlay_set (GPtrArray *sets,
             PdRuleSet *set)
{
  guint position;
  PdRuleSet *existing = find_set_in (sets, set->id, &position);

  if (existing == NULL)
    g_ptr_array_add (sets, set);
  else if (is_newer (set->version, existing->version))
    {
      pd_rule_set_free (existing);
      g_ptr_array_index (sets, position) = set;
    }
  else
    pd_rule_set_free (set);
}

/* A saved set with its signature beside it (`<id>.json`, `<id>.sig`), checked again
 * because the trust store may have changed since it was accepted. */
static PdRuleSet *
read_user_set (PdRules       *self,
               PdJsonSchema  *schema,
               const char    *path,
               GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *base = g_strndup (path, strlen (path) - strlen (".json"));
  g_autofree char *sig_path = g_strconcat (base, ".sig", NULL);
  g_autoptr(GFile) sig_file = g_file_new_for_path (sig_path);
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) signature = NULL;

  if (!(json = g_file_load_bytes (file, NULL, NULL, error)) ||
      !(signature = g_file_load_bytes (sig_file, NULL, NULL, error)) ||
      !self->user_check (json, signature, self->user_check_data, error))
    return NULL;

  return pd_rule_set_parse (schema, json, path, error);
}

/* A saved set that no longer verifies or parses is skipped, never fatal: the shipped
 * rules are still complete without it. */
static void
overlay_user_sets (PdRules      *self,
                   PdJsonSchema *schema,
                   GPtrArray    *sets)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;

  if (self->user_dir == NULL || !g_file_test (self->user_dir, G_FILE_TEST_IS_DIR))
    return;
  if (!(names = list_rule_files (self->user_dir, &error)))
    {
      g_message ("Saved rule sets not read: %s", error->message);
      return;
    }

  for (guint i = 0; i < names->len; i++)
    {
      PdRuleSet *set = read_user_set (self, schema, g_ptr_array_index (names, i), &error);

      if (set != NULL)
        overlay_set (sets, set);
      else
        g_message ("Saved rule set %s skipped: %s", (char *) g_ptr_array_index (names, i), error->message);
      g_clear_error (&error);
    }
}

static PdRulesData *
load_all (PdRules      *self,
          PdRuleSet    *extra,
          GError      **error)
{
  g_autofree char *schema_path = g_build_filename (self->dir, "schema.json", NULL);
  g_autoptr(PdJsonSchema) schema = pd_json_schema_new_from_file (schema_path, error);
  g_autoptr(GPtrArray) sets = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  PdRulesData *data;

  if (schema == NULL || !read_dir_sets (self, schema, sets, error))
    goto failed;
  overlay_user_sets (self, schema, sets);

  g_hash_table_iter_init (&iter, self->signed_sets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PdRuleSet *set = pd_rule_set_parse (schema, value, NULL, error);

      if (set == NULL)
        goto failed;
      overlay_set (sets, set);
    }
  if (extra != NULL)
    overlay_set (sets, extra);
  extra = NULL;

  if ((data = pd_rules_data_build (sets, error)) == NULL)
    goto failed;

  return data;

failed:
  for (guint i = 0; i < sets->len; i++)
    pd_rule_set_free (g_ptr_array_index (sets, i));
  pd_rule_set_free (extra);
  return NULL;
}

static void
swap_data (PdRules     *self,
           PdRulesData *data)
{
  g_autofree char *old_version = self->data ? g_strdup (self->data->version) : NULL;

  g_clear_pointer (&self->changes, g_ptr_array_unref);
  if (self->data != NULL)
    self->changes = pd_rules_data_diff (self->data, data, self->chinese);
  g_clear_pointer (&self->data, pd_rules_data_unref);
  self->data = data;

  if (g_strcmp0 (old_version, data->version) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
pd_rules_finalize (GObject *object)
{
  PdRules *self = (PdRules *) object;

  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->user_dir, g_free);
  if (self->user_check_destroy != NULL)
    self->user_check_destroy (self->user_check_data);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->data, pd_rules_data_unref);
  g_clear_pointer (&self->signed_sets, g_hash_table_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_rules_parent_class)->finalize (object);
}

static void
pd_rules_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PdRules *self = PD_RULES (object);

  switch (prop_id)
    {
    case PROP_DIR:
      g_value_set_string (value, self->dir);
      break;
    case PROP_VERSION:
      g_value_set_string (value, pd_rules_get_version (self));
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_rules_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PdRules *self = PD_RULES (object);

  switch (prop_id)
    {
    case PROP_DIR:
      self->dir = g_value_dup_string (value);
      break;
    case PROP_LANGUAGE:
      pd_rules_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_rules_class_init (PdRulesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_rules_finalize;
  object_class->get_property = pd_rules_get_property;
  object_class->set_property = pd_rules_set_property;

  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_string ("version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pd_rules_init (PdRules *self)
{
  self->signed_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref);
  self->language = g_strdup (language_from_locale ());
  self->chinese = g_str_equal (self->language, "zh");
}

/* PERMITDESK_RULES_DIR, else the installed rules, else the source tree's. */
const char *
pd_rules_get_default_dir (void)
{
  const char *env = g_getenv ("PERMITDESK_RULES_DIR");

  if (env != NULL && *env != '\0')
    return env;
  if (g_file_test (PKGDATADIR "/rules/schema.json", G_FILE_TEST_EXISTS))
    return PKGDATADIR "/rules";

  return SOURCE_DATADIR "/rules";
}

PdRules *
pd_rules_new (const char *dir)
{
  g_return_val_if_fail (dir != NULL, NULL);

  return g_object_new (PD_TYPE_RULES, "dir", dir, NULL);
}

const char *
pd_rules_get_dir (PdRules *self)
{
  g_return_val_if_fail (PD_IS_RULES (self), NULL);

  return self->dir;
}

/**
 * pd_rules_set_user_dir:
 * @dir: (nullable): the folder of rule sets accepted from the portal (`<id>.json` with
 *   its detached signature `<id>.sig`), e.g. `rules/` in the data folder
 * @check: verifies each saved set again at every load
 *
 * A saved set that verifies replaces the shipped set of the same id when it is newer;
 * one that does not is skipped with a message. Takes effect at the next reload.
 */
void
pd_rules_set_user_dir (PdRules                *self,
                       const char             *dir,
                       PdRulesSignatureCheck   check,
                       gpointer                data,
                       GDestroyNotify          destroy)
{
  g_return_if_fail (PD_IS_RULES (self));
  g_return_if_fail (dir == NULL || check != NULL);

  if (self->user_check_destroy != NULL)
    self->user_check_destroy (self->user_check_data);
  g_free (self->user_dir);
  self->user_dir = g_strdup (dir);
  self->user_check = check;
  self->user_check_data = data;
  self->user_check_destroy = destroy;
}

const char *
pd_rules_get_user_dir (PdRules *self)
{
  g_return_val_if_fail (PD_IS_RULES (self), NULL);

  return self->user_dir;
}

/**
 * pd_rules_compare_versions:
 *
 * Versions are dotted numbers (the schema makes sure): "2025.10" is newer than
 * "2025.9", and "2025.1" equals "2025.1.0".
 *
 * Returns: < 0, 0 or > 0 as @a is older than, the same as or newer than @b
 */
int
pd_rules_compare_versions (const char *a,
                           const char *b)
{
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) other = NULL;
  guint n_parts, n_other;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  parts = g_strsplit (a, ".", -1);
  other = g_strsplit (b, ".", -1);
  n_parts = g_strv_length (parts);
  n_other = g_strv_length (other);
  for (guint i = 0; i < MAX (n_parts, n_other); i++)
    {
      guint64 x = i < n_parts ? g_ascii_strtoull (parts[i], NULL, 10) : 0;
      guint64 y = i < n_other ? g_ascii_strtoull (other[i], NULL, 10) : 0;

      if (x != y)
        return x > y ? 1 : -1;
    }

  return 0;
}

/* Reads every rule file again; on any error the rules in force stay as they were. */
gboolean
pd_rules_reload (PdRules  *self,
                 GError  **error)
{
  PdRulesData *data;

  g_return_val_if_fail (PD_IS_RULES (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((data = load_all (self, NULL, error)) == NULL)
    return FALSE;

  swap_data (self, data);
  return TRUE;
}

gboolean
pd_rules_load_signed (PdRules                *self,
                      GBytes                 *json,
                      GBytes                 *signature,
                      PdRulesSignatureCheck   check,
                      gpointer                user_data,
                      GError                **error)
{
  g_autofree char *schema_path = NULL;
  g_autoptr(PdJsonSchema) schema = NULL;
  g_autoptr(PdRuleSet) set = NULL;
  g_autoptr(GError) local_error = NULL;
  const PdRuleSet *current;
  g_autofree char *id = NULL;
  PdRulesData *data;

  g_return_val_if_fail (PD_IS_RULES (self), FALSE);
  g_return_val_if_fail (json != NULL && signature != NULL && check != NULL, FALSE);

  if (!check (json, signature, user_data, &local_error))
    {
      g_set_error (error, PD_RULES_ERROR, PD_RULES_ERROR_SIGNATURE,
                   _("The rule set from the portal is not correctly signed: %s"),
                   local_error ? local_error->message : _("the signature does not match"));
      return FALSE;
    }

  schema_path = g_build_filename (self->dir, "schema.json", NULL);
  if (!(schema = pd_json_schema_new_from_file (schema_path, error)) ||
      !(set = pd_rule_set_parse (schema, json, NULL, error)))
    return FALSE;

  current = self->data ? find_set_in (self->data->sets, set->id, NULL) : NULL;
  if (current != NULL && !is_newer (set->version, current->version))
    {
      g_set_error (error, PD_RULES_ERROR, PD_RULES_ERROR_NOT_NEWER,
                   _("The rule set “%s” version %s is not newer than version %s in force"),
                   set->id, set->version, current->version);
      return FALSE;
    }

  id = g_strdup (set->id);
  if ((data = load_all (self, g_steal_pointer (&set), error)) == NULL)
    return FALSE;

  g_hash_table_replace (self->signed_sets, g_steal_pointer (&id), g_bytes_ref (json));
  swap_data (self, data);
  return TRUE;
}

gboolean
pd_rules_is_loaded (PdRules *self)
{
  g_return_val_if_fail (PD_IS_RULES (self), FALSE);

  return self->data != NULL;
}

/* Every rule set in force with its version, e.g. "cn-cities 2025.1, cn-national 2025.2". */
const char *
pd_rules_get_version (PdRules *self)
{
  g_return_val_if_fail (PD_IS_RULES (self), NULL);

  return self->data ? self->data->version : NULL;
}

const char *
pd_rules_get_set_version (PdRules    *self,
                          const char *set_id)
{
  const PdRuleSet *set;

  g_return_val_if_fail (PD_IS_RULES (self), NULL);
  g_return_val_if_fail (set_id != NULL, NULL);

  if (self->data == NULL || !(set = find_set_in (self->data->sets, set_id, NULL)))
    return NULL;

  return set->version;
}

const char *
pd_rules_get_language (PdRules *self)
{
  g_return_val_if_fail (PD_IS_RULES (self), NULL);

  return self->language;
}

/* "zh" shows the rule texts in Chinese, anything else in English. */
void
pd_rules_set_language (PdRules    *self,
                       const char *language)
{
  g_return_if_fail (PD_IS_RULES (self));

  if (language == NULL)
    language = language_from_locale ();
  if (g_strcmp0 (self->language, language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (language);
  self->chinese = g_str_has_prefix (language, "zh");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/* Returns: (transfer container): translated sentences, one per change. */
GPtrArray *
pd_rules_diff (PdRules *old_rules,
               PdRules *new_rules)
{
  g_return_val_if_fail (PD_IS_RULES (old_rules), NULL);
  g_return_val_if_fail (PD_IS_RULES (new_rules), NULL);
  g_return_val_if_fail (old_rules->data != NULL && new_rules->data != NULL, NULL);

  return pd_rules_data_diff (old_rules->data, new_rules->data, new_rules->chinese);
}

/* Returns: (transfer container) (nullable): what the last successful load changed. */
GPtrArray *
pd_rules_get_changes (PdRules *self)
{
  g_return_val_if_fail (PD_IS_RULES (self), NULL);

  return self->changes ? g_ptr_array_ref (self->changes) : NULL;
}

guint
pd_rules_get_n_sources (PdRules *self)
{
  guint n = 0;

  g_return_val_if_fail (PD_IS_RULES (self), 0);

  for (guint i = 0; self->data && i < self->data->sets->len; i++)
    n += ((PdRuleSet *) g_ptr_array_index (self->data->sets, i))->sources->len;

  return n;
}

/* The strings stay valid until the next reload. */
void
pd_rules_get_source (PdRules     *self,
                     guint        position,
                     const char **title,
                     const char **url)
{
  g_return_if_fail (PD_IS_RULES (self));
  g_return_if_fail (position < pd_rules_get_n_sources (self));

  for (guint i = 0; i < self->data->sets->len; i++)
    {
      PdRuleSet *set = g_ptr_array_index (self->data->sets, i);

      if (position < set->sources->len)
        {
          const PdRuleSource *source = g_ptr_array_index (set->sources, position);

          if (title != NULL)
            *title = pd_text_get (&source->title, self->chinese);
          if (url != NULL)
            *url = source->url;
          return;
        }
      position -= set->sources->len;
    }
}

guint
pd_rules_get_n_cities (PdRules *self)
{
  g_return_val_if_fail (PD_IS_RULES (self), 0);

  return self->data ? self->data->city_list->len : 0;
}

const char *
pd_rules_get_city_id (PdRules *self,
                      guint    position)
{
  g_return_val_if_fail (position < pd_rules_get_n_cities (self), NULL);

  return ((PdRuleCity *) g_ptr_array_index (self->data->city_list, position))->id;
}

const char *
pd_rules_get_city_name (PdRules *self,
                        guint    position)
{
  g_return_val_if_fail (position < pd_rules_get_n_cities (self), NULL);

  return pd_text_get (&((PdRuleCity *) g_ptr_array_index (self->data->city_list, position))->name,
                      self->chinese);
}

gboolean
pd_rules_is_hague_member (PdRules    *self,
                          const char *alpha3)
{
  g_return_val_if_fail (PD_IS_RULES (self), FALSE);

  return self->data != NULL && alpha3 != NULL && g_hash_table_contains (self->data->hague, alpha3);
}

PdWorkCalendar *
pd_rules_get_calendar (PdRules *self)
{
  g_return_val_if_fail (PD_IS_RULES (self), NULL);

  return self->data ? self->data->calendar : NULL;
}

/* Checks one rule file on its own against the schema (used at build time). */
gboolean
pd_rules_validate_file (const char  *schema_path,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(PdJsonSchema) schema = NULL;
  g_autoptr(PdRuleSet) set = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (schema_path != NULL && path != NULL, FALSE);

  file = g_file_new_for_path (path);
  if (!(schema = pd_json_schema_new_from_file (schema_path, error)) ||
      !(bytes = g_file_load_bytes (file, NULL, NULL, error)))
    return FALSE;

  set = pd_rule_set_parse (schema, bytes, path, error);
  return set != NULL;
}

PdRulesData *
pd_rules_get_data (PdRules *self)
{
  g_assert (PD_IS_RULES (self));

  return self->data;
}

gboolean
pd_rules_is_chinese (PdRules *self)
{
  g_assert (PD_IS_RULES (self));

  return self->chinese;
}
