/* pd-case-csv.c: cases to and from CSV files (bulk import with a preview, export)
 *
 * An import is read and checked in full before anything is written: every row
 * gets its list of errors (bad values, rules of the model, duplicates of another
 * row or of a case already stored), and only a confirmed import writes, all rows
 * in one transaction. Export writes the columns import reads, so a file goes
 * round trip; kinds and statuses are their portal nicks, dates YYYY-MM-DD.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-hr"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pd-case-csv.h"
#include "pd-core.h"
#include "pd-csv.h"
#include "pd-enum-types.h"

typedef enum {
  COL_NAME_LATIN,
  COL_NAME_ZH,
  COL_NATIONALITY,
  COL_PASSPORT_NUMBER,
  COL_DATE_OF_BIRTH,
  COL_EMAIL,
  COL_KIND,
  COL_STATUS,
  COL_CITY,
  COL_CATEGORY,
  COL_LEGACY_CARD,
  COL_PERMIT_NUMBER,
  COL_PERMIT_VALID_UNTIL,
  COL_NEXT_DEADLINE,
  COL_NOTES,
  N_COLUMNS
} Column;

static const char * const column_names[N_COLUMNS] = {
  "name_latin", "name_zh", "nationality", "passport_number", "date_of_birth", "email",
  "kind", "status", "city", "category", "legacy_card", "permit_number",
  "permit_valid_until", "next_deadline", "notes",
};

struct _PdCaseImport
{
  GObject    parent_instance;

  PdStore   *store;
  GPtrArray *rows;   /* PdImportRow */
};

G_DEFINE_FINAL_TYPE (PdCaseImport, pd_case_import, G_TYPE_OBJECT)

G_DEFINE_QUARK (pd-case-csv-error-quark, pd_case_csv_error)

static void
import_row_free (PdImportRow *row)
{
  g_clear_object (&row->item);
  g_free (row->name);
  g_ptr_array_unref (row->errors);
  g_free (row);
}

static void
pd_case_import_finalize (GObject *object)
{
  PdCaseImport *self = (PdCaseImport *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_case_import_parent_class)->finalize (object);
}

static void
pd_case_import_class_init (PdCaseImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_case_import_finalize;
}

static void
pd_case_import_init (PdCaseImport *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) import_row_free);
}

/* Duplicates are looked for against the cases of @store as well as within the file. */
PdCaseImport *
pd_case_import_new (PdStore *store)
{
  PdCaseImport *self;

  g_return_val_if_fail (PD_IS_STORE (store), NULL);

  self = g_object_new (PD_TYPE_CASE_IMPORT, NULL);
  self->store = g_object_ref (store);
  return self;
}

/* "Passport Number", "passport-number" and "passport_number" are one column. */
static int
column_for_header (const char *header)
{
  g_autofree char *key = g_strstrip (g_ascii_strdown (header, -1));

  g_strdelimit (key, " -", '_');
  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_str_equal (key, column_names[i]))
      return i;

  return -1;
}

static gboolean
map_columns (char   **header,
             int     *positions,
             GError **error)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    positions[i] = -1;

  for (guint i = 0; header[i] != NULL; i++)
    {
      int column = column_for_header (header[i]);

      if (column >= 0 && positions[column] < 0)
        positions[column] = i;
    }

  if ((positions[COL_NAME_LATIN] < 0 && positions[COL_NAME_ZH] < 0) ||
      positions[COL_NATIONALITY] < 0 || positions[COL_PASSPORT_NUMBER] < 0 || positions[COL_KIND] < 0)
    {
      g_set_error_literal (error, PD_CASE_CSV_ERROR, PD_CASE_CSV_ERROR_COLUMNS,
                           _("The first row must name the columns, with at least name_latin or "
                             "name_zh, nationality, passport_number and kind."));
      return FALSE;
    }

  return TRUE;
}

