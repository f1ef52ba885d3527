/* pd-case-rows.c: the rows of the Cases table, for its widgets, and their selection
 *
 * GTK 4.8's list widgets keep a row of widgets per item they show and tell
 * items apart by identity only. Given the cases themselves, a search that
 * changes which cases are shown destroys the row widgets of the cases that
 * went and builds new ones for those that came (200 rows of ten cells:
 * 70-150 ms for one key), and a sort fetches all 100,000 cases again to find
 * where the rows went. So the column view is given rows instead: the item at
 * a position is the same PdCaseRow object for as long as GTK holds it, and
 * shows whichever case the table has at that position. When the table
 * changes, the rows GTK holds (a few hundred) are told their new case
 * ("changed") and the model itself only grows or shrinks at its end. Row
 * widgets are kept and rebound; the view stays where it was.
 *
 * Selection follows the cases, not the positions: a selected case stays
 * selected wherever a sort puts it, and is no longer selected when a search
 * or filter hides it (actions on the selection never reach hidden cases).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-cases-view"

#include "config.h"

#include "pd-case-rows.h"

/* ---- PdCaseRow ---- */

struct _PdCaseRow
{
  GObject     parent_instance;

  PdCaseRows *rows;      /* not owned; NULL once the model is gone */
  guint       position;
  PdCase     *item;
  gulong      notify_id;
};

G_DEFINE_FINAL_TYPE (PdCaseRow, pd_case_row, G_TYPE_OBJECT)

enum {
  ROW_CHANGED,
  N_ROW_SIGNALS
};

static guint row_signals[N_ROW_SIGNALS];

static void
on_row_case_notify_cb (PdCaseRow *self)
{
  g_signal_emit (self, row_signals[ROW_CHANGED], 0);
}

/* Takes @item. Returns whether the row now shows another case. */
static gboolean
pd_case_row_take_case (PdCaseRow *self,
                       PdCase    *item)
{
  if (item == self->item)
    {
      g_clear_object (&item);
      return FALSE;
    }

  g_clear_signal_handler (&self->notify_id, self->item);
  g_clear_object (&self->item);
  self->item = item;
  if (item != NULL)
    self->notify_id = g_signal_connect_swapped (item, "notify", G_CALLBACK (on_row_case_notify_cb), self);
  return TRUE;
}

static void pd_case_rows_forget_row (PdCaseRows *self,
                                     PdCaseRow  *row);

static void
pd_case_row_dispose (GObject *object)
{
  PdCaseRow *self = PD_CASE_ROW (object);

  if (self->rows != NULL)
    pd_case_rows_forget_row (self->rows, self);
  pd_case_row_take_case (self, NULL);

  G_OBJECT_CLASS (pd_case_row_parent_class)->dispose (object);
}

static void
pd_case_row_class_init (PdCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_case_row_dispose;

  /**
   * PdCaseRow::changed:
   *
   * The row shows another case, or its case changed.
   */
  row_signals[ROW_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pd_case_row_init (PdCaseRow *self)
{
}

/* The case the row shows. */
PdCase *
pd_case_row_get_case (PdCaseRow *self)
{
  g_return_val_if_fail (PD_IS_CASE_ROW (self), NULL);

  return self->item;
}

guint
pd_case_row_get_position (PdCaseRow *self)
{
  g_return_val_if_fail (PD_IS_CASE_ROW (self), 0);

  return self->position;
}

/* ---- PdCaseRows ---- */

struct _PdCaseRows
{
  GObject      parent_instance;

  PdCaseTable *table;
  guint        n_items;
  GHashTable  *rows;       /* position → PdCaseRow, those alive (not owned) */
  GHashTable  *selected;   /* PdCase (owned) */
  GtkBitset   *selection;  /* positions of the selected, NULL until asked */
};

static void pd_case_rows_list_model_init      (GListModelInterface        *iface);
static void pd_case_rows_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdCaseRows, pd_case_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pd_case_rows_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, pd_case_rows_selection_model_init))

static void
pd_case_rows_forget_row (PdCaseRows *self,
                         PdCaseRow  *row)
{
  gpointer key = GUINT_TO_POINTER (row->position);

  if (g_hash_table_lookup (self->rows, key) == row)
    g_hash_table_remove (self->rows, key);
  row->rows = NULL;
}

