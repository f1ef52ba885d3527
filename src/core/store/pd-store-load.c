/* pd-store-load.c: reading every case at open, fast (internal to the store)
 *
 * An employer with 100,000 cases must see them in well under a second, so the
 * load reads each table with one prepared query, by column position, and fills
 * objects through their typed setters before anyone listens to them. Rows are
 * joined in memory by id. The list is then ordered by next deadline and name
 * with each name's collation key computed once, not once per comparison.
 * Documents and filings (two or more rows per case) are read per case when
 * first asked for: reading them all took a third of the load and of the memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-core.h"
#include "pd-enum-types.h"
#include "pd-model.h"
#include "pd-model-private.h"
#include "pd-store-load.h"

static const char SQL_SELECT_EMPLOYERS[] =
  "SELECT id, name, name_en, uscc, city FROM employers";

static const char SQL_SELECT_PERSONS[] =
  "SELECT id, name_zh, name_latin, nationality, passport_number, date_of_birth, email FROM persons";

static const char SQL_SELECT_PERMITS[] =
  "SELECT id, number, category, valid_from, valid_until, status FROM permits";

static const char SQL_SELECT_CASES[] =
  "SELECT id, kind, status, city, category, person_id, employer_id, permit_id, legacy_card,"
  " submitted_on, next_deadline, notes, remote_id, version, created_at, updated_at, is_demo"
  " FROM cases";

static const char SQL_SELECT_DOCUMENTS[] =
  "SELECT case_id, id, kind, title, state, authentication, file_path, sha256, expires_on"
  " FROM documents WHERE case_id = ? ORDER BY position";

static const char SQL_SELECT_FILINGS[] =
  "SELECT case_id, id, city, office, appointment, done, notes FROM filings WHERE case_id = ? ORDER BY position";

/* What the loaded cases read their lists from: shared by all of them, and
 * detached when the store goes (the cases may outlive it). */
typedef struct {
  gatomicrefcount  ref_count;
  PdStore         *store;
} ListsSource;

/* The rows of one referenced table by id, and in the order they were read:
 * cases are mostly written with their person and permit, so each reference
 * is usually the row after the last one found, checked without hashing. */
typedef struct {
  GPtrArray  *objects;  /* owned, in the order read */
  GPtrArray  *ids;      /* each object's id, borrowed from it */
  GHashTable *by_id;    /* id -> its position + 1 */
  guint       next;     /* the row after the last one found */
} Rows;

/* One load: the tables read so far, and whether every value could be read. */
typedef struct {
  PdStore      *store;
  ListsSource  *source;
  sqlite3_stmt *stmt;
  gboolean      bad_value;
  Rows          employers;  /* PdEmployer */
  Rows          persons;    /* PdPerson */
  Rows          permits;    /* PdPermit */
  GPtrArray    *ordered;    /* PdCase */
  GEnumClass   *enums[4];   /* the enum classes read so far, referenced once */
} Load;

static const char *
text (Load *load,
      int   column)
{
  return (const char *) sqlite3_column_text (load->stmt, column);
}

/* @n decimal digits at @text into @value; FALSE if any is not a digit.
 * Half a million dates are read at open: sscanf() took a tenth of it. */
static gboolean
digits (const char *text,
        guint       n,
        int        *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }

  return TRUE;
}

/* "YYYY-MM-DD" at @text, followed by @end. */
static gboolean
parse_date (const char *text,
            char        end,
            int        *year,
            int        *month,
            int        *day)
{
  return digits (text, 4, year) && text[4] == '-' && digits (text + 5, 2, month) && text[7] == '-' &&
         digits (text + 8, 2, day) && text[10] == end;
}

