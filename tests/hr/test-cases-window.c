/* test-cases-window.c: the HR workspace in the real window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hr-test-common.h"
#include "pd-application.h"
#include "pd-case-columns.h"
#include "pd-case-detail.h"
#include "pd-case-event.h"
#include "pd-cases-view.h"
#include "pd-csv.h"
#include "pd-import-dialog.h"
#include "pd-test-app.h"
#include "pd-test-util.h"
#include "pd-test-widgets.h"
#include "pd-text-cell.h"
#include "pd-window.h"

#define N_CASES 240

typedef struct {
  char          *data_dir;
  PdApplication *app;
  PdWindow      *window;
  PdCasesView   *view;
} Fixture;

/* A window of a new application over the fixture's data, its summaries made. */
static void
open_window (Fixture *f)
{
  f->app = pd_test_app_start (&f->window);
  f->view = pd_window_get_cases_view (f->window);
  while (!pd_cases_view_is_warm (f->view))
    g_main_context_iteration (NULL, TRUE);
  pd_test_spin (100);
}

static void
close_window (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  pd_test_spin (50);
  g_clear_object (&f->app);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) store = NULL;

  f->data_dir = pd_test_make_tmpdir ("pd-hr-window-XXXXXX");
  g_setenv ("PERMITDESK_DATA_DIR", f->data_dir, TRUE);
  store = pd_store_open (NULL, &error);
  g_assert_no_error (error);
  hr_test_fill_store (store, N_CASES);
  g_clear_object (&store);
  open_window (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.PermitDesk");

  close_window (f);
  /* Each test starts from the stored order. */
  g_settings_reset (settings, "case-sort");
  pd_test_rm_rf (f->data_dir);
  g_free (f->data_dir);
}

static GListModel *
visible (Fixture *f)
{
  return pd_cases_view_get_visible_cases (f->view);
}

static guint
n_visible (Fixture *f)
{
  return g_list_model_get_n_items (visible (f));
}

static PdStore *
store (Fixture *f)
{
  return pd_application_get_store (f->app);
}

/* Reads the database afresh: what is on disk, not what the window holds. */
static guint
n_in_database (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) fresh = pd_store_open (NULL, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (pd_store_get_cases (fresh));
}

static PdCaseStatus
status_in_database (Fixture *f,
                    PdCase  *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) fresh = pd_store_open (NULL, &error);

  g_assert_no_error (error);
  return pd_case_get_status (pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (fresh)), pd_case_get_id (item)));
}

typedef gboolean (*CasePredicate) (PdCase *item, gconstpointer data);

static guint
count_in_store (Fixture       *f,
                CasePredicate  predicate,
                gconstpointer  data)
{
  GListModel *cases = pd_store_get_cases (store (f));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (cases, i);

      n += predicate (item, data);
    }

  return n;
}

static gboolean
has_latin_name (PdCase        *item,
                gconstpointer  data)
{
  return g_strcmp0 (pd_person_get_name_latin (pd_case_get_person (item)), data) == 0;
}

static void
test_search_chinese_latin_pinyin_numbers (Fixture       *f,
                                          gconstpointer  data)
{
  guint smiths = count_in_store (f, has_latin_name, "John Smith");
  guint total = n_visible (f);
  g_autoptr(PdCase) first = NULL;

  g_assert_cmpuint (total, ==, N_CASES);
  g_assert_cmpuint (smiths, >=, 1);

  pd_cases_view_set_search_text (f->view, "约翰·史密斯");
  g_assert_cmpuint (n_visible (f), ==, smiths);
  pd_cases_view_set_search_text (f->view, "john smith");
  g_assert_cmpuint (n_visible (f), ==, smiths);
  pd_cases_view_set_search_text (f->view, "yuehanshimisi");
  g_assert_cmpuint (n_visible (f), ==, smiths);
  pd_cases_view_set_search_text (f->view, "yhsms");
  g_assert_cmpuint (n_visible (f), ==, smiths);
  first = g_list_model_get_item (visible (f), 0);
  g_assert_cmpstr (pd_person_get_name_latin (pd_case_get_person (first)), ==, "John Smith");

  pd_cases_view_set_search_text (f->view, "P00000017");
  g_assert_cmpuint (n_visible (f), ==, 1);
  pd_cases_view_set_search_text (f->view, "310000202600000017");
  g_assert_cmpuint (n_visible (f), ==, 1);
  pd_cases_view_set_search_text (f->view, "zzzz");
  g_assert_cmpuint (n_visible (f), ==, 0);
  pd_cases_view_set_search_text (f->view, "");
  g_assert_cmpuint (n_visible (f), ==, total);
}

