/* pd-cases-view.c: the Cases view: dashboard, filters, the case table and a detail pane
 *
 * The table is store cases → PdCaseTable (sorted by the column the column
 * view's sorter names, then filtered, in one model) → PdCaseRows (a row
 * object per position, which keeps GTK's row widgets across sorts and
 * searches, and the selection by case), so typing in the search only filters
 * an already sorted list. Everything the
 * filter and the sorts read comes from the PdCaseIndex summaries, warmed in
 * idle chunks after the window shows so that opening 100,000 cases does not
 * wait for them.
 *
 * Every change the view makes is undoable: the last one is kept as an UndoStep
 * (copies to save back, cases to delete) behind a toast with Undo and Ctrl+Z.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-cases-view"

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "pd-application.h"
#include "pd-case-columns.h"
#include "pd-case-rows.h"
#include "pd-text-cell.h"
#include "pd-case-csv.h"
#include "pd-case-detail.h"
#include "pd-case-editor.h"
#include "pd-case-event.h"
#include "pd-cases-view.h"
#include "pd-enum-types.h"
#include "pd-filing-packet.h"
#include "pd-import-dialog.h"
#include "pd-model.h"
#include "pd-pinyin.h"
#include "pd-store.h"

#define WARM_CHUNK 4000

typedef struct {
  GPtrArray *restore;  /* PdCase: saved back as they are */
  GPtrArray *remove;   /* PdCase: deleted */
} UndoStep;

struct _PdCasesView
{
  AdwBin              parent_instance;

  PdStore            *store;
  PdCaseIndex        *index;
  GSettings          *settings;
  PdCaseTable        *table;
  PdCaseRows         *rows;
  PdCaseFilter       *filter;
  char               *folded_text;
  GPtrArray          *cities;        /* char*, the city dropdown's choices after "All" */
  gboolean            setting_widgets;
  guint               warm_id;
  guint               day_id;
  guint               save_widths_id;
  guint               restore_sort_id;
  GdkFrameClock      *paint_clock;     /* until the first frame, to restore the order */
  gulong              after_paint_id;
  guint               warm_position;
  guint               warm_column;
  gboolean            warm;

  UndoStep           *undo;
  AdwToast           *undo_toast;

  GtkStack           *state_stack;
  AdwStatusPage      *error_page;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *city_dropdown;
  GtkMenuButton      *saved_button;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  GtkLabel           *overdue_label;
  GtkLabel           *due_week_label;
  GtkLabel           *filing_label;
  GtkLabel           *legacy_label;
  GtkLabel           *pending_label;
  PdCaseDetail       *detail;
};

G_DEFINE_FINAL_TYPE (PdCasesView, pd_cases_view, ADW_TYPE_BIN)

static void
undo_step_free (UndoStep *step)
{
  g_ptr_array_unref (step->restore);
  g_ptr_array_unref (step->remove);
  g_free (step);
}

static UndoStep *
undo_step_new (void)
{
  UndoStep *step = g_new0 (UndoStep, 1);

  step->restore = g_ptr_array_new_with_free_func (g_object_unref);
  step->remove = g_ptr_array_new_with_free_func (g_object_unref);
  return step;
}

/* ---- filtering ---- */

static void
update_state (PdCasesView *self)
{
  guint n_total = self->store ? g_list_model_get_n_items (pd_store_get_cases (self->store)) : 0;
  guint n_visible = g_list_model_get_n_items (G_LIST_MODEL (self->table));
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->rows));
  guint64 n_selected = gtk_bitset_get_size (selected);
  g_autofree char *count = NULL;

  if (n_total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (n_visible == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (n_visible == n_total)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", n_total), n_total);
  else
    /* Translators: "3 of 40 cases" shown while searching */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case", "%u of %u cases", n_total),
                             n_visible, n_total);
  gtk_label_set_text (self->count_label, count);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.add", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.import", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.export", n_visible > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.edit", n_selected == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.print-packet", n_selected == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.delete", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.set-status", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.remind", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cases.undo", self->undo != NULL);
}

static void
refilter (PdCasesView *self,
          gboolean     narrower)
{
  pd_case_table_set_filter (self->table, self->filter, narrower);
  update_state (self);
}

static void
set_label_count (GtkLabel *label,
                 guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (label, text);
}

/* ---- dashboard ---- */

void
pd_cases_view_get_dashboard (PdCasesView       *self,
                             PdDashboardCounts *counts)
{
  GListModel *cases;
  guint n_cases;

  g_return_if_fail (PD_IS_CASES_VIEW (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof *counts);
  if (self->store == NULL)
    return;

  cases = pd_store_get_cases (self->store);
  n_cases = g_list_model_get_n_items (cases);
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (cases, i);
      const PdCaseSummary *summary = pd_case_index_get (self->index, item);
      int days;

      if (g_date_valid (&summary->next_deadline))
        {
          days = pd_case_days_until (&summary->next_deadline, pd_case_index_get_today (self->index));
          counts->overdue += days < 0;
          counts->due_week += days >= 0 && days <= 7;
        }
      counts->awaiting_filing += summary->awaiting_filing;
      counts->legacy += summary->legacy_to_upgrade;
    }
  counts->pending_sync = pd_store_count_pending_changes (self->store);
}

