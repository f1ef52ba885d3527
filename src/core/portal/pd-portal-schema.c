/* pd-portal-schema.c: the wire format of docs/portal-api.md, checked field by field
 *
 * The messages here name a member and a rule, never a value: values are personal data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pd-enum-types.h"
#include "pd-enums.h"
#include "pd-portal-schema.h"

typedef enum {
  FIELD_TEXT,
  FIELD_ENUM,
  FIELD_DATE,
  FIELD_TIME,
  FIELD_ID,
  FIELD_CODE,       /* fixed alphabet and length range, see min_len / charset */
  FIELD_PERMIT_NUMBER,
  FIELD_INT,
} FieldType;

typedef enum {
  FIELD_REQUIRED = 1 << 0,
  FIELD_NULLABLE = 1 << 1,
  FIELD_READONLY = 1 << 2,   /* kept by the server: ignored in request bodies */
  FIELD_MULTILINE = 1 << 3,
} FieldFlags;

typedef struct {
  const char *name;
  FieldType   type;
  FieldFlags  flags;
  guint       min_len;
  guint       max_len;
  const char *charset;       /* FIELD_CODE */
  GType     (*enum_type) (void);
} Field;

#define UPPER_DIGITS "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

static const Field meta_fields[] = {
  { "id", FIELD_ID, FIELD_REQUIRED | FIELD_READONLY },
  { "version", FIELD_INT, FIELD_REQUIRED | FIELD_READONLY },
  { "seq", FIELD_INT, FIELD_REQUIRED | FIELD_READONLY },
  { "updated_at", FIELD_TIME, FIELD_REQUIRED | FIELD_READONLY },
  { NULL }
};

static const Field employer_fields[] = {
  { "name", FIELD_TEXT, FIELD_REQUIRED, 1, 200 },
  { "name_zh", FIELD_TEXT, FIELD_NULLABLE, 1, 200 },
  { "credit_code", FIELD_CODE, FIELD_REQUIRED, 18, 18, UPPER_DIGITS },
  { "city", FIELD_TEXT, FIELD_REQUIRED, 1, 60 },
  { "address", FIELD_TEXT, FIELD_NULLABLE | FIELD_MULTILINE, 1, 300 },
  { NULL }
};

static const Field person_fields[] = {
  { "employer_id", FIELD_ID, FIELD_REQUIRED },
  { "family_name", FIELD_TEXT, FIELD_REQUIRED, 1, 100 },
  { "given_names", FIELD_TEXT, FIELD_NULLABLE, 1, 100 },
  { "name_zh", FIELD_TEXT, FIELD_NULLABLE, 1, 50 },
  { "nationality", FIELD_CODE, FIELD_REQUIRED, 3, 3, UPPER },
  { "passport_number", FIELD_CODE, FIELD_REQUIRED, 5, 20, UPPER_DIGITS },
  { "birth_date", FIELD_DATE, FIELD_REQUIRED },
  { "email", FIELD_TEXT, FIELD_NULLABLE, 3, 200 },
  { NULL }
};

static const Field case_fields[] = {
  { "employer_id", FIELD_ID, FIELD_REQUIRED },
  { "person_id", FIELD_ID, FIELD_REQUIRED },
  { "kind", FIELD_ENUM, FIELD_REQUIRED, 0, 0, NULL, pd_case_kind_get_type },
  { "status", FIELD_ENUM, FIELD_REQUIRED | FIELD_READONLY, 0, 0, NULL, pd_case_status_get_type },
  { "category", FIELD_ENUM, FIELD_REQUIRED, 0, 0, NULL, pd_permit_category_get_type },
  { "city", FIELD_TEXT, FIELD_REQUIRED, 1, 60 },
  { "position", FIELD_TEXT, FIELD_NULLABLE, 1, 200 },
  { "due_date", FIELD_DATE, FIELD_NULLABLE },
  { "notes", FIELD_TEXT, FIELD_NULLABLE | FIELD_MULTILINE, 1, 2000 },
  { "permit_number", FIELD_PERMIT_NUMBER, FIELD_NULLABLE | FIELD_READONLY },
  { "submitted_at", FIELD_TIME, FIELD_NULLABLE | FIELD_READONLY },
  { "decided_at", FIELD_TIME, FIELD_NULLABLE | FIELD_READONLY },
  { NULL }
};