static gboolean
is_renewal_in_shenzhen (PdCase        *item,
                        gconstpointer  data)
{
  return pd_case_get_kind (item) == PD_CASE_KIND_RENEWAL && g_strcmp0 (pd_case_get_city (item), "Shenzhen") == 0;
}

static void
test_filters_and_dashboard (Fixture       *f,
                            gconstpointer  data)
{
  PdCaseIndex *index = pd_cases_view_get_index (f->view);
  g_autoptr(PdCaseFilter) filter = pd_case_filter_new ();
  PdDashboardCounts counts;

  filter->kind = PD_CASE_KIND_RENEWAL;
  pd_case_filter_set_city (filter, "Shenzhen");
  pd_cases_view_set_filter (f->view, filter);
  g_assert_cmpuint (n_visible (f), ==, count_in_store (f, is_renewal_in_shenzhen, NULL));
  g_assert_cmpuint (n_visible (f), >, 0);

  pd_cases_view_get_dashboard (f->view, &counts);
  g_assert_cmpuint (counts.overdue, >, 0);
  g_assert_cmpuint (counts.pending_sync, ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.apply-preset", "s", "overdue"));
  g_assert_cmpuint (n_visible (f), ==, counts.overdue);
  for (guint i = 0; i < n_visible (f); i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (visible (f), i);
      const PdCaseSummary *summary = pd_case_index_get (index, item);

      g_assert_cmpint (pd_case_days_until (&summary->next_deadline, pd_case_index_get_today (index)), <, 0);
    }

  gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.apply-preset", "s", "due-week");
  g_assert_cmpuint (n_visible (f), ==, counts.due_week);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.apply-preset", "s", "awaiting-filing");
  g_assert_cmpuint (n_visible (f), ==, counts.awaiting_filing);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.apply-preset", "s", "legacy");
  g_assert_cmpuint (n_visible (f), ==, counts.legacy);
  g_assert_cmpuint (counts.legacy, >, 0);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.clear-filters", NULL);
  g_assert_cmpuint (n_visible (f), ==, N_CASES);
}

static void
test_saved_filter (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PdCaseFilter) filter = pd_case_filter_new ();
  g_autoptr(GSettings) settings = g_settings_new ("org.example.PermitDesk");
  guint n;

  filter->status = PD_CASE_STATUS_SUBMITTED;
  pd_case_filter_set_text (filter, "smith");
  pd_cases_view_set_filter (f->view, filter);
  n = n_visible (f);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.save-filter", "s", "Submitted Smiths");
  gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.clear-filters", NULL);
  g_assert_cmpuint (n_visible (f), ==, N_CASES);

  gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.apply-saved-filter", "s", "Submitted Smiths");
  g_assert_true (pd_case_filter_equal (pd_cases_view_get_filter (f->view), filter));
  g_assert_cmpuint (n_visible (f), ==, n);
  g_settings_reset (settings, "saved-filters");
}

static void
assert_sorted (Fixture            *f,
               const PdCaseColumn *column,
               GtkSortType         order)
{
  PdCaseIndex *index = pd_cases_view_get_index (f->view);

  for (guint i = 1; i < n_visible (f); i++)
    {
      g_autoptr(PdCase) a = g_list_model_get_item (visible (f), i - 1);
      g_autoptr(PdCase) b = g_list_model_get_item (visible (f), i);
      int result = column->compare (a, pd_case_index_get (index, a), b, pd_case_index_get (index, b));

      if (order == GTK_SORT_ASCENDING)
        g_assert_cmpint (result, <=, 0);
      else
        g_assert_cmpint (result, >=, 0);
    }
}

