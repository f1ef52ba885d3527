/* pd-sync-map.c: PdCase, PdPerson, PdEmployer and PdPermit to the portal's JSON and back
 *
 * The portal names things its own way (docs/portal-api.md): a person has a family name
 * and given names where PermitDesk keeps one Latin name, a case has a due date where
 * PermitDesk has its next deadline. Everything the sync engine sends or takes passes
 * through here. Records arriving here were checked against the wire schema already.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-sync"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pd-enum-types.h"
#include "pd-sync-map.h"

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  g_assert (enum_value != NULL);
  return enum_value->value_nick;
}

static gboolean
enum_from_nick (GType       type,
                const char *nick,
                int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (enum_value == NULL)
    return FALSE;
  *value = enum_value->value;
  return TRUE;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Empty text is "not set" locally and null on the wire. */
static void
set_string_or_null (JsonObject *object,
                    const char *member,
                    const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static void
set_date_or_null (JsonObject  *object,
                  const char  *member,
                  const GDate *date)
{
  g_autofree char *text = NULL;

  if (date != NULL && g_date_valid (date))
    text = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                            g_date_get_month (date), g_date_get_day (date));
  set_string_or_null (object, member, text);
}

static GDate *
parse_date (const char *text)
{
  guint year, month, day;
  GDate *date;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  date = g_date_new ();
  g_date_set_dmy (date, day, month, year);
  return date;
}

/* The writable members of a case, with the local ids of its person and employer
 * (translated at push time), and its status, so a submit can be told apart. */
JsonObject *
pd_sync_map_case_payload (PdCase *item)
{
  JsonObject *object = json_object_new ();
  PdEmployer *employer = pd_case_get_employer (item);

  g_return_val_if_fail (PD_IS_CASE (item), NULL);

  /* Without an employer, the portal user's own employer is sent. */
  if (employer != NULL)
    json_object_set_string_member (object, "employer_id", pd_employer_get_id (employer));
  json_object_set_string_member (object, "person_id", pd_person_get_id (pd_case_get_person (item)));
  json_object_set_string_member (object, "kind", enum_nick (PD_TYPE_CASE_KIND, pd_case_get_kind (item)));
  json_object_set_string_member (object, "category",
                                 enum_nick (PD_TYPE_PERMIT_CATEGORY, pd_case_get_category (item)));
  set_string_or_null (object, "city", pd_case_get_city (item));
  set_date_or_null (object, "due_date", pd_case_get_next_deadline (item));
  set_string_or_null (object, "notes", pd_case_get_notes (item));
  json_object_set_string_member (object, "status", enum_nick (PD_TYPE_CASE_STATUS, pd_case_get_status (item)));
  return object;
}

/* PermitDesk keeps "Given Names Family" in one field. When it still reads as the
 * portal's two names joined, they are kept as they are; otherwise the last word is
 * taken as the family name. */
static void
split_latin_name (const char  *latin,
                  JsonObject  *known,
                  char       **family,
                  char       **given)
{
  const char *known_family = known != NULL ? get_string (known, "family_name") : NULL;
  const char *known_given = known != NULL ? get_string (known, "given_names") : NULL;
  g_autofree char *joined = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (latin != NULL ? latin : ""));
  const char *space;

  if (known_family != NULL)
    {
      joined = known_given != NULL ? g_strconcat (known_given, " ", known_family, NULL)
                                   : g_strdup (known_family);
      if (g_str_equal (joined, stripped))
        {
          *family = g_strdup (known_family);
          *given = g_strdup (known_given);
          return;
        }
    }

  space = strrchr (stripped, ' ');
  if (space == NULL)
    {
      *family = g_steal_pointer (&stripped);
      *given = NULL;
      return;
    }
  *family = g_strdup (space + 1);
  *given = g_strstrip (g_strndup (stripped, space - stripped));
}

/* @known: the portal's last state of this person, or NULL. */
JsonObject *
pd_sync_map_person_payload (PdPerson   *person,
                            const char *employer_id,
                            JsonObject *known)
{
  JsonObject *object = json_object_new ();
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;

  g_return_val_if_fail (PD_IS_PERSON (person), NULL);

  split_latin_name (pd_person_get_name_latin (person), known, &family, &given);
  if (employer_id != NULL)
    json_object_set_string_member (object, "employer_id", employer_id);
  set_string_or_null (object, "family_name", family);
  set_string_or_null (object, "given_names", given);
  set_string_or_null (object, "name_zh", pd_person_get_name_zh (person));
  set_string_or_null (object, "nationality", pd_person_get_nationality (person));
  set_string_or_null (object, "passport_number", pd_person_get_passport_number (person));
  set_date_or_null (object, "birth_date", pd_person_get_date_of_birth (person));
  set_string_or_null (object, "email", pd_person_get_email (person));
  return object;
}