static void
update_dashboard (PdCasesView *self)
{
  PdDashboardCounts counts;

  pd_cases_view_get_dashboard (self, &counts);
  set_label_count (self->overdue_label, counts.overdue);
  set_label_count (self->due_week_label, counts.due_week);
  set_label_count (self->filing_label, counts.awaiting_filing);
  set_label_count (self->legacy_label, counts.legacy);
  set_label_count (self->pending_label, counts.pending_sync);
}

static gboolean
warm_cb (gpointer user_data)
{
  PdCasesView *self = user_data;
  GListModel *cases = pd_store_get_cases (self->store);
  guint n_cases = g_list_model_get_n_items (cases);

  /* Basic summaries first (what a search needs), then complete ones. */
  if (self->warm_position < n_cases)
    {
      self->warm_position = pd_case_index_warm (self->index, cases, self->warm_position, WARM_CHUNK, FALSE);
      return G_SOURCE_CONTINUE;
    }
  if (self->warm_position < 2 * n_cases)
    {
      self->warm_position = n_cases + pd_case_index_warm (self->index, cases, self->warm_position - n_cases,
                                                          WARM_CHUNK, TRUE);
      return G_SOURCE_CONTINUE;
    }

  /* Then the ranks of the columns of text, one column at a time. */
  if (self->warm_column < pd_case_columns_get_n ())
    {
      const PdCaseColumn *column = pd_case_columns_get (self->warm_column++);

      if (!column->exact_key)
        pd_case_table_prepare_sort (self->table, column->compare, column->key, column->complete);
      return G_SOURCE_CONTINUE;
    }

  self->warm_id = 0;
  self->warm = TRUE;
  update_dashboard (self);
  return G_SOURCE_REMOVE;
}

/* Summaries are computed in chunks at low priority after the table is shown,
 * basic ones for all cases first, then complete ones, then the ranks that make
 * sorting by a column of text fast; the dashboard counts when they are all
 * there. */
static void
start_warming (PdCasesView *self)
{
  GtkLabel *counts[] = { self->overdue_label, self->due_week_label, self->filing_label,
                         self->legacy_label, self->pending_label };

  /* Not "0": a count is shown once it is known. */
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    gtk_label_set_text (counts[i], "…");
  g_clear_handle_id (&self->warm_id, g_source_remove);
  self->warm = FALSE;
  self->warm_position = 0;
  self->warm_column = 0;
  if (self->store != NULL)
    self->warm_id = g_idle_add_full (G_PRIORITY_LOW, warm_cb, self, NULL);
}

gboolean
pd_cases_view_is_warm (PdCasesView *self)
{
  g_return_val_if_fail (PD_IS_CASES_VIEW (self), FALSE);

  return self->warm;
}

/* ---- filter widgets ---- */

static int
compare_cities (gconstpointer a,
                gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
fill_cities (PdCasesView *self)
{
  g_autoptr(GHashTable) spellings = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkStringList *model = gtk_string_list_new (NULL);
  GListModel *cases = self->store ? pd_store_get_cases (self->store) : NULL;
  guint n_cases = cases ? g_list_model_get_n_items (cases) : 0;

  g_ptr_array_set_size (self->cities, 0);
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (cases, i);
      const char *city = pd_case_get_city (item);

      /* One choice per city, however its cases spell it; each spelling keyed
       * once (100,000 cases at start have a few dozen). */
      if (city != NULL && g_hash_table_add (spellings, (gpointer) city) &&
          g_hash_table_add (seen, pd_city_dup_key (city)))
        g_ptr_array_add (self->cities, g_strdup (city));
    }
  g_ptr_array_sort (self->cities, compare_cities);

  gtk_string_list_append (model, _("All Cities"));
  for (guint i = 0; i < self->cities->len; i++)
    gtk_string_list_append (model, pd_city_to_label (g_ptr_array_index (self->cities, i)));

  self->setting_widgets = TRUE;
  gtk_drop_down_set_model (self->city_dropdown, G_LIST_MODEL (model));
  self->setting_widgets = FALSE;
  g_object_unref (model);
}

static void
fill_enum_dropdown (GtkDropDown *dropdown,
                    const char  *all,
                    guint        n_values,
                    const char *(*label) (int))
{
  GtkStringList *model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, all);
  for (guint i = 0; i < n_values; i++)
    gtk_string_list_append (model, label (i));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  g_object_unref (model);
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

static guint
city_position (PdCasesView *self,
               const char  *city)
{
  g_autofree char *key = city != NULL ? pd_city_dup_key (city) : NULL;

  for (guint i = 0; key != NULL && i < self->cities->len; i++)
    {
      g_autofree char *other = pd_city_dup_key (g_ptr_array_index (self->cities, i));

      if (g_str_equal (other, key))
        return i + 1;
    }

  return 0;
}

/* Shows the filter in the widgets without the widgets reporting it back. */
static void
show_filter (PdCasesView *self)
{
  self->setting_widgets = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                 self->filter->text ? self->filter->text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), self->filter->text ? self->filter->text : "");
  gtk_drop_down_set_selected (self->kind_dropdown, self->filter->kind + 1);
  gtk_drop_down_set_selected (self->status_dropdown, self->filter->status + 1);
  gtk_drop_down_set_selected (self->city_dropdown, city_position (self, self->filter->city));
  self->setting_widgets = FALSE;
}