static void
test_sort_by_each_column (Fixture       *f,
                          gconstpointer  data)
{
  for (guint i = 0; i < pd_case_columns_get_n (); i++)
    {
      const PdCaseColumn *column = pd_case_columns_get (i);

      pd_cases_view_sort_by (f->view, column->id, GTK_SORT_ASCENDING);
      assert_sorted (f, column, GTK_SORT_ASCENDING);
      pd_cases_view_sort_by (f->view, column->id, GTK_SORT_DESCENDING);
      assert_sorted (f, column, GTK_SORT_DESCENDING);
    }

  /* Searching keeps the order. */
  pd_cases_view_sort_by (f->view, "person", GTK_SORT_ASCENDING);
  pd_cases_view_set_search_text (f->view, "smith");
  assert_sorted (f, pd_case_columns_get (0), GTK_SORT_ASCENDING);
}

/* Deleting letters shows a search typed before again from what it showed
 * then, until a case changes: a renamed case is found at once. */
static void
test_search_typed_and_deleted (Fixture       *f,
                               gconstpointer  data)
{
  static const char word[] = "schmidt";
  guint shown[sizeof word];
  g_autoptr(PdCase) item = NULL;
  g_autoptr(PdCase) edited = NULL;
  g_autoptr(GError) error = NULL;

  for (guint n = 1; n < sizeof word; n++)
    {
      g_autofree char *prefix = g_strndup (word, n);

      pd_cases_view_set_search_text (f->view, prefix);
      shown[n] = n_visible (f);
    }
  g_assert_cmpuint (shown[sizeof word - 1], >, 0);
  g_assert_cmpuint (shown[1], >, shown[sizeof word - 1]);
  for (guint n = sizeof word - 2; n > 0; n--)
    {
      g_autofree char *prefix = g_strndup (word, n);

      pd_cases_view_set_search_text (f->view, prefix);
      g_assert_cmpuint (n_visible (f), ==, shown[n]);
    }

  item = g_list_model_get_item (visible (f), 0);
  pd_cases_view_set_search_text (f->view, "zyzzyv");
  pd_cases_view_set_search_text (f->view, "zyzzyva");
  g_assert_cmpuint (n_visible (f), ==, 0);
  edited = pd_case_copy (item);
  pd_person_set_name_latin (pd_case_get_person (edited), "Zyzzyva Schmidt");
  pd_case_apply (item, edited);
  g_assert_true (pd_store_save_case (store (f), item, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_visible (f), ==, 1);
  pd_cases_view_set_search_text (f->view, "zyzzyv");
  g_assert_cmpuint (n_visible (f), ==, 1);
}

/* Sorting by a column of text uses ranks made while warming: a case renamed
 * afterwards must still sort by its new name. */
static void
test_sort_follows_a_renamed_person (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(PdCase) first = NULL;
  g_autoptr(PdCase) edited = NULL;
  g_autoptr(PdCase) last = NULL;
  g_autoptr(GError) error = NULL;

  while (!pd_cases_view_is_warm (f->view))
    g_main_context_iteration (NULL, TRUE);
  pd_cases_view_sort_by (f->view, "person", GTK_SORT_ASCENDING);
  first = g_list_model_get_item (visible (f), 0);

  edited = pd_case_copy (first);
  pd_person_set_name_latin (pd_case_get_person (edited), "Zzyzx Zyzzyva");
  pd_person_set_name_zh (pd_case_get_person (edited), NULL);
  pd_case_apply (first, edited);
  g_assert_true (pd_store_save_case (store (f), first, &error));
  g_assert_no_error (error);

  pd_cases_view_sort_by (f->view, "city", GTK_SORT_ASCENDING);
  pd_cases_view_sort_by (f->view, "person", GTK_SORT_ASCENDING);
  assert_sorted (f, pd_case_columns_get (0), GTK_SORT_ASCENDING);
  last = g_list_model_get_item (visible (f), n_visible (f) - 1);
  g_assert_true (last == first);
}

static void
collect_cells (GtkWidget *widget,
               GPtrArray *cells)
{
  if (PD_IS_TEXT_CELL (widget))
    g_ptr_array_add (cells, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_cells (child, cells);
}

/* The text cells of the table's row widgets, in row and column order. */
static GPtrArray *
table_cells (Fixture *f)
{
  GPtrArray *cells = g_ptr_array_new ();

  pd_test_wait_for_frame (GTK_WIDGET (pd_cases_view_get_column_view (f->view)));
  collect_cells (GTK_WIDGET (pd_cases_view_get_column_view (f->view)), cells);
  g_assert_cmpuint (cells->len % pd_case_columns_get_n (), ==, 0);
  return cells;
}

/* The texts of every column for the case at @position of the table. */
static GStrv
texts_at (Fixture *f,
          guint    position)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(PdCase) item = g_list_model_get_item (visible (f), position);
  PdCaseIndex *index = pd_cases_view_get_index (f->view);

  for (guint c = 0; c < pd_case_columns_get_n (); c++)
    {
      g_autofree char *text = pd_case_columns_get (c)->text (item, pd_case_index_get (index, item),
                                                              pd_case_index_get_today (index));

      g_strv_builder_add (builder, text ? text : "");
    }
  return g_strv_builder_end (builder);
}

static gboolean
row_shows (GPtrArray *cells,
           guint      row,
           GStrv      texts)
{
  guint n_columns = pd_case_columns_get_n ();

  for (guint c = 0; c < n_columns; c++)
    if (g_strcmp0 (pd_text_cell_get_text (g_ptr_array_index (cells, row * n_columns + c)), texts[c]) != 0)
      return FALSE;
  return TRUE;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* What the user reads is what the table holds: each row widget shows, in
 * every column, one case of the table, no two the same, and together they show
 * runs of consecutive positions (GTK keeps row widgets for the positions
 * around the view, the focus and the selection, not in widget order): a row
 * left showing an old case would sit apart from the others. */
static void
assert_cells_show_table (Fixture *f)
{
  g_autoptr(GPtrArray) cells = table_cells (f);
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_rows = cells->len / pd_case_columns_get_n ();
  guint n_runs = 0;

  g_assert_cmpuint (n_rows, >=, MIN (n_visible (f), 10));
  for (guint i = 0; i < n_visible (f); i++)
    g_ptr_array_add (table, texts_at (f, i));
  for (guint row = 0; row < n_rows; row++)
    {
      guint position = 0;

      while (position < table->len && !row_shows (cells, row, g_ptr_array_index (table, position)))
        position++;
      if (position == table->len)
        g_error ("row widget %u of %u shows %s, which is no case of the table as a whole", row, n_rows,
                 pd_text_cell_get_text (g_ptr_array_index (cells, row * pd_case_columns_get_n ())));
      g_assert_false (g_hash_table_contains (shown, GUINT_TO_POINTER (position)));
      g_hash_table_add (shown, GUINT_TO_POINTER (position));
      g_array_append_val (positions, position);
    }

  g_array_sort (positions, compare_positions);
  for (guint i = 0; i < positions->len; i++)
    n_runs += i == 0 || g_array_index (positions, guint, i) != g_array_index (positions, guint, i - 1) + 1;
  g_assert_cmpuint (n_runs, <=, 3);
}

static guint
position_of (Fixture *f,
             PdCase  *item)
{
  for (guint i = 0; i < n_visible (f); i++)
    {
      g_autoptr(PdCase) other = g_list_model_get_item (visible (f), i);

      if (other == item)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Sorting and searching rebind the row widgets the table already has, and
 * every cell shows its row's case; the selection follows the case through a
 * sort and lets go of it when a search hides it. */
static void
test_rows_follow_the_table (Fixture       *f,
                            gconstpointer  data)
{
  GtkSelectionModel *model = gtk_column_view_get_model (pd_cases_view_get_column_view (f->view));
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (pd_cases_view_get_column_view (f->view)));
  PdCaseDetail *detail = PD_CASE_DETAIL (pd_test_find_type (GTK_WIDGET (f->view), PD_TYPE_CASE_DETAIL));
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(PdCase) chosen = NULL;
  GtkWidget *first_cell;

  pd_cases_view_sort_by (f->view, "city", GTK_SORT_DESCENDING);
  assert_cells_show_table (f);
  pd_cases_view_sort_by (f->view, "person", GTK_SORT_ASCENDING);
  assert_cells_show_table (f);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);
  cells = table_cells (f);
  first_cell = g_ptr_array_index (cells, 0);
  g_object_add_weak_pointer (G_OBJECT (first_cell), (gpointer *) &first_cell);

  chosen = g_list_model_get_item (visible (f), 5);
  pd_cases_view_select_case (f->view, chosen);
  g_assert_true (gtk_selection_model_is_selected (model, 5));

  pd_cases_view_sort_by (f->view, "person", GTK_SORT_DESCENDING);
  assert_cells_show_table (f);
  g_assert_nonnull (first_cell);
  g_assert_true (pd_cases_view_get_selected_case (f->view) == chosen);
  selected = gtk_selection_model_get_selection (model);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_cmpuint (gtk_bitset_get_nth (selected, 0), ==, position_of (f, chosen));
  g_assert_cmpuint (position_of (f, chosen), ==, n_visible (f) - 1 - 5);
  /* ... and is brought into view: it is near the end now. */
  pd_test_wait_for_frame (GTK_WIDGET (pd_cases_view_get_column_view (f->view)));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);

  pd_cases_view_sort_by (f->view, "city", GTK_SORT_ASCENDING);
  assert_cells_show_table (f);
  g_assert_true (pd_cases_view_get_selected_case (f->view) == chosen);
  g_assert_nonnull (first_cell);
  g_object_remove_weak_pointer (G_OBJECT (first_cell), (gpointer *) &first_cell);

  /* Its own name keeps it; a search that hides it unselects it for good. */
  pd_cases_view_set_search_text (f->view, pd_person_get_name_latin (pd_case_get_person (chosen)));
  assert_cells_show_table (f);
  g_assert_true (pd_cases_view_get_selected_case (f->view) == chosen);
  g_assert_true (pd_case_detail_get_case (detail) == chosen);
  pd_cases_view_set_search_text (f->view, "zzzz");
  g_assert_cmpuint (n_visible (f), ==, 0);
  g_assert_null (pd_cases_view_get_selected_case (f->view));
  g_assert_null (pd_case_detail_get_case (detail));
  pd_cases_view_set_search_text (f->view, "");
  assert_cells_show_table (f);
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (model);
  g_assert_true (gtk_bitset_is_empty (selected));
  g_assert_false (gtk_selection_model_is_selected (model, position_of (f, chosen)));

  /* An edit shows in its row at once. */
  {
    g_autoptr(PdCase) top = g_list_model_get_item (visible (f), 0);
    g_autoptr(PdCase) edited = pd_case_copy (top);
    g_autoptr(GError) error = NULL;

    pd_person_set_nationality (pd_case_get_person (edited), "ISL");
    pd_case_apply (top, edited);
    g_assert_true (pd_store_save_case (store (f), top, &error));
    g_assert_no_error (error);
    assert_cells_show_table (f);
  }
}

/* The window stays open overnight: the new day moves every deadline, the
 * overdue filter and what the cells say, though no case changed. */
static void
test_a_new_day_moves_deadlines (Fixture       *f,
                                gconstpointer  data)
{
  PdCaseIndex *index = pd_cases_view_get_index (f->view);
  GDate later = *pd_case_index_get_today (index);
  guint overdue;

  pd_cases_view_sort_by (f->view, "next-deadline", GTK_SORT_ASCENDING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.apply-preset", "s", "overdue"));
  overdue = n_visible (f);
  g_assert_cmpuint (overdue, >, 0);
  assert_cells_show_table (f);

  g_date_add_days (&later, 20);
  pd_case_index_set_today (index, &later);
  g_assert_cmpuint (n_visible (f), >, overdue);
  assert_cells_show_table (f);
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *column_view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  return NULL;
}

/* A column the user widened keeps its width in the next window. */
static void
test_column_widths_are_kept (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.PermitDesk");
  g_autoptr(GVariant) widths = NULL;
  GtkColumnView *column_view = pd_cases_view_get_column_view (f->view);
  GtkColumnViewColumn *city = column_titled (column_view, "City");
  GtkWidget *other;
  int width = 0;

  /* Dragged to the front first, as a header drag does. */
  g_object_ref (city);
  gtk_column_view_insert_column (column_view, 0, city);
  g_object_unref (city);
  gtk_column_view_column_set_fixed_width (city, 222);
  pd_test_spin (700);
  widths = g_settings_get_value (settings, "case-column-widths");
  g_assert_cmpuint (g_variant_n_children (widths), ==, 1);
  g_assert_true (g_variant_lookup (widths, "city", "i", &width));
  g_assert_cmpint (width, ==, 222);

  other = g_object_ref_sink (g_object_new (PD_TYPE_CASES_VIEW, NULL));
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (column_titled (pd_cases_view_get_column_view (PD_CASES_VIEW (other)),
                                                                          "City")), ==, 222);
  g_object_unref (other);
  g_settings_reset (settings, "case-column-widths");
}

static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  guint n = GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);
  return n;
}