/* A YYYY-MM-DD column into @date; FALSE when NULL (and flags a bad value). */
static gboolean
date (Load  *load,
      int    column,
      GDate *date)
{
  const char *value = text (load, column);
  int year, month, day;

  g_date_clear (date, 1);
  if (value == NULL)
    return FALSE;

  if (!parse_date (value, '\0', &year, &month, &day) || !g_date_valid_dmy (day, month, year))
    {
      load->bad_value = TRUE;
      return FALSE;
    }

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* ISO 8601 as the store writes it (UTC, "Z"), parsed directly; anything else
 * through GLib's full parser. NULL for NULL. */
static GDateTime *
date_time (Load *load,
           int   column)
{
  const char *value = text (load, column);
  int year, month, day, hour, minute, second;
  double seconds = 0;
  char *end = NULL;
  GDateTime *parsed;

  if (value == NULL)
    return NULL;

  /* The store's own form, YYYY-MM-DDTHH:MM:SS[.ffffff]Z, read directly. */
  if (parse_date (value, 'T', &year, &month, &day) && digits (value + 11, 2, &hour) && value[13] == ':' &&
      digits (value + 14, 2, &minute) && value[16] == ':' && digits (value + 17, 2, &second))
    seconds = g_ascii_strtod (value + 17, &end);
  if (end != NULL && g_str_equal (end, "Z"))
    parsed = g_date_time_new_utc (year, month, day, hour, minute, seconds);
  else
    parsed = g_date_time_new_from_iso8601 (value, NULL);

  load->bad_value |= parsed == NULL;
  return parsed;
}

/* The class of @type, referenced for the whole load. */
static GEnumClass *
enum_class (Load  *load,
            GType  type)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (load->enums) && load->enums[i] != NULL; i++)
    if (G_TYPE_FROM_CLASS (load->enums[i]) == type)
      return load->enums[i];

  g_assert (i < G_N_ELEMENTS (load->enums));
  load->enums[i] = g_type_class_ref (type);
  return load->enums[i];
}

static void
release_enums (Load *load)
{
  for (guint i = 0; i < G_N_ELEMENTS (load->enums); i++)
    g_clear_pointer (&load->enums[i], g_type_class_unref);
}

static int
enum_value (Load  *load,
            GType  type,
            int    column)
{
  GEnumClass *klass = enum_class (load, type);
  const char *nick = text (load, column);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (value == NULL)
    {
      load->bad_value = TRUE;
      return 0;
    }

  return value->value;
}

static void
init_rows (Rows *rows)
{
  rows->objects = g_ptr_array_new_with_free_func (g_object_unref);
  rows->ids = g_ptr_array_new ();
  rows->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  rows->next = 0;
}

static void
clear_rows (Rows *rows)
{
  g_hash_table_unref (rows->by_id);
  g_ptr_array_unref (rows->ids);
  g_ptr_array_unref (rows->objects);
}

static void
add_row (Rows       *rows,
         const char *id,
         gpointer    object)
{
  g_ptr_array_add (rows->objects, object);
  g_ptr_array_add (rows->ids, (gpointer) id);
  g_hash_table_insert (rows->by_id, (gpointer) id, GUINT_TO_POINTER (rows->objects->len));
}

static void
load_employer (Load *load)
{
  PdEmployer *employer = g_object_new (PD_TYPE_EMPLOYER, "id", text (load, 0), NULL);

  pd_employer_set_name (employer, text (load, 1));
  pd_employer_set_name_en (employer, text (load, 2));
  pd_employer_set_uscc (employer, text (load, 3));
  pd_employer_set_city (employer, text (load, 4));
  add_row (&load->employers, pd_employer_get_id (employer), employer);
}

static void
load_person (Load *load)
{
  PdPerson *person = g_object_new (PD_TYPE_PERSON, "id", text (load, 0), NULL);
  GDate birth;

  pd_person_set_name_zh (person, text (load, 1));
  pd_person_set_name_latin (person, text (load, 2));
  pd_person_set_nationality (person, text (load, 3));
  pd_person_set_passport_number (person, text (load, 4));
  if (date (load, 5, &birth))
    pd_person_set_date_of_birth (person, &birth);
  pd_person_set_email (person, text (load, 6));
  add_row (&load->persons, pd_person_get_id (person), person);
}