static void
on_filter_widget_changed_cb (PdCasesView *self)
{
  g_autoptr(PdCaseFilter) filter = NULL;
  guint city;

  if (self->setting_widgets)
    return;

  filter = pd_case_filter_copy (self->filter);
  filter->kind = (int) gtk_drop_down_get_selected (self->kind_dropdown) - 1;
  filter->status = (int) gtk_drop_down_get_selected (self->status_dropdown) - 1;
  city = gtk_drop_down_get_selected (self->city_dropdown);
  pd_case_filter_set_city (filter, city > 0 && city <= self->cities->len ? g_ptr_array_index (self->cities, city - 1) : NULL);
  pd_cases_view_set_filter (self, filter);
}

static void
on_search_changed_cb (PdCasesView    *self,
                      GtkSearchEntry *entry)
{
  if (self->setting_widgets)
    return;

  pd_cases_view_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* ---- toasts and undo ---- */

static void
show_toast (PdCasesView *self,
            AdwToast    *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_message (PdCasesView *self,
              const char  *message)
{
  show_toast (self, adw_toast_new (message));
}

static void
show_error_toast (PdCasesView  *self,
                  const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  show_toast (self, toast);
}

static void
forget_undo (PdCasesView *self)
{
  g_clear_pointer (&self->undo, undo_step_free);
  g_clear_object (&self->undo_toast);
  update_state (self);
}

static void
on_undo_toast_dismissed_cb (PdCasesView *self,
                            AdwToast    *toast)
{
  if (self->undo_toast == toast)
    forget_undo (self);
}

static void
on_undo_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) toast = NULL;
  UndoStep *step = g_steal_pointer (&self->undo);

  if (step == NULL)
    return;

  toast = g_steal_pointer (&self->undo_toast);
  if (toast != NULL)
    adw_toast_dismiss (toast);

  for (guint i = 0; i < step->remove->len && error == NULL; i++)
    pd_store_delete_case (self->store, g_ptr_array_index (step->remove, i), &error);
  if (error == NULL && step->restore->len > 0)
    pd_store_save_cases (self->store, (PdCase **) step->restore->pdata, step->restore->len, &error);

  if (error != NULL)
    show_error_toast (self, error);
  else if (step->restore->len > 0)
    pd_cases_view_select_cases (self, (PdCase **) step->restore->pdata, step->restore->len);

  undo_step_free (step);
  update_state (self);
}

/* Keeps @step as the one thing Undo reverts, behind a toast saying @title. */
static void
offer_undo (PdCasesView *self,
            UndoStep    *step,
            const char  *title)
{
  AdwToast *toast;

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  forget_undo (self);
  self->undo = step;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  self->undo_toast = g_object_ref (toast);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  show_toast (self, toast);
  update_state (self);
}

/* ---- store and selection ---- */

static void
on_store_cases_changed_cb (PdCasesView *self)
{
  pd_case_table_refresh (self->table);
  if (self->warm)
    update_dashboard (self);
  update_state (self);
}

/* A new day or new rules: every deadline, completeness and count may differ
 * while no case changed. */
static void
on_index_changed_cb (PdCasesView *self)
{
  pd_case_table_refresh (self->table);
  pd_case_rows_refresh (self->rows);
  start_warming (self);
  update_state (self);
}

/* The day changes while the window stays open (overnight, or across a
 * suspend, after which a timer set for midnight would be late): deadlines
 * count from the new day within a minute. */
static gboolean
check_day_cb (gpointer user_data)
{
  PdCasesView *self = user_data;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  pd_case_index_set_today (self->index, &today);
  return G_SOURCE_CONTINUE;
}

/* A search that leaves no case unselects without a selection-changed (an
 * empty model has no range to announce): the detail follows here too. */
static void
on_items_changed_cb (PdCasesView *self)
{
  pd_case_detail_set_case (self->detail, pd_cases_view_get_selected_case (self));
  update_state (self);
}

/* The rows stay where they were when the order changes; a selected case that
 * the new order moved is brought into view (the first, when several are). */
static void
scroll_to_selection (PdCasesView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->rows));

  if (gtk_bitset_is_empty (selected))
    return;

  /* GTK 4.8's column view has no scroll_to(); its list does, as an action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", gtk_bitset_get_minimum (selected));
}

/* A click on a column header (or pd_cases_view_sort_by()) changed the order. */
static void
on_sorter_changed_cb (PdCasesView     *self,
                      GtkSorterChange  change,
                      GtkSorter       *sorter)
{
  gboolean descending = FALSE;
  const PdCaseColumn *column;

  /* Columns removed while the view is disposed change the sorter too. */
  if (self->table == NULL)
    return;

  column = pd_case_columns_get_sort (sorter, &descending);
  if (column != NULL)
    pd_case_table_set_sort (self->table, column->compare, column->key, column->exact_key, column->complete,
                            descending);
  else
    pd_case_table_set_sort (self->table, NULL, NULL, FALSE, FALSE, descending);
  scroll_to_selection (self);
  g_settings_set (self->settings, "case-sort", "(sb)", column != NULL ? column->id : "", descending);
}

/* ---- the order of the last run ---- */

static gboolean
restore_sort_cb (gpointer user_data)
{
  PdCasesView *self = user_data;
  g_autofree char *column_id = NULL;
  gboolean descending = FALSE;

  self->restore_sort_id = 0;
  g_settings_get (self->settings, "case-sort", "(sb)", &column_id, &descending);
  for (guint i = 0; i < pd_case_columns_get_n (); i++)
    if (g_str_equal (pd_case_columns_get (i)->id, column_id))
      pd_cases_view_sort_by (self, column_id, descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  return G_SOURCE_REMOVE;
}

static void
forget_paint_clock (PdCasesView *self)
{
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   PdCasesView   *self)
{
  forget_paint_clock (self);
  g_clear_handle_id (&self->restore_sort_id, g_source_remove);
  self->restore_sort_id = g_idle_add_full (G_PRIORITY_LOW, restore_sort_cb, self, NULL);
}

static void
on_map_for_sort_cb (PdCasesView *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_handlers_disconnect_by_func (self, on_map_for_sort_cb, NULL);
  if (clock != NULL && self->paint_clock == NULL)
    {
      self->paint_clock = g_object_ref (clock);
      self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint_cb), self);
    }
}

