/* pd-store-row.c: maps model object properties to table rows and back
 *
 * A column or a named parameter (":name_zh") stands for the property of the same
 * name ("name-zh"). The SQL stays fixed text with every column spelled out; binding
 * and reading go through the properties, so every field of every type round-trips
 * the same way: enums as their nick, dates as YYYY-MM-DD, timestamps as ISO 8601 UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "pd-store.h"
#include "pd-store-row.h"

static char *
property_name_for (const char *column)
{
  char *name = g_strdup (column[0] == ':' ? column + 1 : column);

  g_strdelimit (name, "_", '-');
  return name;
}

static int
parameter_index (sqlite3_stmt *stmt,
                 const char   *name)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  g_assert (index > 0);
  return index;
}

gboolean
pd_store_row_bind_text (sqlite3_stmt *stmt,
                        const char   *name,
                        const char   *value)
{
  int index = parameter_index (stmt, name);

  if (value == NULL)
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;

  return sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT) == SQLITE_OK;
}

gboolean
pd_store_row_bind_int (sqlite3_stmt *stmt,
                       const char   *name,
                       gint64        value)
{
  return sqlite3_bind_int64 (stmt, parameter_index (stmt, name), value) == SQLITE_OK;
}

static char *
format_date_time (GDateTime *value)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (value);

  return g_date_time_format_iso8601 (utc);
}

gboolean
pd_store_row_bind_date_time (sqlite3_stmt *stmt,
                             const char   *name,
                             GDateTime    *value)
{
  g_autofree char *text = value != NULL ? format_date_time (value) : NULL;

  return pd_store_row_bind_text (stmt, name, text);
}

static gboolean
bind_value (sqlite3_stmt *stmt,
            int           index,
            GParamSpec   *pspec,
            const GValue *value)
{
  GType type = pspec->value_type;
  g_autofree char *text = NULL;

  if (type == G_TYPE_BOOLEAN)
    return sqlite3_bind_int (stmt, index, g_value_get_boolean (value)) == SQLITE_OK;
  if (type == G_TYPE_INT64)
    return sqlite3_bind_int64 (stmt, index, g_value_get_int64 (value)) == SQLITE_OK;

  if (type == G_TYPE_STRING)
    {
      text = g_value_dup_string (value);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumValue *enum_value = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                                 g_value_get_enum (value));

      g_assert (enum_value != NULL);
      text = g_strdup (enum_value->value_nick);
    }
  else if (type == G_TYPE_DATE)
    {
      const GDate *date = g_value_get_boxed (value);

      if (date != NULL)
        text = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                                g_date_get_month (date), g_date_get_day (date));
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *date_time = g_value_get_boxed (value);

      if (date_time != NULL)
        text = format_date_time (date_time);
    }
  else
    {
      g_assert_not_reached ();
    }

  if (text == NULL)
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;

  return sqlite3_bind_text (stmt, index, g_steal_pointer (&text), -1, g_free) == SQLITE_OK;
}

/* Binds every named parameter of @stmt that names a property of @object; the
 * others (a case id, a position...) are left to the caller. */
gboolean
pd_store_row_bind_object (sqlite3_stmt *stmt,
                          GObject      *object)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);
  int n_parameters = sqlite3_bind_parameter_count (stmt);

  for (int index = 1; index <= n_parameters; index++)
    {
      const char *name = sqlite3_bind_parameter_name (stmt, index);
      g_autofree char *property = NULL;
      g_auto(GValue) value = G_VALUE_INIT;
      GParamSpec *pspec;

      if (name == NULL)
        continue;

      property = property_name_for (name);
      pspec = g_object_class_find_property (klass, property);
      if (pspec == NULL || g_type_is_a (pspec->value_type, G_TYPE_OBJECT))
        continue;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (object, property, &value);
      if (!bind_value (stmt, index, pspec, &value))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  unsigned int year, month, day;
  char end;

  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static gboolean
read_value (sqlite3_stmt *stmt,
            int           column,
            GParamSpec   *pspec,
            GValue       *value)
{
  GType type = pspec->value_type;
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, sqlite3_column_int (stmt, column) != 0);
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, sqlite3_column_int64 (stmt, column));
  else if (type == G_TYPE_STRING)
    g_value_set_string (value, text);
  else if (text == NULL)
    return !G_TYPE_IS_ENUM (type);
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumValue *enum_value = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, text);

      if (enum_value == NULL)
        return FALSE;
      g_value_set_enum (value, enum_value->value);
    }
  else if (type == G_TYPE_DATE)
    {
      GDate date;

      if (!parse_date (text, &date))
        return FALSE;
      g_value_set_boxed (value, &date);
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *date_time = g_date_time_new_from_iso8601 (text, NULL);

      if (date_time == NULL)
        return FALSE;
      g_value_take_boxed (value, date_time);
    }
  else
    g_assert_not_reached ();

  return TRUE;
}

/* The text of @column in the current row, NULL when NULL or absent. */
const char *
pd_store_row_get_text (sqlite3_stmt *stmt,
                       const char   *column)
{
  int n_columns = sqlite3_column_count (stmt);

  for (int i = 0; i < n_columns; i++)
    if (g_str_equal (sqlite3_column_name (stmt, i), column))
      return (const char *) sqlite3_column_text (stmt, i);

  return NULL;
}

/* A new object of @type with its id and every property that has a column in the
 * current row; columns that are not properties (case_id, person_id...) are skipped. */
GObject *
pd_store_row_new_object (sqlite3_stmt  *stmt,
                         GType          type,
                         GError       **error)
{
  g_autoptr(GObject) object = g_object_new (type, "id", pd_store_row_get_text (stmt, "id"), NULL);
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);
  int n_columns = sqlite3_column_count (stmt);

  g_object_freeze_notify (object);
  for (int column = 0; column < n_columns; column++)
    {
      g_autofree char *property = property_name_for (sqlite3_column_name (stmt, column));
      GParamSpec *pspec = g_object_class_find_property (klass, property);
      g_auto(GValue) value = G_VALUE_INIT;

      if (pspec == NULL || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) ||
          g_type_is_a (pspec->value_type, G_TYPE_OBJECT))
        continue;

      g_value_init (&value, pspec->value_type);
      if (!read_value (stmt, column, pspec, &value))
        {
          g_debug ("Unreadable %s of a %s", sqlite3_column_name (stmt, column), g_type_name (type));
          g_set_error_literal (error, PD_STORE_ERROR, PD_STORE_ERROR_CORRUPT,
                               _("The database holds a value this version of PermitDesk does not "
                                 "understand. Update PermitDesk, or restore the database from a backup."));
          g_object_thaw_notify (object);
          return NULL;
        }
      g_object_set_property (object, property, &value);
    }
  g_object_thaw_notify (object);

  return g_steal_pointer (&object);
}