static void
load_permit (Load *load)
{
  PdPermit *permit = g_object_new (PD_TYPE_PERMIT, "id", text (load, 0), NULL);
  GDate day;

  pd_permit_set_number (permit, text (load, 1));
  pd_permit_set_category (permit, enum_value (load, PD_TYPE_PERMIT_CATEGORY, 2));
  if (date (load, 3, &day))
    pd_permit_set_valid_from (permit, &day);
  if (date (load, 4, &day))
    pd_permit_set_valid_until (permit, &day);
  pd_permit_set_status (permit, enum_value (load, PD_TYPE_PERMIT_STATUS, 5));
  add_row (&load->permits, pd_permit_get_id (permit), permit);
}

/* A reference column: NULL stays NULL, an id that names no row is damage. */
static gpointer
resolve (Load *load,
         Rows *rows,
         int   column)
{
  const char *id = text (load, column);
  guint position;

  if (id == NULL)
    return NULL;

  if (rows->next < rows->ids->len && g_str_equal (g_ptr_array_index (rows->ids, rows->next), id))
    return g_ptr_array_index (rows->objects, rows->next++);

  position = GPOINTER_TO_UINT (g_hash_table_lookup (rows->by_id, id));
  if (position == 0)
    {
      load->bad_value = TRUE;
      return NULL;
    }
  rows->next = position;
  return g_ptr_array_index (rows->objects, position - 1);
}

static gboolean load_lists (gpointer    data,
                            PdCase     *item,
                            GListStore *documents,
                            GListStore *filings);

static void
release_source (gpointer data)
{
  ListsSource *source = data;

  if (g_atomic_ref_count_dec (&source->ref_count))
    g_free (source);
}

static const PdCaseListsLoader lists_loader = { load_lists, release_source };

static void
load_case (Load *load)
{
  PdCase *item = pd_case_new_for_load (text (load, 0));
  PdPerson *person = resolve (load, &load->persons, 5);
  g_autoptr(GDateTime) created_at = date_time (load, 14);
  g_autoptr(GDateTime) updated_at = date_time (load, 15);
  GDate day;

  pd_case_set_kind (item, enum_value (load, PD_TYPE_CASE_KIND, 1));
  pd_case_set_status (item, enum_value (load, PD_TYPE_CASE_STATUS, 2));
  pd_case_set_city (item, text (load, 3));
  pd_case_set_category (item, enum_value (load, PD_TYPE_PERMIT_CATEGORY, 4));
  if (person != NULL)
    pd_case_set_person (item, person);
  else
    load->bad_value = TRUE;
  pd_case_set_employer (item, resolve (load, &load->employers, 6));
  pd_case_set_permit (item, resolve (load, &load->permits, 7));
  pd_case_set_legacy_card (item, sqlite3_column_int (load->stmt, 8) != 0);
  if (date (load, 9, &day))
    pd_case_set_submitted_on (item, &day);
  if (date (load, 10, &day))
    pd_case_set_next_deadline (item, &day);
  pd_case_set_notes (item, text (load, 11));
  pd_case_set_remote_id (item, text (load, 12));
  pd_case_set_version (item, sqlite3_column_int64 (load->stmt, 13));
  if (created_at != NULL)
    pd_case_set_created_at (item, created_at);
  if (updated_at != NULL)
    pd_case_set_updated_at (item, updated_at);
  pd_case_set_is_demo (item, sqlite3_column_int (load->stmt, 16) != 0);
  g_atomic_ref_count_inc (&load->source->ref_count);
  pd_case_set_lists_loader (item, &lists_loader, load->source);

  g_ptr_array_add (load->ordered, item);
}