static GType
pd_case_rows_get_item_type (GListModel *model)
{
  return PD_TYPE_CASE_ROW;
}

static guint
pd_case_rows_get_n_items (GListModel *model)
{
  return PD_CASE_ROWS (model)->n_items;
}

static gpointer
pd_case_rows_get_item (GListModel *model,
                       guint       position)
{
  PdCaseRows *self = PD_CASE_ROWS (model);
  PdCaseRow *row;

  if (position >= self->n_items)
    return NULL;

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);

  row = g_object_new (PD_TYPE_CASE_ROW, NULL);
  row->rows = self;
  row->position = position;
  pd_case_row_take_case (row, g_object_ref (pd_case_table_peek (self->table, position)));
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);
  return row;
}

static void
pd_case_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pd_case_rows_get_item_type;
  iface->get_n_items = pd_case_rows_get_n_items;
  iface->get_item = pd_case_rows_get_item;
}

/* ---- selection ---- */

static gboolean
pd_case_rows_is_selected (GtkSelectionModel *model,
                          guint              position)
{
  PdCaseRows *self = PD_CASE_ROWS (model);

  return position < self->n_items && g_hash_table_size (self->selected) > 0 &&
         g_hash_table_contains (self->selected, pd_case_table_peek (self->table, position));
}

/* The positions of the selected cases: one pass over the table, kept until
 * the selection or the table changes. */
static GtkBitset *
ensure_selection (PdCaseRows *self)
{
  if (self->selection != NULL)
    return self->selection;

  self->selection = gtk_bitset_new_empty ();
  if (g_hash_table_size (self->selected) > 0)
    for (guint i = 0; i < self->n_items; i++)
      if (g_hash_table_contains (self->selected, pd_case_table_peek (self->table, i)))
        gtk_bitset_add (self->selection, i);

  return self->selection;
}

static GtkBitset *
pd_case_rows_get_selection_in_range (GtkSelectionModel *model,
                                     guint              position,
                                     guint              n_items)
{
  PdCaseRows *self = PD_CASE_ROWS (model);
  GtkBitset *range;

  if (g_hash_table_size (self->selected) == 0 || position >= self->n_items)
    return gtk_bitset_new_empty ();

  range = gtk_bitset_new_range (position, MIN (n_items, self->n_items - position));
  gtk_bitset_intersect (range, ensure_selection (self));
  return range;
}

static gboolean
pd_case_rows_set_selection (GtkSelectionModel *model,
                            GtkBitset         *selected,
                            GtkBitset         *mask)
{
  PdCaseRows *self = PD_CASE_ROWS (model);
  g_autoptr(GtkBitset) changing = gtk_bitset_new_range (0, self->n_items);
  GtkBitsetIter iter;
  guint position, first, last;

  gtk_bitset_intersect (changing, mask);
  if (gtk_bitset_is_empty (changing))
    return TRUE;

  first = gtk_bitset_get_minimum (changing);
  last = gtk_bitset_get_maximum (changing);
  if (gtk_bitset_get_size (changing) == self->n_items)
    {
      /* Everything changes (a click that unselects the rest): start afresh. */
      g_hash_table_remove_all (self->selected);
      gtk_bitset_intersect (changing, selected);
      for (gboolean ok = gtk_bitset_iter_init_first (&iter, changing, &position); ok;
           ok = gtk_bitset_iter_next (&iter, &position))
        g_hash_table_add (self->selected, g_object_ref (pd_case_table_peek (self->table, position)));
    }
  else
    {
      for (gboolean ok = gtk_bitset_iter_init_first (&iter, changing, &position); ok;
           ok = gtk_bitset_iter_next (&iter, &position))
        {
          PdCase *item = pd_case_table_peek (self->table, position);

          if (gtk_bitset_contains (selected, position))
            {
              if (!g_hash_table_contains (self->selected, item))
                g_hash_table_add (self->selected, g_object_ref (item));
            }
          else
            g_hash_table_remove (self->selected, item);
        }
    }

  g_clear_pointer (&self->selection, gtk_bitset_unref);
  gtk_selection_model_selection_changed (model, first, last - first + 1);
  return TRUE;
}