static GDateTime *
parse_time (const char *text)
{
  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/* Sets what the portal says about a case; its person, employer and permit are the
 * caller's to set. */
void
pd_sync_map_apply_case (PdCase     *item,
                        JsonObject *wire)
{
  g_autoptr(GDateTime) submitted_at = parse_time (get_string (wire, "submitted_at"));
  g_autoptr(GDate) due = parse_date (get_string (wire, "due_date"));
  g_autoptr(GDate) submitted = NULL;
  int value;

  g_return_if_fail (PD_IS_CASE (item));
  g_return_if_fail (wire != NULL);

  g_object_freeze_notify (G_OBJECT (item));
  if (enum_from_nick (PD_TYPE_CASE_KIND, get_string (wire, "kind"), &value))
    pd_case_set_kind (item, value);
  if (enum_from_nick (PD_TYPE_CASE_STATUS, get_string (wire, "status"), &value))
    pd_case_set_status (item, value);
  if (enum_from_nick (PD_TYPE_PERMIT_CATEGORY, get_string (wire, "category"), &value))
    pd_case_set_category (item, value);
  pd_case_set_city (item, get_string (wire, "city"));
  pd_case_set_notes (item, get_string (wire, "notes"));
  pd_case_set_next_deadline (item, due);
  if (submitted_at != NULL)
    {
      submitted = g_date_new_dmy (g_date_time_get_day_of_month (submitted_at),
                                  g_date_time_get_month (submitted_at),
                                  g_date_time_get_year (submitted_at));
    }
  pd_case_set_submitted_on (item, submitted);
  pd_case_set_remote_id (item, get_string (wire, "id"));
  pd_case_set_version (item, json_object_get_int_member_with_default (wire, "version", 0));
  g_object_thaw_notify (G_OBJECT (item));
}

PdPerson *
pd_sync_map_new_person (const char *local_id,
                        JsonObject *wire)
{
  PdPerson *person = g_object_new (PD_TYPE_PERSON, "id", local_id, NULL);
  const char *family = get_string (wire, "family_name");
  const char *given = get_string (wire, "given_names");
  g_autofree char *latin = NULL;
  g_autoptr(GDate) birth = parse_date (get_string (wire, "birth_date"));

  latin = given != NULL ? g_strconcat (given, " ", family, NULL) : g_strdup (family);
  pd_person_set_name_latin (person, latin);
  pd_person_set_name_zh (person, get_string (wire, "name_zh"));
  pd_person_set_nationality (person, get_string (wire, "nationality"));
  pd_person_set_passport_number (person, get_string (wire, "passport_number"));
  pd_person_set_date_of_birth (person, birth);
  pd_person_set_email (person, get_string (wire, "email"));
  return person;
}

/* PermitDesk's employer name is the registered (Chinese) one, with the English
 * name beside it; the portal has it the other way round. */
PdEmployer *
pd_sync_map_new_employer (const char *local_id,
                          JsonObject *wire)
{
  PdEmployer *employer = g_object_new (PD_TYPE_EMPLOYER, "id", local_id, NULL);
  const char *name_zh = get_string (wire, "name_zh");

  pd_employer_set_name (employer, name_zh != NULL ? name_zh : get_string (wire, "name"));
  pd_employer_set_name_en (employer, get_string (wire, "name"));
  pd_employer_set_uscc (employer, get_string (wire, "credit_code"));
  pd_employer_set_city (employer, get_string (wire, "city"));
  return employer;
}

/* A permit's id is its number, on the portal and here. */
PdPermit *
pd_sync_map_new_permit (JsonObject *wire)
{
  const char *number = get_string (wire, "number");
  PdPermit *permit = g_object_new (PD_TYPE_PERMIT, "id", number, NULL);
  g_autoptr(GDate) from = parse_date (get_string (wire, "valid_from"));
  g_autoptr(GDate) until = parse_date (get_string (wire, "valid_until"));
  int value;

  pd_permit_set_number (permit, number);
  if (enum_from_nick (PD_TYPE_PERMIT_CATEGORY, get_string (wire, "category"), &value))
    pd_permit_set_category (permit, value);
  if (enum_from_nick (PD_TYPE_PERMIT_STATUS, get_string (wire, "status"), &value))
    pd_permit_set_status (permit, value);
  pd_permit_set_valid_from (permit, from);
  pd_permit_set_valid_until (permit, until);
  return permit;
}

/* An absent member and a null one mean the same on the wire. */
gboolean
pd_sync_map_member_equal (JsonObject *a,
                          JsonObject *b,
                          const char *member)
{
  JsonNode *x = json_object_get_member (a, member);
  JsonNode *y = json_object_get_member (b, member);
  gboolean x_null = x == NULL || JSON_NODE_HOLDS_NULL (x);
  gboolean y_null = y == NULL || JSON_NODE_HOLDS_NULL (y);

  if (x_null || y_null)
    return x_null == y_null;
  return json_node_equal (x, y);
}

/* Whether every member of @part has the same value in @whole. */
gboolean
pd_sync_map_contains (JsonObject *whole,
                      JsonObject *part)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, part);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (!pd_sync_map_member_equal (whole, part, member))
        return FALSE;
    }
  return TRUE;
}

char *
pd_sync_map_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* NULL when @text is not a JSON object (a damaged row). */
JsonObject *
pd_sync_map_from_string (const char *text)
{
  g_autoptr(JsonNode) node = text != NULL ? json_from_string (text, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}