/* The table comes back in the order the user left it, once the window has shown
 * its first frame: sorting 100,000 cases needs their summaries, which would
 * otherwise hold the window back by half a second. */
static void
restore_sort (PdCasesView *self)
{
  g_autofree char *column_id = NULL;
  gboolean descending = FALSE;

  g_settings_get (self->settings, "case-sort", "(sb)", &column_id, &descending);
  if (*column_id == '\0')
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    on_map_for_sort_cb (self);
  else
    g_signal_connect (self, "map", G_CALLBACK (on_map_for_sort_cb), NULL);
}

static void
on_selection_changed_cb (PdCasesView *self)
{
  pd_case_detail_set_case (self->detail, pd_cases_view_get_selected_case (self));
  update_state (self);
}

/* ---- cells ---- */


static void
bind_cell (GtkListItem *list_item)
{
  const PdCaseColumn *column = g_object_get_data (G_OBJECT (list_item), "pd-column");
  PdCasesView *self = g_object_get_data (G_OBJECT (list_item), "pd-view");
  PdCase *item = pd_case_row_get_case (gtk_list_item_get_item (list_item));

  pd_text_cell_take_text (PD_TEXT_CELL (gtk_list_item_get_child (list_item)),
                          column->text (item, pd_case_index_get (self->index, item),
                                        pd_case_index_get_today (self->index)));
}

static void
on_cell_row_changed_cb (PdCaseRow   *row,
                        GtkListItem *list_item)
{
  bind_cell (list_item);
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PdCasesView              *self)
{
  gtk_list_item_set_child (list_item, pd_text_cell_new ());
  g_object_set_data (G_OBJECT (list_item), "pd-column", g_object_get_data (G_OBJECT (factory), "pd-column"));
  g_object_set_data (G_OBJECT (list_item), "pd-view", self);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 PdCasesView              *self)
{
  bind_cell (list_item);
  g_signal_connect (gtk_list_item_get_item (list_item), "changed", G_CALLBACK (on_cell_row_changed_cb), list_item);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   PdCasesView              *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), on_cell_row_changed_cb, list_item);
}

/* The spec of a column of the view: the user may have dragged it elsewhere. */
static const PdCaseColumn *
column_spec (GtkColumnViewColumn *column)
{
  return g_object_get_data (G_OBJECT (column), "pd-column");
}

/* Columns the user resized keep their width across runs. */
static gboolean
save_column_widths_cb (gpointer user_data)
{
  PdCasesView *self = user_data;
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  GVariantBuilder widths;

  self->save_widths_id = 0;
  g_variant_builder_init (&widths, G_VARIANT_TYPE ("a{si}"));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const PdCaseColumn *spec = column_spec (column);
      int width = gtk_column_view_column_get_fixed_width (column);

      if (width != spec->width)
        g_variant_builder_add (&widths, "{si}", spec->id, width);
    }
  g_settings_set_value (self->settings, "case-column-widths", g_variant_builder_end (&widths));
  return G_SOURCE_REMOVE;
}

/* A drag changes the width many times: saved once it rests. */
static void
on_column_width_notify_cb (PdCasesView *self)
{
  g_clear_handle_id (&self->save_widths_id, g_source_remove);
  self->save_widths_id = g_timeout_add (500, save_column_widths_cb, self);
}

static void
add_columns (PdCasesView *self)
{
  g_autoptr(GVariant) widths = g_settings_get_value (self->settings, "case-column-widths");

  for (guint i = 0; i < pd_case_columns_get_n (); i++)
    {
      const PdCaseColumn *spec = pd_case_columns_get (i);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      int width = spec->width;

      g_object_set_data (G_OBJECT (factory), "pd-column", (gpointer) spec);
      g_signal_connect_object (factory, "setup", G_CALLBACK (on_cell_setup_cb), self, 0);
      g_signal_connect_object (factory, "bind", G_CALLBACK (on_cell_bind_cb), self, 0);
      g_signal_connect_object (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), self, 0);

      column = gtk_column_view_column_new (_(spec->title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (g_variant_lookup (widths, spec->id, "i", &width))
        width = CLAMP (width, 24, 2000);
      gtk_column_view_column_set_fixed_width (column, width);
      g_signal_connect_object (column, "notify::fixed-width", G_CALLBACK (on_column_width_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (column), "pd-column", (gpointer) spec);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (column);
    }
}

/* Sorters read the summaries of the current index. */
static void
set_sorters (PdCasesView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr(GtkSorter) sorter = pd_case_column_new_sorter (column_spec (column), self->index);

      gtk_column_view_column_set_sorter (column, sorter);
    }
}

/* ---- actions ---- */

static void
on_add_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  PdCaseEditor *editor;

  g_return_if_fail (self->store != NULL);

  editor = pd_case_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_edit_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  PdCase *case_ = pd_cases_view_get_selected_case (self);
  PdCaseEditor *editor;

  if (case_ == NULL || self->store == NULL)
    return;

  editor = pd_case_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, case_);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_delete_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  g_autoptr(GPtrArray) selected = pd_cases_view_get_selected_cases (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  UndoStep *step;

  if (selected->len == 0)
    return;

  step = undo_step_new ();
  for (guint i = 0; i < selected->len && error == NULL; i++)
    {
      PdCase *item = g_ptr_array_index (selected, i);

      if (pd_store_delete_case (self->store, item, &error))
        g_ptr_array_add (step->restore, g_object_ref (item));
    }

  if (selected->len == 1 && step->restore->len == 1)
    {
      g_autofree char *name = pd_person_dup_display_name (pd_case_get_person (g_ptr_array_index (selected, 0)));

      /* Translators: %s is a person's name */
      title = g_strdup_printf (_("Case of %s deleted"), name);
    }
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case deleted", "%u cases deleted",
                                          step->restore->len), step->restore->len);

  if (error != NULL)
    show_error_toast (self, error);
  if (step->restore->len > 0)
    offer_undo (self, step, title);
  else
    undo_step_free (step);
}