static void
load_document (Load       *load,
               GListStore *documents)
{
  g_autoptr(PdDocument) document = g_object_new (PD_TYPE_DOCUMENT, "id", text (load, 1), NULL);
  GDate expires;

  pd_document_set_kind (document, text (load, 2));
  pd_document_set_title (document, text (load, 3));
  pd_document_set_state (document, enum_value (load, PD_TYPE_DOCUMENT_STATE, 4));
  pd_document_set_authentication (document, enum_value (load, PD_TYPE_DOCUMENT_AUTH, 5));
  pd_document_set_file_path (document, text (load, 6));
  pd_document_set_sha256 (document, text (load, 7));
  if (date (load, 8, &expires))
    pd_document_set_expires_on (document, &expires);

  g_list_store_append (documents, document);
}

static void
load_filing (Load       *load,
             GListStore *filings)
{
  g_autoptr(PdFiling) filing = g_object_new (PD_TYPE_FILING, "id", text (load, 1), NULL);
  g_autoptr(GDateTime) appointment = date_time (load, 4);

  pd_filing_set_city (filing, text (load, 2));
  pd_filing_set_office (filing, text (load, 3));
  if (appointment != NULL)
    pd_filing_set_appointment (filing, appointment);
  pd_filing_set_done (filing, sqlite3_column_int (load->stmt, 5) != 0);
  pd_filing_set_notes (filing, text (load, 6));

  g_list_store_append (filings, filing);
}

/* The rows of one list of @case_id into @list. */
static gboolean
load_list (Load        *load,
           const char  *sql,
           const char  *case_id,
           void       (*load_row) (Load *, GListStore *),
           GListStore  *list)
{
  g_autoptr(GError) error = NULL;
  int rc;

  load->stmt = pd_store_prepare (load->store, sql, &error);
  if (load->stmt == NULL || sqlite3_bind_text (load->stmt, 1, case_id, -1, SQLITE_STATIC) != SQLITE_OK)
    {
      g_warning ("Cannot read the documents of a case: %s", error ? error->message : "bind failed");
      return FALSE;
    }

  while ((rc = sqlite3_step (load->stmt)) == SQLITE_ROW && !load->bad_value)
    load_row (load, list);
  sqlite3_reset (load->stmt);
  sqlite3_clear_bindings (load->stmt);

  if (load->bad_value || rc != SQLITE_DONE)
    {
      g_warning ("Cannot read the documents of a case: %s",
                 load->bad_value ? "a value this version does not understand"
                                 : sqlite3_errmsg (pd_store_get_db (load->store)));
      return FALSE;
    }

  return TRUE;
}

/* The lists of one case, when it is first asked for them. */
static gboolean
load_lists (gpointer    data,
            PdCase     *item,
            GListStore *documents,
            GListStore *filings)
{
  ListsSource *source = data;
  Load load = { .store = source->store };
  gboolean ok;

  if (source->store == NULL)
    {
      g_warning ("Cannot read the documents of a case: its store is closed");
      return FALSE;
    }

  ok = load_list (&load, SQL_SELECT_DOCUMENTS, pd_case_get_id (item), load_document, documents) &&
       load_list (&load, SQL_SELECT_FILINGS, pd_case_get_id (item), load_filing, filings);
  release_enums (&load);
  return ok;
}

static void
detach_source (gpointer data)
{
  ListsSource *source = data;

  source->store = NULL;
  release_source (source);
}