/* Until the summaries are made, the dashboard says it is counting, never "0". */
static void
test_dashboard_counts_only_when_known (Fixture       *f,
                                       gconstpointer  data)
{
  PdCasesView *view;

  close_window (f);
  f->app = pd_test_app_start (&f->window);
  view = pd_window_get_cases_view (f->window);
  f->view = view;

  g_assert_false (pd_cases_view_is_warm (view));
  g_assert_cmpuint (count_labels (GTK_WIDGET (view), "…"), ==, 5);
  while (!pd_cases_view_is_warm (view))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count_labels (GTK_WIDGET (view), "…"), ==, 0);
}

/* The next window shows the cases in the order the user left them. */
static void
test_sort_comes_back (Fixture       *f,
                      gconstpointer  data)
{
  const PdCaseColumn *city = NULL;

  for (guint i = 0; i < pd_case_columns_get_n (); i++)
    if (g_str_equal (pd_case_columns_get (i)->id, "city"))
      city = pd_case_columns_get (i);

  pd_cases_view_sort_by (f->view, "city", GTK_SORT_DESCENDING);
  close_window (f);
  open_window (f);
  pd_test_wait_for_frame (GTK_WIDGET (pd_cases_view_get_column_view (f->view)));
  assert_sorted (f, city, GTK_SORT_DESCENDING);
  assert_cells_show_table (f);
}