/* Changes the status of every selected case that may go to @status, in one
 * transaction; the others are left and counted in the toast. */
static void
on_set_status_activated_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  g_autoptr(GPtrArray) selected = pd_cases_view_get_selected_cases (self);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GEnumClass) klass = g_type_class_ref (PD_TYPE_CASE_STATUS);
  GEnumValue *value = g_enum_get_value_by_nick (klass, g_variant_get_string (parameter, NULL));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  UndoStep *step;
  guint skipped = 0;

  g_return_if_fail (value != NULL);

  step = undo_step_new ();
  for (guint i = 0; i < selected->len; i++)
    {
      PdCase *item = g_ptr_array_index (selected, i);
      PdCase *copy;

      if (pd_case_get_status (item) == (PdCaseStatus) value->value)
        continue;
      if (!pd_case_status_can_transition (pd_case_get_status (item), value->value))
        {
          skipped++;
          continue;
        }
      g_ptr_array_add (step->restore, pd_case_copy (item));
      copy = pd_case_copy (item);
      pd_case_set_status (copy, value->value);
      g_ptr_array_add (changed, copy);
    }

  if (changed->len > 0 &&
      !pd_store_save_cases (self->store, (PdCase **) changed->pdata, changed->len, &error))
    {
      show_error_toast (self, error);
      undo_step_free (step);
      return;
    }

  if (changed->len == 0)
    {
      undo_step_free (step);
      /* Translators: %s is a case status */
      title = g_strdup_printf (_("None of the selected cases can go to “%s”."),
                               pd_case_status_to_label (value->value));
      show_message (self, title);
      return;
    }

  if (skipped > 0)
    /* Translators: first %u cases changed, second %u cases that could not change */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case changed; %u cannot go to that status",
                                          "%u cases changed; %u cannot go to that status", changed->len),
                             changed->len, skipped);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case changed to “%s”",
                                          "%u cases changed to “%s”", changed->len),
                             changed->len, pd_case_status_to_label (value->value));
  offer_undo (self, step, title);
}

static void
on_remind_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  guint n_sent = pd_cases_view_send_reminders (self);
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reminder sent for %u case",
                                                         "Reminders sent for %u cases", n_sent), n_sent);

  show_message (self, title);
}

static void
on_focus_search_activated_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (PD_CASES_VIEW (widget)->search_entry));
}

static void
on_clear_filters_activated_cb (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  g_autoptr(PdCaseFilter) empty = pd_case_filter_new ();

  pd_cases_view_set_filter (PD_CASES_VIEW (widget), empty);
}

static void
on_apply_preset_activated_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  const char *preset = g_variant_get_string (parameter, NULL);
  g_autoptr(PdCaseFilter) filter = pd_case_filter_new ();

  if (g_str_equal (preset, "overdue"))
    filter->overdue = TRUE;
  else if (g_str_equal (preset, "due-week"))
    filter->due_within_days = 7;
  else if (g_str_equal (preset, "awaiting-filing"))
    filter->awaiting_filing = TRUE;
  else if (g_str_equal (preset, "legacy"))
    filter->legacy_to_upgrade = TRUE;
  else if (g_str_equal (preset, "pending-sync"))
    {
      guint n = self->store ? pd_store_count_pending_changes (self->store) : 0;
      g_autofree char *text = NULL;

      text = n == 0 ? g_strdup (_("Nothing is waiting to be sent to the portal."))
                    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waits to be sent to the portal.",
                                                    "%u changes wait to be sent to the portal.", n), n);
      show_message (self, text);
      return;
    }
  else
    g_return_if_reached ();

  pd_cases_view_set_filter (self, filter);
}

/* ---- saved filters ---- */

static void
rebuild_saved_menu (PdCasesView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) saved = g_menu_new ();
  g_autoptr(GVariant) filters = g_settings_get_value (self->settings, "saved-filters");
  GVariantIter iter;
  const char *name;

  g_menu_append (menu, _("_Save Current Filter…"), "cases.ask-save-filter");
  g_variant_iter_init (&iter, filters);
  while (g_variant_iter_next (&iter, "{&sv}", &name, NULL))
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target (item, "cases.apply-saved-filter", "s", name);
      g_menu_append_item (saved, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (saved));
  gtk_menu_button_set_menu_model (self->saved_button, G_MENU_MODEL (menu));
}