static const Field permit_fields[] = {
  { "number", FIELD_PERMIT_NUMBER, FIELD_REQUIRED | FIELD_READONLY },
  { "case_id", FIELD_ID, FIELD_REQUIRED | FIELD_READONLY },
  { "person_id", FIELD_ID, FIELD_REQUIRED | FIELD_READONLY },
  { "employer_id", FIELD_ID, FIELD_REQUIRED | FIELD_READONLY },
  { "category", FIELD_ENUM, FIELD_REQUIRED | FIELD_READONLY, 0, 0, NULL, pd_permit_category_get_type },
  { "status", FIELD_ENUM, FIELD_REQUIRED | FIELD_READONLY, 0, 0, NULL, pd_permit_status_get_type },
  { "valid_from", FIELD_DATE, FIELD_REQUIRED | FIELD_READONLY },
  { "valid_until", FIELD_DATE, FIELD_REQUIRED | FIELD_READONLY },
  { NULL }
};

static const char * const collections[] = { "employers", "persons", "cases", "permits" };

static const Field *
fields_of (PdPortalKind kind)
{
  switch (kind)
    {
    case PD_PORTAL_KIND_EMPLOYER: return employer_fields;
    case PD_PORTAL_KIND_PERSON: return person_fields;
    case PD_PORTAL_KIND_CASE: return case_fields;
    case PD_PORTAL_KIND_PERMIT: return permit_fields;
    default: g_assert_not_reached ();
    }
}

const char *
pd_portal_kind_collection (PdPortalKind kind)
{
  g_return_val_if_fail (kind <= PD_PORTAL_KIND_PERMIT, NULL);

  return collections[kind];
}

gboolean
pd_portal_kind_from_collection (const char   *collection,
                                PdPortalKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
    {
      if (g_strcmp0 (collection, collections[i]) == 0)
        {
          *kind = (PdPortalKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

/* json-glib parses recursively: a hostile “[[[[…” would exhaust the stack, so nesting
 * is measured first, outside strings. */
static gboolean
check_depth (const char *data,
             gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > PD_PORTAL_JSON_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

JsonNode *
pd_portal_json_parse (const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len == 0 || !g_utf8_validate (data, (gssize) len, NULL) || memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the body is empty or not UTF-8 text");
      return NULL;
    }
  if (!check_depth (data, len))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "JSON nested deeper than %d levels", PD_PORTAL_JSON_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "malformed JSON: %s", local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "empty JSON");
      return NULL;
    }
  return json_node_ref (json_parser_get_root (parser));
}

static gboolean
all_in (const char *text,
        const char *charset)
{
  return text[strspn (text, charset)] == '\0';
}

gboolean
pd_portal_is_id (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  return len >= 1 && len <= 64 &&
         all_in (text, "abcdefghijklmnopqrstuvwxyz" UPPER_DIGITS "-_");
}

gboolean
pd_portal_is_permit_number (const char *text)
{
  return text != NULL && strlen (text) == 18 && all_in (text, "0123456789");
}

/* `PDT1.` and 43 base64url characters: 32 random bytes without padding. */
gboolean
pd_portal_is_online_token (const char *text)
{
  return text != NULL && g_str_has_prefix (text, "PDT1.") && strlen (text) == 5 + 43 &&
         all_in (text + 5, "abcdefghijklmnopqrstuvwxyz" UPPER_DIGITS "-_");
}

gboolean
pd_portal_is_rfc3339 (const char *text)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL || strlen (text) < 20 || strlen (text) > 40 || text[10] != 'T')
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  return parsed != NULL;
}

gboolean
pd_portal_is_date (const char *text)
{
  guint year, month, day;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

gboolean
pd_portal_is_sha256_hex (const char *text)
{
  return text != NULL && strlen (text) == 64 && all_in (text, "0123456789abcdef");
}

static gboolean
text_is_clean (const char *text,
               gboolean    multiline)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (multiline && c == '\n')
        continue;
      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return FALSE;
    }
  return TRUE;
}

static gboolean
field_error (GError     **error,
             const char  *name,
             const char  *rule)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "member “%s” %s", name, rule);
  return FALSE;
}

