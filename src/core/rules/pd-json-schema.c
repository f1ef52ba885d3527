/* pd-json-schema.c: a validator for the JSON Schema subset the rule files use
 *
 * No JSON Schema library is available on the target systems, so this checks the
 * keywords data/rules/schema.json uses and refuses any other, so that a schema
 * edit can never be silently ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-rules"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "pd-json-schema.h"
#include "pd-rules.h"

struct _PdJsonSchema
{
  JsonNode   *root;
  JsonObject *defs;
  GHashTable *regexes;   /* pattern → GRegex, compiled once */
};

static const char * const annotations[] = {
  "$schema", "$id", "$defs", "title", "description", NULL
};

static gboolean validate_node (PdJsonSchema  *self,
                               JsonObject    *schema,
                               JsonNode      *node,
                               GString       *path,
                               GError       **error);

static const char *
node_type_name (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return "object";
    case JSON_NODE_ARRAY: return "array";
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64: return "integer";
    case G_TYPE_DOUBLE: return "number";
    case G_TYPE_BOOLEAN: return "boolean";
    default: return "string";
    }
}

static gboolean
type_matches (const char *expected,
              JsonNode   *node)
{
  const char *actual = node_type_name (node);

  if (g_str_equal (expected, "number"))
    return g_str_equal (actual, "number") || g_str_equal (actual, "integer");

  return g_str_equal (expected, actual);
}

static gboolean
fail (GError     **error,
      const char  *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, PD_RULES_ERROR, PD_RULES_ERROR_INVALID, message);

  return FALSE;
}

static char *
node_to_short_string (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  return json_to_string (node, FALSE);
}

static gboolean
check_enum (JsonArray  *values,
            JsonNode   *node,
            GError    **error)
{
  g_autoptr(GString) allowed = g_string_new (NULL);
  g_autofree char *shown = NULL;

  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonNode *value = json_array_get_element (values, i);
      g_autofree char *text = node_to_short_string (value);

      if (json_node_equal (value, node))
        return TRUE;

      g_string_append_printf (allowed, "%s%s", i > 0 ? ", " : "", text);
    }

  shown = node_to_short_string (node);
  return fail (error, _("“%s” is not one of: %s"), shown, allowed->str);
}

static gboolean
check_pattern (PdJsonSchema  *self,
               const char    *pattern,
               const char    *value,
               GError       **error)
{
  GRegex *regex = g_hash_table_lookup (self->regexes, pattern);

  if (regex == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &local_error);
      if (regex == NULL)
        return fail (error, _("the schema pattern %s is not valid: %s"),
                     pattern, local_error->message);
      g_hash_table_insert (self->regexes, g_strdup (pattern), regex);
    }

  if (!g_regex_match (regex, value, 0, NULL))
    return fail (error, _("“%s” does not match the pattern %s"), value, pattern);

  return TRUE;
}

static gboolean
check_date (const char  *value,
            GError     **error)
{
  int y, m, d;
  char end;

  if (strlen (value) != 10 ||
      sscanf (value, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 ||
      value[4] != '-' || value[7] != '-' ||
      !g_date_valid_dmy (d, m, y))
    return fail (error, _("“%s” is not a date (YYYY-MM-DD)"), value);

  return TRUE;
}

static gboolean
check_scalar (PdJsonSchema  *self,
              JsonObject    *schema,
              JsonNode      *node,
              GError       **error)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    {
      const char *value = json_node_get_string (node);

      if (json_object_has_member (schema, "pattern") &&
          !check_pattern (self, json_object_get_string_member (schema, "pattern"), value, error))
        return FALSE;

      if (json_object_has_member (schema, "format") &&
          g_str_equal (json_object_get_string_member (schema, "format"), "date") &&
          !check_date (value, error))
        return FALSE;
    }
  else if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (json_object_has_member (schema, "minimum") &&
          value < json_object_get_double_member (schema, "minimum"))
        return fail (error, _("%g is below the minimum %g"), value,
                     json_object_get_double_member (schema, "minimum"));

      if (json_object_has_member (schema, "maximum") &&
          value > json_object_get_double_member (schema, "maximum"))
        return fail (error, _("%g is above the maximum %g"), value,
                     json_object_get_double_member (schema, "maximum"));
    }

  return TRUE;
}

static gboolean
check_object (PdJsonSchema  *self,
              JsonObject    *schema,
              JsonObject    *object,
              GString       *path,
              GError       **error)
{
  JsonObject *properties = NULL;
  gsize path_len = path->len;

  if (json_object_has_member (schema, "properties"))
    properties = json_object_get_object_member (schema, "properties");

  if (json_object_has_member (schema, "required"))
    {
      JsonArray *required = json_object_get_array_member (schema, "required");

      for (guint i = 0; i < json_array_get_length (required); i++)
        {
          const char *name = json_array_get_string_element (required, i);

          if (!json_object_has_member (object, name))
            return fail (error, _("the required field “%s” is missing"), name);
        }
    }

  {
    g_autoptr(GList) members = json_object_get_members (object);

    for (GList *l = members; l != NULL; l = l->next)
      {
        const char *name = l->data;
        JsonNode *sub_schema = properties ? json_object_get_member (properties, name) : NULL;

        if (sub_schema == NULL)
          {
            if (json_object_has_member (schema, "additionalProperties") &&
                !json_object_get_boolean_member (schema, "additionalProperties"))
              return fail (error, _("the field “%s” is not allowed here"), name);
            continue;
          }

        g_string_append_printf (path, ".%s", name);
        if (!validate_node (self, json_node_get_object (sub_schema),
                            json_object_get_member (object, name), path, error))
          return FALSE;
        g_string_truncate (path, path_len);
      }
  }

  return TRUE;
}