static void
on_save_filter_activated_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  g_autoptr(GVariant) filters = g_settings_get_value (self->settings, "saved-filters");
  const char *name = g_variant_get_string (parameter, NULL);
  GVariantDict dict;

  if (*name == '\0')
    return;

  g_variant_dict_init (&dict, filters);
  g_variant_dict_insert_value (&dict, name, pd_case_filter_to_variant (self->filter));
  g_settings_set_value (self->settings, "saved-filters", g_variant_dict_end (&dict));
}

static void
on_apply_saved_filter_activated_cb (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  g_autoptr(GVariant) filters = g_settings_get_value (self->settings, "saved-filters");
  g_autoptr(GVariant) saved = NULL;
  g_autoptr(PdCaseFilter) filter = NULL;
  GVariantDict dict;

  g_variant_dict_init (&dict, filters);
  saved = g_variant_dict_lookup_value (&dict, g_variant_get_string (parameter, NULL), G_VARIANT_TYPE_VARDICT);
  g_variant_dict_clear (&dict);
  if (saved == NULL)
    return;

  filter = pd_case_filter_new_from_variant (saved);
  pd_cases_view_set_filter (self, filter);
}

static void
on_save_filter_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            PdCasesView      *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "save") && *name != '\0')
    gtk_widget_activate_action (GTK_WIDGET (self), "cases.save-filter", "s", name);
}

static void
on_ask_save_filter_activated_cb (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                              _("Save Filter"),
                                              _("The search text and filters shown now are saved under this name."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_filter_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- import and export ---- */

static void
on_imported_cb (PdCasesView    *self,
                GPtrArray      *items,
                PdImportDialog *dialog)
{
  UndoStep *step = undo_step_new ();
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case imported",
                                                         "%u cases imported", items->len), items->len);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (step->remove, g_object_ref (g_ptr_array_index (items, i)));
  fill_cities (self);
  offer_undo (self, step, title);
}

/* Reads @file and shows the import preview; nothing is written until the user
 * confirms it. Returns the preview dialog, or NULL when the file was refused. */
GtkWidget *
pd_cases_view_import_file (PdCasesView *self,
                           GFile       *file)
{
  g_autoptr(PdCaseImport) import = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (PD_IS_CASES_VIEW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  import = pd_case_import_new (self->store);
  if (!pd_case_import_load_file (import, file, &error))
    {
      show_error_toast (self, error);
      return NULL;
    }

  dialog = pd_import_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), import);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               PdCasesView     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      pd_cases_view_import_file (self, file);
    }
  g_object_unref (chooser);
}

static GtkFileFilter *
csv_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  return filter;
}

static void
on_import_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = csv_file_filter ();

  chooser = gtk_file_chooser_native_new (_("Import Employees and Cases"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Writes the cases the table shows, filtered and sorted as shown. */
gboolean
pd_cases_view_export_file (PdCasesView  *self,
                           const char   *path,
                           GError      **error)
{
  g_return_val_if_fail (PD_IS_CASES_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return pd_case_csv_export_file (G_LIST_MODEL (self->table), path, error);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               PdCasesView     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->table));

      if (!pd_cases_view_export_file (self, path, &error))
        show_error_toast (self, error);
      else
        {
          g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case exported",
                                                                 "%u cases exported", n), n);
          show_message (self, title);
        }
    }
  g_object_unref (chooser);
}

static void
on_export_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = csv_file_filter ();

  chooser = gtk_file_chooser_native_new (_("Export Cases"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("cases.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- printing ---- */

static void
on_draw_packet_page_cb (GtkPrintOperation *operation,
                        GtkPrintContext   *context,
                        int                page,
                        PdFilingPacket    *packet)
{
  pd_filing_packet_draw_page (packet, gtk_print_context_get_cairo_context (context),
                              gtk_print_context_get_width (context), gtk_print_context_get_height (context), page);
}

/* The filing packet of the selected case, through the print dialog (which also
 * offers printing to a PDF file). */
static void
on_print_packet_activated_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  PdCasesView *self = PD_CASES_VIEW (widget);
  PdCase *item = pd_cases_view_get_selected_case (self);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(PdChecklist) checklist = NULL;
  g_autoptr(PdFilingPacket) packet = NULL;
  g_autoptr(GError) error = NULL;

  if (item == NULL)
    return;

  checklist = pd_case_index_make_checklist (self->index, item);
  packet = pd_filing_packet_new (item, checklist);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, pd_filing_packet_get_n_pages (packet));
  gtk_print_operation_set_job_name (operation, _("Filing Packet"));
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_packet_page_cb), packet, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error_toast (self, error);
}

/* ---- reminders ---- */

/* One desktop notification per selected open case with a deadline, naming the
 * person and the deadline; returns how many were sent. */
guint
pd_cases_view_send_reminders (PdCasesView *self)
{
  g_autoptr(GPtrArray) selected = NULL;
  GApplication *app = g_application_get_default ();
  guint n_sent = 0;

  g_return_val_if_fail (PD_IS_CASES_VIEW (self), 0);

  selected = pd_cases_view_get_selected_cases (self);
  for (guint i = 0; i < selected->len; i++)
    {
      PdCase *item = g_ptr_array_index (selected, i);
      const PdCaseSummary *summary = pd_case_index_get (self->index, item);
      g_autofree char *name = pd_person_dup_display_name (pd_case_get_person (item));
      g_autofree char *date = pd_case_format_date (&summary->next_deadline);
      g_autofree char *body = NULL;
      g_autofree char *id = NULL;
      g_autoptr(GNotification) notification = NULL;

      if (!g_date_valid (&summary->next_deadline))
        continue;

      /* Translators: a person's name, the kind of case, then a date */
      body = g_strdup_printf (_("%s, %s: next deadline %s"), name,
                              pd_case_kind_to_label (pd_case_get_kind (item)), date);
      notification = g_notification_new (_("Work Permit Deadline"));
      g_notification_set_body (notification, body);
      g_notification_set_default_action (notification, "app.activate");
      id = g_strdup_printf ("reminder-%s", pd_case_get_id (item));
      if (app != NULL)
        g_application_send_notification (app, id, notification);
      n_sent++;
    }

  return n_sent;
}