static const char import_file[] =
  "\xEF\xBB\xBFname_latin;name_zh;nationality;passport_number;kind;status;city;next_deadline\r\n"
  "Ingrid Larsen;英格丽·拉森;NOR;NO4412789;new-permit;draft;Shanghai;2027-01-15\r\n"
  "Bad Date;;DEU;C01X00T47;new-permit;draft;Beijing;2027-02-30\r\n"
  "John Again;;USA;P00000000;new-permit;draft;Beijing;\r\n"
  "Per Larsen;;NOR;NO5512789;new-permit;ready;Shanghai;\r\n";

static void
test_import_with_bad_rows_then_undo (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->data_dir, "employees.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *dialog;
  PdCaseImport *import;

  g_assert_true (g_file_set_contents (path, import_file, -1, NULL));
  dialog = pd_cases_view_import_file (f->view, file);
  g_assert_nonnull (dialog);
  pd_test_spin (50);

  import = pd_import_dialog_get_import (PD_IMPORT_DIALOG (dialog));
  g_assert_cmpuint (pd_case_import_get_n_rows (import), ==, 4);
  g_assert_cmpuint (pd_case_import_get_n_valid (import), ==, 2);
  g_assert_nonnull (gtk_list_box_get_row_at_index (pd_import_dialog_get_list (PD_IMPORT_DIALOG (dialog)), 3));
  g_assert_cmpuint (pd_case_import_get_row (import, 1)->errors->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (pd_case_import_get_row (import, 2)->errors, 0), "already has a case"));
  /* The preview wrote nothing. */
  g_assert_cmpuint (n_in_database (f), ==, N_CASES);

  g_assert_true (gtk_widget_activate_action (dialog, "import.confirm", NULL));
  pd_test_spin (50);
  g_assert_cmpuint (n_in_database (f), ==, N_CASES + 2);
  g_assert_cmpuint (n_visible (f), ==, N_CASES + 2);
  pd_cases_view_set_search_text (f->view, "yinggeli");
  g_assert_cmpuint (n_visible (f), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.undo", NULL));
  pd_test_spin (50);
  g_assert_cmpuint (n_in_database (f), ==, N_CASES);
  g_assert_cmpuint (n_visible (f), ==, 0);
}