static gboolean
check_array (PdJsonSchema  *self,
             JsonObject    *schema,
             JsonArray     *array,
             GString       *path,
             GError       **error)
{
  gsize path_len = path->len;
  JsonObject *items;

  if (!json_object_has_member (schema, "items"))
    return TRUE;

  items = json_object_get_object_member (schema, "items");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_string_append_printf (path, "[%u]", i);
      if (!validate_node (self, items, json_array_get_element (array, i), path, error))
        return FALSE;
      g_string_truncate (path, path_len);
    }

  return TRUE;
}

static gboolean
check_keywords (JsonObject  *schema,
                GError     **error)
{
  static const char * const supported[] = {
    "$ref", "type", "required", "properties", "additionalProperties", "enum",
    "pattern", "items", "minimum", "maximum", "format", NULL
  };
  g_autoptr(GList) members = json_object_get_members (schema);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (supported, l->data) && !g_strv_contains (annotations, l->data))
        return fail (error, _("the schema uses the unsupported keyword “%s”"),
                     (const char *) l->data);
    }

  if (json_object_has_member (schema, "format") &&
      !g_str_equal (json_object_get_string_member (schema, "format"), "date"))
    return fail (error, _("the schema uses the unsupported format “%s”"),
                 json_object_get_string_member (schema, "format"));

  return TRUE;
}

static JsonObject *
resolve_ref (PdJsonSchema  *self,
             const char    *ref,
             GError       **error)
{
  const char *prefix = "#/$defs/";

  if (self->defs != NULL && g_str_has_prefix (ref, prefix) &&
      json_object_has_member (self->defs, ref + strlen (prefix)))
    return json_object_get_object_member (self->defs, ref + strlen (prefix));

  fail (error, _("the schema reference “%s” cannot be resolved"), ref);
  return NULL;
}

static gboolean
validate_node (PdJsonSchema  *self,
               JsonObject    *schema,
               JsonNode      *node,
               GString       *path,
               GError       **error)
{
  if (!check_keywords (schema, error))
    return FALSE;

  if (json_object_has_member (schema, "$ref"))
    {
      JsonObject *target = resolve_ref (self, json_object_get_string_member (schema, "$ref"), error);

      if (target == NULL || !validate_node (self, target, node, path, error))
        return FALSE;
    }

  if (json_object_has_member (schema, "type"))
    {
      const char *expected = json_object_get_string_member (schema, "type");

      if (!type_matches (expected, node))
        return fail (error, _("expected a value of type %s, found %s"),
                     expected, node_type_name (node));
    }

  if (json_object_has_member (schema, "enum") &&
      !check_enum (json_object_get_array_member (schema, "enum"), node, error))
    return FALSE;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return check_object (self, schema, json_node_get_object (node), path, error);
    case JSON_NODE_ARRAY:
      return check_array (self, schema, json_node_get_array (node), path, error);
    case JSON_NODE_VALUE:
      return check_scalar (self, schema, node, error);
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

PdJsonSchema *
pd_json_schema_new_from_file (const char  *path,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  PdJsonSchema *self;
  JsonObject *root;

  g_return_val_if_fail (path != NULL, NULL);

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, PD_RULES_ERROR, PD_RULES_ERROR_PARSE,
                   _("The rules schema “%s” is not a JSON object"), path);
      return NULL;
    }

  self = g_new0 (PdJsonSchema, 1);
  self->root = json_node_copy (json_parser_get_root (parser));
  self->regexes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_regex_unref);
  root = json_node_get_object (self->root);
  if (json_object_has_member (root, "$defs"))
    self->defs = json_object_get_object_member (root, "$defs");

  return self;
}

void
pd_json_schema_free (PdJsonSchema *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->regexes, g_hash_table_unref);
  g_free (self);
}

/* Checks @instance against the schema's definition @def ("#/$defs/<def>"), or against the
 * whole schema when @def is NULL. On failure @bad_path receives the JSON path of the
 * offending value ("$.cases[2].need"). */
gboolean
pd_json_schema_validate_def (PdJsonSchema  *self,
                             const char    *def,
                             JsonNode      *instance,
                             char         **bad_path,
                             GError       **error)
{
  g_autoptr(GString) path = g_string_new ("$");
  JsonObject *schema;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (instance != NULL, FALSE);

  schema = json_node_get_object (self->root);
  if (def != NULL)
    {
      g_autofree char *ref = g_strconcat ("#/$defs/", def, NULL);

      if (!(schema = resolve_ref (self, ref, error)))
        return FALSE;
    }

  if (validate_node (self, schema, instance, path, error))
    return TRUE;

  if (bad_path != NULL)
    *bad_path = g_strdup (path->str);

  return FALSE;
}

gboolean
pd_json_schema_validate (PdJsonSchema  *self,
                         JsonNode      *instance,
                         char         **bad_path,
                         GError       **error)
{
  return pd_json_schema_validate_def (self, NULL, instance, bad_path, error);
}