/* ---- the object ---- */

static void
pd_cases_view_dispose (GObject *object)
{
  PdCasesView *self = PD_CASES_VIEW (object);

  g_clear_handle_id (&self->warm_id, g_source_remove);
  g_clear_handle_id (&self->day_id, g_source_remove);
  g_clear_handle_id (&self->restore_sort_id, g_source_remove);
  forget_paint_clock (self);
  g_signal_handlers_disconnect_by_func (self, on_map_for_sort_cb, NULL);
  if (self->save_widths_id != 0)
    {
      g_clear_handle_id (&self->save_widths_id, g_source_remove);
      save_column_widths_cb (self);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->rows);
  g_clear_object (&self->table);
  g_clear_object (&self->store);
  g_clear_object (&self->index);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->undo, undo_step_free);
  g_clear_object (&self->undo_toast);
  g_clear_pointer (&self->filter, pd_case_filter_free);
  g_clear_pointer (&self->folded_text, g_free);
  g_clear_pointer (&self->cities, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_cases_view_parent_class)->dispose (object);
}

static void
pd_cases_view_class_init (PdCasesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_cases_view_dispose;

  g_type_ensure (PD_TYPE_CASE_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/PermitDesk/pd-cases-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, error_page);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, city_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, saved_button);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, due_week_label);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, filing_label);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, legacy_label);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, pending_label);
  gtk_widget_class_bind_template_child (widget_class, PdCasesView, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_widget_changed_cb);

  gtk_widget_class_install_action (widget_class, "cases.add", NULL, on_add_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.edit", NULL, on_edit_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.delete", NULL, on_delete_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.undo", NULL, on_undo_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.set-status", "s", on_set_status_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.remind", NULL, on_remind_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.print-packet", NULL, on_print_packet_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.import", NULL, on_import_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.export", NULL, on_export_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.focus-search", NULL, on_focus_search_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.clear-filters", NULL, on_clear_filters_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.apply-preset", "s", on_apply_preset_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.ask-save-filter", NULL, on_ask_save_filter_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.save-filter", "s", on_save_filter_activated_cb);
  gtk_widget_class_install_action (widget_class, "cases.apply-saved-filter", "s", on_apply_saved_filter_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "cases.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "cases.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "cases.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "cases.delete", NULL);
}

static void
pd_cases_view_init (PdCasesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->index = pd_case_index_new (NULL);
  self->filter = pd_case_filter_new ();
  self->day_id = g_timeout_add_seconds (60, check_day_cb, self);
  self->cities = g_ptr_array_new_with_free_func (g_free);
  self->settings = g_settings_new ("org.example.PermitDesk");
  add_columns (self);
  set_sorters (self);

  self->table = pd_case_table_new (self->index);
  self->rows = pd_case_rows_new (self->table);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->rows));

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rows, "selection-changed", G_CALLBACK (on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::saved-filters", G_CALLBACK (rebuild_saved_menu), self,
                           G_CONNECT_SWAPPED);

  fill_enum_dropdown (self->kind_dropdown, _("All Kinds"), PD_CASE_KIND_RESIDENCE_PERMIT + 1, kind_label);
  fill_enum_dropdown (self->status_dropdown, _("All Statuses"), PD_CASE_STATUS_WITHDRAWN + 1, status_label);
  fill_cities (self);
  rebuild_saved_menu (self);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  update_state (self);
}

/* ---- public API ---- */

/* A store that failed to open is shown as its error, with the file's name and what to
 * do; the view never falls back to an empty store that could hide the user's data. */
void
pd_cases_view_set_store (PdCasesView  *self,
                         PdStore      *store,
                         const GError *store_error)
{
  g_autoptr(PdRules) rules = NULL;

  g_return_if_fail (PD_IS_CASES_VIEW (self));
  g_return_if_fail (!store || PD_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "cases-changed", G_CALLBACK (on_store_cases_changed_cb), self,
                             G_CONNECT_SWAPPED);

  /* The rules give each case its checklist: deadlines and completeness. */
  rules = pd_application_dup_default_rules (NULL);
  if (self->index != NULL)
    g_signal_handlers_disconnect_by_data (self->index, self);
  g_clear_object (&self->index);
  self->index = pd_case_index_new (rules);
  /* New rules from the portal, or a new day, change deadlines and completeness at once. */
  g_signal_connect_object (self->index, "changed", G_CALLBACK (on_index_changed_cb), self,
                           G_CONNECT_SWAPPED);
  set_sorters (self);
  pd_case_detail_set_store (self->detail, store, self->index);

  pd_case_table_set_index (self->table, self->index);
  pd_case_table_set_model (self->table, store ? pd_store_get_cases (store) : NULL);
  if (store == NULL)
    {
      adw_status_page_set_description (self->error_page,
                                       store_error ? store_error->message : _("The case database is not available."));
      gtk_stack_set_visible_child_name (self->state_stack, "error");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->state_stack, "cases");
    }

  fill_cities (self);
  start_warming (self);
  if (store != NULL)
    restore_sort (self);
  update_state (self);
}