static void
pd_case_rows_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = pd_case_rows_is_selected;
  iface->get_selection_in_range = pd_case_rows_get_selection_in_range;
  iface->set_selection = pd_case_rows_set_selection;
}

/* ---- following the table ---- */

/* Keeps the selected cases that are still shown, and their positions. */
static void
keep_shown_selected (PdCaseRows *self)
{
  g_autoptr(GHashTable) before = self->selected;

  g_clear_pointer (&self->selection, gtk_bitset_unref);
  self->selected = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->selection = gtk_bitset_new_empty ();
  for (guint i = 0; i < self->n_items && g_hash_table_size (before) > 0; i++)
    {
      PdCase *item = pd_case_table_peek (self->table, i);

      if (g_hash_table_steal (before, item))
        {
          g_hash_table_add (self->selected, item);
          gtk_bitset_add (self->selection, i);
        }
    }
}

static void
on_table_items_changed_cb (PdCaseRows *self,
                           guint       position,
                           guint       removed,
                           guint       added)
{
  guint n_before = self->n_items;
  guint n_after = g_list_model_get_n_items (G_LIST_MODEL (self->table));
  gboolean had_selection = g_hash_table_size (self->selected) > 0;
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  PdCaseRow *row;

  self->n_items = n_after;
  if (had_selection)
    keep_shown_selected (self);
  else
    g_clear_pointer (&self->selection, gtk_bitset_unref);

  /* The rows GTK holds show their position's new case; those past the new end
   * keep theirs until GTK lets them go below. Handlers may create rows, so the
   * rows are collected first. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    if (row->position >= position && row->position < n_after)
      g_ptr_array_add (moved, g_object_ref (row));
  for (guint i = 0; i < moved->len; i++)
    {
      row = g_ptr_array_index (moved, i);
      if (pd_case_row_take_case (row, g_object_ref (pd_case_table_peek (self->table, row->position))))
        g_signal_emit (row, row_signals[ROW_CHANGED], 0);
    }

  if (n_after < n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), n_after, n_before - n_after, 0);
  else if (n_after > n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, n_after - n_before);

  if ((had_selection || g_hash_table_size (self->selected) > 0) && n_after > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), 0, n_after);
}

static void
pd_case_rows_dispose (GObject *object)
{
  PdCaseRows *self = PD_CASE_ROWS (object);
  GHashTableIter iter;
  PdCaseRow *row;

  if (self->rows != NULL)
    {
      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
        row->rows = NULL;
      g_clear_pointer (&self->rows, g_hash_table_unref);
    }
  if (self->table != NULL)
    g_signal_handlers_disconnect_by_func (self->table, on_table_items_changed_cb, self);
  g_clear_object (&self->table);
  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_pointer (&self->selection, gtk_bitset_unref);

  G_OBJECT_CLASS (pd_case_rows_parent_class)->dispose (object);
}

static void
pd_case_rows_class_init (PdCaseRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_case_rows_dispose;
}

static void
pd_case_rows_init (PdCaseRows *self)
{
  self->rows = g_hash_table_new (NULL, NULL);
  self->selected = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

PdCaseRows *
pd_case_rows_new (PdCaseTable *table)
{
  PdCaseRows *self;

  g_return_val_if_fail (PD_IS_CASE_TABLE (table), NULL);

  self = g_object_new (PD_TYPE_CASE_ROWS, NULL);
  self->table = g_object_ref (table);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (table));
  g_signal_connect_swapped (table, "items-changed", G_CALLBACK (on_table_items_changed_cb), self);
  return self;
}

/* Every row shows its case again: what the cells show of it changed without
 * the case changing (a new day, new rules). */
void
pd_case_rows_refresh (PdCaseRows *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  PdCaseRow *row;

  g_return_if_fail (PD_IS_CASE_ROWS (self));

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    g_ptr_array_add (rows, g_object_ref (row));
  for (guint i = 0; i < rows->len; i++)
    g_signal_emit (g_ptr_array_index (rows, i), row_signals[ROW_CHANGED], 0);
}

PdCaseTable *
pd_case_rows_get_table (PdCaseRows *self)
{
  g_return_val_if_fail (PD_IS_CASE_ROWS (self), NULL);

  return self->table;
}