static void
test_import_cancel_writes_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->data_dir, "employees.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *dialog;

  g_assert_true (g_file_set_contents (path, import_file, -1, NULL));
  dialog = pd_cases_view_import_file (f->view, file);
  gtk_widget_activate_action (dialog, "import.cancel", NULL);
  pd_test_spin (50);
  g_assert_cmpuint (n_in_database (f), ==, N_CASES);
}

static void
test_export_view_round_trip (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->data_dir, "view.csv", NULL);
  g_autoptr(PdCaseFilter) filter = pd_case_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  pd_case_filter_set_city (filter, "Shanghai");
  pd_cases_view_set_filter (f->view, filter);
  pd_cases_view_sort_by (f->view, "permit-number", GTK_SORT_DESCENDING);
  g_assert_true (pd_cases_view_export_file (f->view, path, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  rows = pd_csv_parse (contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, n_visible (f) + 1);
  for (guint i = 0; i < n_visible (f); i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (visible (f), i);
      char **row = g_ptr_array_index (rows, i + 1);

      g_assert_cmpstr (row[3], ==, pd_person_get_passport_number (pd_case_get_person (item)));
      g_assert_cmpstr (row[8], ==, "Shanghai");
    }
}

static gboolean
has_status (PdCase        *item,
            gconstpointer  data)
{
  return (int) pd_case_get_status (item) == GPOINTER_TO_INT (data);
}

static PdCase *
find_case_with_status (Fixture      *f,
                       PdCaseStatus  status,
                       guint         skip)
{
  for (guint i = 0; i < n_visible (f); i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (visible (f), i);

      if (pd_case_get_status (item) == status && skip-- == 0)
        return g_steal_pointer (&item);
    }

  g_assert_not_reached ();
}

static void
test_bulk_status_and_undo (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PdCase) draft_a = find_case_with_status (f, PD_CASE_STATUS_DRAFT, 0);
  g_autoptr(PdCase) draft_b = find_case_with_status (f, PD_CASE_STATUS_DRAFT, 1);
  g_autoptr(PdCase) completed = find_case_with_status (f, PD_CASE_STATUS_COMPLETED, 0);
  PdCase *cases[] = { draft_a, draft_b, completed };
  guint n_drafts = count_in_store (f, has_status, GINT_TO_POINTER (PD_CASE_STATUS_DRAFT));
  g_autoptr(GPtrArray) events = NULL;

  pd_cases_view_select_cases (f->view, cases, 3);
  g_assert_cmpuint (pd_cases_view_get_selected_cases (f->view)->len, ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.set-status", "s", "ready"));
  pd_test_spin (50);

  /* Draft → ready is allowed, completed → ready is not: that one is left alone. */
  g_assert_cmpint (pd_case_get_status (draft_a), ==, PD_CASE_STATUS_READY);
  g_assert_cmpint (status_in_database (f, draft_b), ==, PD_CASE_STATUS_READY);
  g_assert_cmpint (status_in_database (f, completed), ==, PD_CASE_STATUS_COMPLETED);
  g_assert_cmpuint (count_in_store (f, has_status, GINT_TO_POINTER (PD_CASE_STATUS_DRAFT)), ==, n_drafts - 2);
  events = pd_store_list_case_events (store (f), pd_case_get_id (draft_a), NULL);
  g_assert_cmpint (((PdCaseEvent *) g_ptr_array_index (events, events->len - 1))->status, ==, PD_CASE_STATUS_READY);

  /* One undo reverts the whole bulk change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.undo", NULL));
  pd_test_spin (50);
  g_assert_cmpint (status_in_database (f, draft_a), ==, PD_CASE_STATUS_DRAFT);
  g_assert_cmpint (status_in_database (f, draft_b), ==, PD_CASE_STATUS_DRAFT);
  g_assert_cmpint (pd_case_get_status (draft_b), ==, PD_CASE_STATUS_DRAFT);
  g_assert_cmpuint (count_in_store (f, has_status, GINT_TO_POINTER (PD_CASE_STATUS_DRAFT)), ==, n_drafts);
}

static void
test_delete_several_and_undo (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PdCase) a = g_list_model_get_item (visible (f), 2);
  g_autoptr(PdCase) b = g_list_model_get_item (visible (f), 9);
  PdCase *cases[] = { a, b };

  pd_cases_view_select_cases (f->view, cases, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.delete", NULL));
  pd_test_spin (50);
  g_assert_cmpuint (n_in_database (f), ==, N_CASES - 2);
  g_assert_cmpuint (n_visible (f), ==, N_CASES - 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.undo", NULL));
  pd_test_spin (50);
  g_assert_cmpuint (n_in_database (f), ==, N_CASES);
  g_assert_cmpuint (pd_cases_view_get_selected_cases (f->view)->len, ==, 2);
}

static void
test_reminders_for_selection (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PdCase) a = find_case_with_status (f, PD_CASE_STATUS_SUBMITTED, 0);
  g_autoptr(PdCase) b = find_case_with_status (f, PD_CASE_STATUS_SUBMITTED, 1);
  g_autoptr(PdCase) no_deadline = NULL;
  g_autoptr(PdTestNotifications) server = NULL;
  GPtrArray *bodies;
  g_autofree char *name = pd_person_dup_display_name (pd_case_get_person (a));
  g_autofree char *date = NULL;
  PdCase *cases[3] = { a, b, NULL };

  for (guint i = 0; no_deadline == NULL; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (visible (f), i);

      if (!g_date_valid (&pd_case_index_get (pd_cases_view_get_index (f->view), item)->next_deadline))
        no_deadline = g_steal_pointer (&item);
    }
  cases[2] = no_deadline;
  date = pd_case_format_date (&pd_case_index_get (pd_cases_view_get_index (f->view), a)->next_deadline);

  server = pd_test_notifications_new ();
  bodies = pd_test_notifications_get (server);

  pd_cases_view_select_cases (f->view, cases, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "cases.remind", NULL));
  while (bodies->len < 2)
    g_main_context_iteration (NULL, TRUE);
  pd_test_spin (100);

  /* One per case with a deadline, naming the person and the date. */
  g_assert_cmpuint (bodies->len, ==, 2);
  g_assert_true (strstr (g_ptr_array_index (bodies, 0), name) != NULL ||
                 strstr (g_ptr_array_index (bodies, 1), name) != NULL);
  g_assert_true (strstr (g_ptr_array_index (bodies, 0), date) != NULL ||
                 strstr (g_ptr_array_index (bodies, 1), date) != NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/hr/window/search-chinese-latin-pinyin-and-numbers", test_search_chinese_latin_pinyin_numbers);
  ADD ("/hr/window/filters-presets-and-dashboard", test_filters_and_dashboard);
  ADD ("/hr/window/saved-filter-comes-back", test_saved_filter);
  ADD ("/hr/window/search-typed-and-deleted", test_search_typed_and_deleted);
  ADD ("/hr/window/sort-by-each-column", test_sort_by_each_column);
  ADD ("/hr/window/sort-follows-a-renamed-person", test_sort_follows_a_renamed_person);
  ADD ("/hr/window/sort-comes-back-in-the-next-window", test_sort_comes_back);
  ADD ("/hr/window/dashboard-counts-only-when-known", test_dashboard_counts_only_when_known);
  ADD ("/hr/window/rows-follow-the-table-and-selection-follows-cases", test_rows_follow_the_table);
  ADD ("/hr/window/a-new-day-moves-deadlines", test_a_new_day_moves_deadlines);
  ADD ("/hr/window/column-widths-are-kept", test_column_widths_are_kept);
  ADD ("/hr/window/import-lists-bad-rows-writes-on-confirm-and-undoes", test_import_with_bad_rows_then_undo);
  ADD ("/hr/window/import-cancel-writes-nothing", test_import_cancel_writes_nothing);
  ADD ("/hr/window/export-writes-the-view-as-shown", test_export_view_round_trip);
  ADD ("/hr/window/bulk-status-checks-transitions-and-undoes-at-once", test_bulk_status_and_undo);
  ADD ("/hr/window/delete-several-and-undo", test_delete_several_and_undo);
  ADD ("/hr/window/reminders-for-selection", test_reminders_for_selection);
#undef ADD

  return g_test_run ();
}