GListModel *
pd_cases_view_get_visible_cases (PdCasesView *self)
{
  g_return_val_if_fail (PD_IS_CASES_VIEW (self), NULL);

  return G_LIST_MODEL (self->table);
}

const PdCaseFilter *
pd_cases_view_get_filter (PdCasesView *self)
{
  g_return_val_if_fail (PD_IS_CASES_VIEW (self), NULL);

  return self->filter;
}

/* Typing more only narrows: GTK then filters the visible items alone. */
static GtkFilterChange
text_change (const char *old_text,
             const char *new_text)
{
  old_text = old_text ? old_text : "";
  new_text = new_text ? new_text : "";
  if (g_str_has_prefix (new_text, old_text))
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (g_str_has_prefix (old_text, new_text))
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

void
pd_cases_view_set_filter (PdCasesView        *self,
                          const PdCaseFilter *filter)
{
  g_autoptr(PdCaseFilter) old = NULL;
  g_autoptr(PdCaseFilter) old_rest = NULL;
  g_autoptr(PdCaseFilter) new_rest = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (PD_IS_CASES_VIEW (self));
  g_return_if_fail (filter != NULL);

  if (pd_case_filter_equal (self->filter, filter))
    {
      show_filter (self);
      return;
    }

  old = g_steal_pointer (&self->filter);
  self->filter = pd_case_filter_copy (filter);
  g_free (self->folded_text);
  self->folded_text = self->filter->text ? pd_search_fold (self->filter->text) : NULL;

  old_rest = pd_case_filter_copy (old);
  new_rest = pd_case_filter_copy (self->filter);
  pd_case_filter_set_text (old_rest, NULL);
  pd_case_filter_set_text (new_rest, NULL);
  if (pd_case_filter_equal (old_rest, new_rest))
    {
      g_autofree char *old_folded = old->text ? pd_search_fold (old->text) : NULL;

      change = text_change (old_folded, self->folded_text);
    }

  show_filter (self);
  refilter (self, change == GTK_FILTER_CHANGE_MORE_STRICT);
}

void
pd_cases_view_set_search_text (PdCasesView *self,
                               const char  *text)
{
  g_autoptr(PdCaseFilter) filter = NULL;
  g_autofree char *stripped = NULL;

  g_return_if_fail (PD_IS_CASES_VIEW (self));

  stripped = g_strstrip (g_strdup (text ? text : ""));
  filter = pd_case_filter_copy (self->filter);
  pd_case_filter_set_text (filter, stripped);
  pd_cases_view_set_filter (self, filter);
}

void
pd_cases_view_sort_by (PdCasesView *self,
                       const char  *column_id,
                       GtkSortType  order)
{
  GListModel *columns;

  g_return_if_fail (PD_IS_CASES_VIEW (self));

  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (column_spec (column)->id, column_id))
        {
          gtk_column_view_sort_by_column (self->column_view, column, order);
          return;
        }
    }

  g_return_if_reached ();
}

void
pd_cases_view_select_cases (PdCasesView  *self,
                            PdCase      **cases,
                            guint         n_cases)
{
  GListModel *model;
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  guint n;

  g_return_if_fail (PD_IS_CASES_VIEW (self));

  for (guint i = 0; i < n_cases; i++)
    {
      PdCase *listed = self->store ? pd_case_list_lookup (PD_CASE_LIST (pd_store_get_cases (self->store)),
                                                          pd_case_get_id (cases[i])) : NULL;

      g_hash_table_add (wanted, listed ? listed : cases[i]);
    }

  model = G_LIST_MODEL (self->table);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n && g_hash_table_size (wanted) > 0; i++)
    {
      g_autoptr(PdCase) item = g_list_model_get_item (model, i);

      if (g_hash_table_contains (wanted, item))
        gtk_bitset_add (selected, i);
    }

  mask = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->rows), selected, mask);
}

void
pd_cases_view_select_case (PdCasesView *self,
                           PdCase      *case_)
{
  g_return_if_fail (PD_IS_CASES_VIEW (self));

  pd_cases_view_select_cases (self, &case_, case_ != NULL ? 1 : 0);
}

/* The selected cases, in table order. */
GPtrArray *
pd_cases_view_get_selected_cases (PdCasesView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GPtrArray *cases = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (PD_IS_CASES_VIEW (self), cases);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->rows));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (cases, g_list_model_get_item (G_LIST_MODEL (self->table), position));

  return cases;
}

/* The selected case when exactly one is selected. */
PdCase *
pd_cases_view_get_selected_case (PdCasesView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(PdCase) item = NULL;

  g_return_val_if_fail (PD_IS_CASES_VIEW (self), NULL);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->rows));
  if (gtk_bitset_get_size (selected) != 1)
    return NULL;

  item = g_list_model_get_item (G_LIST_MODEL (self->table), gtk_bitset_get_nth (selected, 0));
  return item;
}

PdCaseIndex *
pd_cases_view_get_index (PdCasesView *self)
{
  g_return_val_if_fail (PD_IS_CASES_VIEW (self), NULL);

  return self->index;
}

GtkColumnView *
pd_cases_view_get_column_view (PdCasesView *self)
{
  g_return_val_if_fail (PD_IS_CASES_VIEW (self), NULL);

  return self->column_view;
}