/* The cell of @column in @fields, trimmed; NULL when absent or blank. A leading
 * apostrophe that export added to defuse a formula is taken off again. */
static char *
cell (char      **fields,
      const int  *positions,
      Column      column)
{
  int position = positions[column];
  char *text;

  if (position < 0 || position >= (int) g_strv_length (fields))
    return NULL;

  text = g_strstrip (g_strdup (fields[position]));
  if (text[0] == '\'' && text[1] != '\0' && strchr ("=+-@", text[1]) != NULL)
    memmove (text, text + 1, strlen (text));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
add_error (PdImportRow *row,
           const char  *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
add_error (PdImportRow *row,
           const char  *format,
           ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (row->errors, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  unsigned int year, month, day;
  char end;

  g_date_clear (date, 1);
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 &&
      sscanf (text, "%4u/%2u/%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* An enum value from its nick ("new-permit") or its label in the user's language. */
static gboolean
parse_enum (GType         type,
            const char   *text,
            const char *(*label) (int),
            int          *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; i < klass->n_values; i++)
    {
      g_autofree char *folded_label = g_utf8_casefold (label (klass->values[i].value), -1);

      if (g_ascii_strcasecmp (klass->values[i].value_nick, text) == 0 ||
          g_str_equal (folded_label, folded))
        {
          *value = klass->values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *
kind_label (int value)
{
  return pd_case_kind_to_label (value);
}

static const char *
status_label (int value)
{
  return pd_case_status_to_label (value);
}

static gboolean
parse_bool (const char *text,
            gboolean   *value)
{
  static const char * const yes[] = { "yes", "true", "1", "y", "是", NULL };
  static const char * const no[] = { "no", "false", "0", "n", "否", NULL };
  g_autofree char *down = g_ascii_strdown (text, -1);

  *value = g_strv_contains (yes, down);
  return *value || g_strv_contains (no, down);
}

static void
read_date_cell (PdImportRow *row,
                char       **fields,
                const int   *positions,
                Column       column,
                GDate       *date)
{
  g_autofree char *text = cell (fields, positions, column);

  g_date_clear (date, 1);
  if (text != NULL && !parse_date (text, date))
    add_error (row, _("%s: “%s” is not a date; write it as year-month-day, e.g. 2025-03-31."),
               column_names[column], text);
}

static void
read_person (PdImportRow *row,
             char       **fields,
             const int   *positions,
             PdPerson    *person)
{
  g_autofree char *latin = cell (fields, positions, COL_NAME_LATIN);
  g_autofree char *zh = cell (fields, positions, COL_NAME_ZH);
  g_autofree char *nationality = cell (fields, positions, COL_NATIONALITY);
  g_autofree char *passport = cell (fields, positions, COL_PASSPORT_NUMBER);
  g_autofree char *email = cell (fields, positions, COL_EMAIL);
  GDate birth;

  pd_person_set_name_latin (person, latin);
  pd_person_set_name_zh (person, zh);
  if (nationality != NULL)
    {
      g_autofree char *upper = g_ascii_strup (nationality, -1);

      pd_person_set_nationality (person, upper);
    }
  pd_person_set_passport_number (person, passport);
  pd_person_set_email (person, email);
  read_date_cell (row, fields, positions, COL_DATE_OF_BIRTH, &birth);
  if (g_date_valid (&birth))
    pd_person_set_date_of_birth (person, &birth);

  row->name = pd_person_dup_display_name (person);
}

static void
read_enums (PdImportRow *row,
            char       **fields,
            const int   *positions,
            PdCase      *item)
{
  g_autofree char *kind = cell (fields, positions, COL_KIND);
  g_autofree char *status = cell (fields, positions, COL_STATUS);
  g_autofree char *category = cell (fields, positions, COL_CATEGORY);
  g_autofree char *legacy = cell (fields, positions, COL_LEGACY_CARD);
  int value;
  gboolean flag;

  if (kind == NULL)
    add_error (row, _("kind: enter the kind of case, e.g. new-permit or renewal."));
  else if (!parse_enum (PD_TYPE_CASE_KIND, kind, kind_label, &value))
    add_error (row, _("kind: “%s” is not a kind of case; use new-permit, renewal, change, "
                      "cancellation, essc-upgrade or residence-permit."), kind);
  else
    pd_case_set_kind (item, value);

  if (status != NULL && !parse_enum (PD_TYPE_CASE_STATUS, status, status_label, &value))
    add_error (row, _("status: “%s” is not a status, e.g. draft, submitted or approved."), status);
  else if (status != NULL)
    pd_case_set_status (item, value);

  if (category != NULL && (strlen (category) != 1 || strchr ("ABCabc", category[0]) == NULL))
    add_error (row, _("category: “%s” is not a permit category; use A, B or C."), category);
  else if (category != NULL)
    pd_case_set_category (item, g_ascii_toupper (category[0]) - 'A');

  if (legacy != NULL && !parse_bool (legacy, &flag))
    add_error (row, _("legacy_card: “%s” is neither yes nor no."), legacy);
  else if (legacy != NULL)
    pd_case_set_legacy_card (item, flag);
}

static void
read_permit (PdImportRow *row,
             char       **fields,
             const int   *positions,
             PdCase      *item)
{
  g_autofree char *number = cell (fields, positions, COL_PERMIT_NUMBER);
  g_autoptr(PdPermit) permit = NULL;
  GDate valid_until;

  read_date_cell (row, fields, positions, COL_PERMIT_VALID_UNTIL, &valid_until);
  if (number == NULL && !g_date_valid (&valid_until))
    return;

  permit = pd_permit_new ();
  pd_permit_set_number (permit, number);
  pd_permit_set_category (permit, pd_case_get_category (item));
  if (g_date_valid (&valid_until))
    pd_permit_set_valid_until (permit, &valid_until);
  pd_case_set_permit (item, permit);
}

static PdImportRow *
read_row (char     **fields,
          const int *positions,
          guint      number)
{
  PdImportRow *row = g_new0 (PdImportRow, 1);
  g_autoptr(PdCase) item = pd_case_new (PD_CASE_KIND_NEW_PERMIT);
  g_autofree char *city = cell (fields, positions, COL_CITY);
  g_autofree char *notes = cell (fields, positions, COL_NOTES);
  g_autoptr(GError) error = NULL;
  GDate deadline;

  row->row = number;
  row->errors = g_ptr_array_new_with_free_func (g_free);

  read_person (row, fields, positions, pd_case_get_person (item));
  read_enums (row, fields, positions, item);
  read_permit (row, fields, positions, item);
  read_date_cell (row, fields, positions, COL_NEXT_DEADLINE, &deadline);
  if (g_date_valid (&deadline))
    pd_case_set_next_deadline (item, &deadline);
  pd_case_set_city (item, city);
  pd_case_set_notes (item, notes);

  if (row->errors->len == 0 && !pd_case_validate (item, &error))
    add_error (row, "%s", error->message);
  if (row->errors->len == 0)
    row->item = g_steal_pointer (&item);

  return row;
}

static char *
person_key (PdPerson *person)
{
  g_autofree char *passport = g_ascii_strup (pd_person_get_passport_number (person), -1);

  return g_strdup_printf ("%s|%s", pd_person_get_nationality (person), passport);
}

typedef struct {
  GHashTable *persons;  /* nationality|PASSPORT -> row number, 0 for the store */
  GHashTable *permits;  /* permit number -> row number, 0 for the store */
} Seen;

static void
seen_add (Seen   *seen,
          PdCase *item,
          guint   row)
{
  PdPermit *permit = pd_case_get_permit (item);

  if (pd_person_get_passport_number (pd_case_get_person (item)) != NULL)
    g_hash_table_insert (seen->persons, person_key (pd_case_get_person (item)), GUINT_TO_POINTER (row));
  if (permit != NULL && pd_permit_get_number (permit) != NULL)
    g_hash_table_insert (seen->permits, g_strdup (pd_permit_get_number (permit)), GUINT_TO_POINTER (row));
}

static void
seen_add_store (Seen    *seen,
                PdStore *store)
{
  GListModel *cases = pd_store_get_cases (store);
  guint n_cases = g_list_model_get_n_items (cases);

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (cases, i);

      seen_add (seen, item, 0);
    }
}

static void
add_duplicate_error (PdImportRow *row,
                     guint        other,
                     gboolean     same_person)
{
  if (other == 0 && same_person)
    add_error (row, _("The same person (passport number and nationality) already has a case. "
                      "Edit that case, or remove this row."));
  else if (other == 0)
    add_error (row, _("A stored case already has this permit number."));
  else if (same_person)
    add_error (row, _("The same person (passport number and nationality) is already in row %u."), other);
  else
    add_error (row, _("The same permit number is already in row %u."), other);
}

/* Same person (passport + nationality) or same permit number as a stored case or
 * an earlier row: the row is not imported, so that nobody is entered twice. */
static void
check_duplicates (PdCaseImport *self)
{
  Seen seen = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };

  seen_add_store (&seen, self->store);
  for (guint i = 0; i < self->rows->len; i++)
    {
      PdImportRow *row = g_ptr_array_index (self->rows, i);
      PdPermit *permit;
      g_autofree char *key = NULL;
      gpointer other;

      if (row->item == NULL)
        continue;

      key = person_key (pd_case_get_person (row->item));
      permit = pd_case_get_permit (row->item);
      if (g_hash_table_lookup_extended (seen.persons, key, NULL, &other))
        add_duplicate_error (row, GPOINTER_TO_UINT (other), TRUE);
      else if (permit != NULL && pd_permit_get_number (permit) != NULL &&
               g_hash_table_lookup_extended (seen.permits, pd_permit_get_number (permit), NULL, &other))
        add_duplicate_error (row, GPOINTER_TO_UINT (other), FALSE);

      if (row->errors->len > 0)
        g_clear_object (&row->item);
      else
        seen_add (&seen, row->item, row->row);
    }

  g_hash_table_unref (seen.persons);
  g_hash_table_unref (seen.permits);
}

/* Reads and checks every row; nothing is written. FALSE when the file as a whole
 * cannot be read (not UTF-8, no header, missing columns). */
gboolean
pd_case_import_load (PdCaseImport  *self,
                     const char    *data,
                     gsize          length,
                     GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  int positions[N_COLUMNS];

  g_return_val_if_fail (PD_IS_CASE_IMPORT (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  g_ptr_array_set_size (self->rows, 0);
  rows = pd_csv_parse (data, length, error);
  if (rows == NULL || !map_columns (g_ptr_array_index (rows, 0), positions, error))
    return FALSE;

  for (guint i = 1; i < rows->len; i++)
    g_ptr_array_add (self->rows, read_row (g_ptr_array_index (rows, i), positions, i + 1));
  check_duplicates (self);

  return TRUE;
}

gboolean
pd_case_import_load_file (PdCaseImport  *self,
                          GFile         *file,
                          GError       **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (PD_IS_CASE_IMPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return g_file_load_contents (file, NULL, &contents, &length, NULL, error) &&
         pd_case_import_load (self, contents, length, error);
}

guint
pd_case_import_get_n_rows (PdCaseImport *self)
{
  g_return_val_if_fail (PD_IS_CASE_IMPORT (self), 0);

  return self->rows->len;
}

const PdImportRow *
pd_case_import_get_row (PdCaseImport *self,
                        guint         position)
{
  g_return_val_if_fail (PD_IS_CASE_IMPORT (self), NULL);
  g_return_val_if_fail (position < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, position);
}

guint
pd_case_import_get_n_valid (PdCaseImport *self)
{
  guint n_valid = 0;

  g_return_val_if_fail (PD_IS_CASE_IMPORT (self), 0);

  for (guint i = 0; i < self->rows->len; i++)
    n_valid += ((PdImportRow *) g_ptr_array_index (self->rows, i))->item != NULL;

  return n_valid;
}

/* Writes the rows without errors in one transaction and returns their cases
 * (for undo); on failure nothing was written. */
GPtrArray *
pd_case_import_commit (PdCaseImport  *self,
                       GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PD_IS_CASE_IMPORT (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      PdImportRow *row = g_ptr_array_index (self->rows, i);

      if (row->item != NULL)
        g_ptr_array_add (items, g_object_ref (row->item));
    }

  if (items->len == 0)
    {
      g_set_error_literal (error, PD_CASE_CSV_ERROR, PD_CASE_CSV_ERROR_NOTHING_TO_IMPORT,
                           _("No row can be imported: correct the errors listed and try again."));
      return NULL;
    }

  if (!pd_store_save_cases (self->store, (PdCase **) items->pdata, items->len, error))
    return NULL;

  return g_steal_pointer (&items);
}

static char *
format_date (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  return g_enum_get_value (klass, value)->value_nick;
}

static void
append_case (GString *out,
             PdCase  *item)
{
  PdPerson *person = pd_case_get_person (item);
  PdPermit *permit = pd_case_get_permit (item);
  g_autofree char *birth = format_date (pd_person_get_date_of_birth (person));
  g_autofree char *valid_until = permit ? format_date (pd_permit_get_valid_until (permit)) : NULL;
  g_autofree char *deadline = format_date (pd_case_get_next_deadline (item));
  const char *fields[N_COLUMNS] = {
    [COL_NAME_LATIN] = pd_person_get_name_latin (person),
    [COL_NAME_ZH] = pd_person_get_name_zh (person),
    [COL_NATIONALITY] = pd_person_get_nationality (person),
    [COL_PASSPORT_NUMBER] = pd_person_get_passport_number (person),
    [COL_DATE_OF_BIRTH] = birth,
    [COL_EMAIL] = pd_person_get_email (person),
    [COL_KIND] = enum_nick (PD_TYPE_CASE_KIND, pd_case_get_kind (item)),
    [COL_STATUS] = enum_nick (PD_TYPE_CASE_STATUS, pd_case_get_status (item)),
    [COL_CITY] = pd_case_get_city (item),
    [COL_CATEGORY] = (const char *[]) { "A", "B", "C" }[pd_case_get_category (item)],
    [COL_LEGACY_CARD] = pd_case_get_legacy_card (item) ? "yes" : "no",
    [COL_PERMIT_NUMBER] = permit ? pd_permit_get_number (permit) : NULL,
    [COL_PERMIT_VALID_UNTIL] = valid_until,
    [COL_NEXT_DEADLINE] = deadline,
    [COL_NOTES] = pd_case_get_notes (item),
  };

  pd_csv_append_row (out, fields, N_COLUMNS);
}

/* The cases of @cases, in its order, as CSV with a header row. */
GBytes *
pd_case_csv_export (GListModel *cases)
{
  GString *out = g_string_new (NULL);
  guint n_cases;

  g_return_val_if_fail (G_IS_LIST_MODEL (cases), NULL);

  pd_csv_append_row (out, column_names, N_COLUMNS);
  n_cases = g_list_model_get_n_items (cases);
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (cases, i);

      append_case (out, item);
    }

  return g_string_free_to_bytes (out);
}

/* Personal data: the file is written atomically and readable by its owner only. */
gboolean
pd_case_csv_export_file (GListModel  *cases,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (cases), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = pd_case_csv_export (cases);
  return pd_core_write_private_file (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}