static gboolean
load_table (Load        *load,
            const char  *sql,
            void       (*load_row) (Load *),
            GError     **error)
{
  int rc;

  load->stmt = pd_store_prepare (load->store, sql, error);
  if (load->stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (load->stmt)) == SQLITE_ROW && !load->bad_value)
    load_row (load);

  /* A failure part-way (busy, I/O, memory) must not pass for a complete load: the
   * error is read before the reset, and the query is never stepped again. */
  if (rc != SQLITE_DONE && !load->bad_value)
    {
      sqlite3 *db = pd_store_get_db (load->store);

      g_set_error (error, PD_STORE_ERROR, PD_STORE_ERROR_FAILED,
                   _("Could not read the database “%s”: %s. Nothing was changed; try again, "
                     "or restore the database from a backup."),
                   sqlite3_db_filename (db, "main"), sqlite3_errmsg (db));
      sqlite3_reset (load->stmt);
      return FALSE;
    }
  sqlite3_reset (load->stmt);

  if (load->bad_value)
    {
      g_debug ("Unreadable value in: %s", sql);
      g_set_error_literal (error, PD_STORE_ERROR, PD_STORE_ERROR_CORRUPT,
                           _("The database holds a value this version of PermitDesk does not "
                             "understand. Update PermitDesk, or restore the database from a backup."));
      return FALSE;
    }

  return TRUE;
}

typedef struct {
  gint32      day;     /* julian day of the next deadline, G_MAXINT32 without one */
  guint64     prefix;  /* of key, compared first: most comparisons read no string */
  char       *key;     /* collation key of the display name */
  const char *id;
  PdCase     *item;
} SortEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *x = a, *y = b;
  int result;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (x->prefix != y->prefix)
    return x->prefix < y->prefix ? -1 : 1;
  result = strcmp (x->key, y->key);
  if (result != 0)
    return result;
  return strcmp (x->id, y->id);
}

/* The order of pd_case_compare_by_deadline(), with each key computed once. */
static void
append_sorted (Load       *load,
               PdCaseList *cases)
{
  guint n = load->ordered->len;
  g_autofree SortEntry *entries = g_new (SortEntry, n);

  for (guint i = 0; i < n; i++)
    {
      PdCase *item = g_ptr_array_index (load->ordered, i);
      GDate *deadline = pd_case_get_next_deadline (item);
      g_autofree char *name = pd_person_dup_display_name (pd_case_get_person (item));

      entries[i].item = item;
      entries[i].id = pd_case_get_id (item);
      entries[i].day = deadline != NULL ? (gint32) g_date_get_julian (deadline) : G_MAXINT32;
      entries[i].key = g_utf8_collate_key (name, -1);
      entries[i].prefix = pd_core_string_sort_key (entries[i].key);
    }

  qsort (entries, n, sizeof (SortEntry), compare_entries);
  for (guint i = 0; i < n; i++)
    {
      g_free (entries[i].key);
      g_ptr_array_index (load->ordered, i) = entries[i].item;
    }
  pd_case_list_append_all (cases, (PdCase * const *) load->ordered->pdata, n);
}

/* Loads every case into @cases (empty); on failure @cases stays empty. */
gboolean
pd_store_load_all (PdStore     *self,
                   PdCaseList  *cases,
                   GError     **error)
{
  ListsSource *source = g_new0 (ListsSource, 1);
  Load load = {
    .store = self,
    .source = source,
    .ordered = g_ptr_array_new_with_free_func (g_object_unref),
  };
  gboolean ok;

  init_rows (&load.employers);
  init_rows (&load.persons);
  init_rows (&load.permits);
  /* The store's reference, dropped when the store goes. */
  g_atomic_ref_count_init (&source->ref_count);
  source->store = self;

  ok = load_table (&load, SQL_SELECT_EMPLOYERS, load_employer, error) &&
       load_table (&load, SQL_SELECT_PERSONS, load_person, error) &&
       load_table (&load, SQL_SELECT_PERMITS, load_permit, error) &&
       load_table (&load, SQL_SELECT_CASES, load_case, error);
  if (ok)
    append_sorted (&load, cases);

  g_object_set_data_full (G_OBJECT (self), "pd-store-lists-source", source, detach_source);

  clear_rows (&load.employers);
  clear_rows (&load.persons);
  clear_rows (&load.permits);
  g_ptr_array_unref (load.ordered);
  release_enums (&load);
  return ok;
}