static gboolean
check_string (const Field  *field,
              const char   *value,
              GError      **error)
{
  glong len = g_utf8_strlen (value, -1);
  g_autoptr(GEnumClass) enum_class = NULL;

  switch (field->type)
    {
    case FIELD_TEXT:
      if (len < (glong) field->min_len || len > (glong) field->max_len)
        return field_error (error, field->name, "has the wrong length");
      if (!text_is_clean (value, (field->flags & FIELD_MULTILINE) != 0))
        return field_error (error, field->name, "holds control characters");
      return TRUE;
    case FIELD_ENUM:
      enum_class = g_type_class_ref (field->enum_type ());
      if (g_enum_get_value_by_nick (enum_class, value) == NULL)
        return field_error (error, field->name, "is not one of the documented values");
      return TRUE;
    case FIELD_DATE:
      return pd_portal_is_date (value) || field_error (error, field->name, "is not a YYYY-MM-DD date");
    case FIELD_TIME:
      return pd_portal_is_rfc3339 (value) || field_error (error, field->name, "is not an RFC 3339 time");
    case FIELD_ID:
      return pd_portal_is_id (value) || field_error (error, field->name, "is not an identifier");
    case FIELD_PERMIT_NUMBER:
      return pd_portal_is_permit_number (value) || field_error (error, field->name, "is not 18 digits");
    case FIELD_CODE:
      if (len < (glong) field->min_len || len > (glong) field->max_len || !all_in (value, field->charset))
        return field_error (error, field->name, "has the wrong format");
      return TRUE;
    case FIELD_INT:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_field (const Field  *field,
             JsonObject   *object,
             gboolean      need_required,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, field->name);

  if (node == NULL)
    {
      if (need_required && (field->flags & FIELD_REQUIRED))
        return field_error (error, field->name, "is missing");
      return TRUE;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (field->flags & FIELD_NULLABLE)
        return TRUE;
      return field_error (error, field->name, "must not be null");
    }
  if (field->type == FIELD_INT)
    {
      if (json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 1)
        return field_error (error, field->name, "is not a positive integer");
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return field_error (error, field->name, "is not a string");
  return check_string (field, json_node_get_string (node), error);
}

static const Field *
find_field (const Field *fields,
            const char  *name)
{
  for (const Field *f = fields; f->name != NULL; f++)
    if (strcmp (f->name, name) == 0)
      return f;
  return NULL;
}

/* Request bodies: unknown members are refused (a typo must not be dropped silently);
 * server-kept members may be echoed back and are ignored. */
static gboolean
check_request_members (const Field  *fields,
                       JsonObject   *object,
                       GError      **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (find_field (fields, name) == NULL && find_field (meta_fields, name) == NULL)
        return field_error (error, name, "is not part of this resource");
    }
  return TRUE;
}

gboolean
pd_portal_schema_check (PdPortalKind         kind,
                        JsonObject          *object,
                        PdPortalSchemaMode   mode,
                        GError             **error)
{
  const Field *fields;
  gboolean wire = mode == PD_PORTAL_SCHEMA_WIRE;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fields = fields_of (kind);
  if (wire && kind != PD_PORTAL_KIND_PERMIT)
    {
      for (const Field *f = meta_fields; f->name != NULL; f++)
        if (!check_field (f, object, TRUE, error))
          return FALSE;
    }
  else if (!wire && !check_request_members (fields, object, error))
    return FALSE;

  for (const Field *f = fields; f->name != NULL; f++)
    {
      if (!wire && (f->flags & FIELD_READONLY))
        continue;
      if (!check_field (f, object, mode != PD_PORTAL_SCHEMA_PATCH, error))
        return FALSE;
    }
  return TRUE;
}

/* A new object holding only the members a client may write, as found in @object. */
JsonObject *
pd_portal_schema_writable (PdPortalKind  kind,
                           JsonObject   *object)
{
  JsonObject *copy = json_object_new ();

  g_return_val_if_fail (object != NULL, NULL);

  for (const Field *f = fields_of (kind); f->name != NULL; f++)
    {
      JsonNode *node = json_object_get_member (object, f->name);

      if (node != NULL && !(f->flags & FIELD_READONLY))
        json_object_set_member (copy, f->name, json_node_copy (node));
    }
  return copy;
}

gboolean
pd_portal_get_string (JsonObject  *object,
                      const char  *member,
                      gboolean     nullable,
                      const char **value,
                      GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL && member != NULL && value != NULL, FALSE);

  node = json_object_get_member (object, member);
  *value = NULL;
  if (node != NULL && nullable && JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return field_error (error, member, "is missing or not a string");
  *value = json_node_get_string (node);
  return TRUE;
}

gboolean
pd_portal_get_int (JsonObject  *object,
                   const char  *member,
                   gint64       min,
                   gint64       max,
                   gint64      *value,
                   GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL && member != NULL && value != NULL, FALSE);

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < min || json_node_get_int (node) > max)
    return field_error (error, member, "is missing or not an integer in range");
  *value = json_node_get_int (node);
  return TRUE;
}
