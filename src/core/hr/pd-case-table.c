/* pd-case-table.c: the cases of the HR table, sorted and filtered in one model
 *
 * GtkSortListModel sorts 100,000 cases through a GtkSorter, one callback and
 * two summary lookups per comparison (GTK 4.8 gives custom sorters no sort
 * keys), and GtkFilterListModel then filters through another callback per
 * case. This model keeps the cases in an array with their summaries beside
 * them: a sort is one g_qsort_with_data() over that array, ordered by an integer key per
 * case computed once per sort, a filter one pass over it (over
 * the cases still shown when the search only got narrower), and each change
 * is announced with one items-changed covering what actually differs.
 *
 * Columns of text have keys of their first bytes only, so their ties are
 * compared in full (a fifth of the cost of the sort with the objects' memory
 * all read again). A full sort by such a column leaves the rank of each case
 * behind: sorts by it then compare integers alone until a summary changes.
 * pd_case_table_prepare_sort() makes them ahead of need.
 *
 * The results of a search typed letter by letter are kept while the order and
 * the summaries stay as they are: deleting letters again shows one of them
 * without a pass over every case. A refresh (cases changed) forgets them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-hr"

#include "config.h"

#include <string.h>

#include "pd-case-table.h"
#include "pd-pinyin.h"

typedef struct {
  guint64              key;      /* of the sort column, set before every sort */
  PdCase              *item;
  const PdCaseSummary *summary;  /* refreshed before every sort and filter */
  guint32              slot;     /* position in the cases model */
} Row;

/* The rank of each case (by slot) in the order of one column; cases the
 * column finds equal have the same rank. */
typedef struct {
  PdCaseCompareFunc  compare;
  guint32           *ranks;
} Ranks;

/* One search of a chain typed letter by letter, and what it showed. */
typedef struct {
  PdCaseFilter *filter;
  guint        *visible;
  guint         n_visible;
} Step;

/* At most this many letters of a search are remembered. */
#define MAX_STEPS 64

struct _PdCaseTable
{
  GObject            parent_instance;

  GListModel        *cases;
  PdCaseIndex       *index;
  Row               *rows;       /* every case, in the order of the sort */
  guint              n_rows;
  guint             *visible;    /* indexes into rows; NULL without a filter: all */
  guint              n_visible;
  PdCaseCompareFunc  compare;    /* NULL: the order of the cases model */
  PdCaseKeyFunc      key;        /* NULL: compare alone orders */
  gboolean           exact_key;
  gboolean           sort_complete; /* the order needs complete summaries */
  gboolean           sort_exact; /* during a sort: equal keys are equal cases */
  gboolean           descending;
  GArray            *ranks;      /* of Ranks, valid for ranks_computed */
  guint              ranks_computed;
  GPtrArray         *steps;      /* of Step, each narrower than the one before */
  guint              steps_computed;
  /* The index's count of computed summaries when the order, and what is
   * shown, were last worked out from every case: a refresh with the same
   * count has nothing to do. */
  guint              sorted_computed;
  guint              filtered_computed;
  /* Every row's summary pointer was checked under these counts: while no
   * case and nothing of the index changed since, the pointers are current
   * and a pass need not look at the cases. */
  gboolean           checked;
  gboolean           checked_complete;  /* the summaries checked were complete ones */
  guint              checked_changes;
  guint              checked_generation;
  PdCaseFilter      *filter;     /* NULL when empty */
  char              *folded_text;
};

static void pd_case_table_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdCaseTable, pd_case_table, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pd_case_table_list_model_init))

static GType
pd_case_table_get_item_type (GListModel *model)
{
  return PD_TYPE_CASE;
}

static guint
pd_case_table_get_n_items (GListModel *model)
{
  PdCaseTable *self = PD_CASE_TABLE (model);

  return self->visible != NULL ? self->n_visible : self->n_rows;
}

static PdCase *
visible_case (PdCaseTable *self,
              guint        position)
{
  return self->rows[self->visible != NULL ? self->visible[position] : position].item;
}

static gpointer
pd_case_table_get_item (GListModel *model,
                        guint       position)
{
  PdCaseTable *self = PD_CASE_TABLE (model);

  if (position >= pd_case_table_get_n_items (model))
    return NULL;

  return g_object_ref (visible_case (self, position));
}

/* The case at @position without a reference: no case object is touched, so a
 * pass over every position reads the table's arrays alone. */
PdCase *
pd_case_table_peek (PdCaseTable *self,
                    guint        position)
{
  g_return_val_if_fail (PD_IS_CASE_TABLE (self), NULL);

  if (position >= pd_case_table_get_n_items (G_LIST_MODEL (self)))
    return NULL;

  return visible_case (self, position);
}

static void
pd_case_table_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pd_case_table_get_item_type;
  iface->get_n_items = pd_case_table_get_n_items;
  iface->get_item = pd_case_table_get_item;
}

static void
clear_rows (PdCaseTable *self)
{
  g_ptr_array_set_size (self->steps, 0);
  for (guint i = 0; i < self->n_rows; i++)
    g_object_unref (self->rows[i].item);
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->visible, g_free);
  self->n_rows = 0;
  self->n_visible = 0;
  self->checked = FALSE;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  pd_case_filter_free (step->filter);
  g_free (step->visible);
  g_free (step);
}

static void
clear_ranks (PdCaseTable *self)
{
  for (guint i = 0; i < self->ranks->len; i++)
    g_free (g_array_index (self->ranks, Ranks, i).ranks);
  g_array_set_size (self->ranks, 0);
}

static void
pd_case_table_finalize (GObject *object)
{
  PdCaseTable *self = (PdCaseTable *) object;

  clear_rows (self);
  if (self->cases != NULL)
    g_signal_handlers_disconnect_by_data (self->cases, self);
  g_clear_object (&self->cases);
  g_clear_object (&self->index);
  g_clear_pointer (&self->filter, pd_case_filter_free);
  g_clear_pointer (&self->folded_text, g_free);
  clear_ranks (self);
  g_array_unref (self->ranks);
  g_ptr_array_unref (self->steps);

  G_OBJECT_CLASS (pd_case_table_parent_class)->finalize (object);
}

static void
pd_case_table_class_init (PdCaseTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_case_table_finalize;
}

static void
pd_case_table_init (PdCaseTable *self)
{
  self->ranks = g_array_new (FALSE, FALSE, sizeof (Ranks));
  self->steps = g_ptr_array_new_with_free_func (step_free);
}

/* ---- the work ---- */

static gboolean
summaries_checked (PdCaseTable *self,
                   gboolean     complete)
{
  return self->checked && (self->checked_complete || !complete) &&
         self->checked_changes == pd_case_get_change_count () &&
         self->checked_generation == pd_case_index_get_generation (self->index);
}

/* After a pass that checked every row, with the counts read before it. */
static void
mark_checked (PdCaseTable *self,
              gboolean     complete,
              guint        changes,
              guint        generation)
{
  self->checked = TRUE;
  self->checked_complete = complete;
  self->checked_changes = changes;
  self->checked_generation = generation;
}

static inline const PdCaseSummary *
summary_of (PdCaseTable *self,
            PdCase      *item,
            gboolean     complete)
{
  return complete ? pd_case_index_get_unchecked (self->index, item)
                  : pd_case_index_get_basic_unchecked (self->index, item);
}

/* The basic summaries of the rows at @positions (all rows when NULL), made on
 * two cores when many are missing (pd_case_index_ensure_basic()). */
static void
ensure_basic (PdCaseTable *self,
              const guint *positions,
              guint        n_positions)
{
  g_autofree PdCase **items = g_new (PdCase *, MAX (n_positions, 1));

  for (guint i = 0; i < n_positions; i++)
    items[i] = self->rows[positions != NULL ? positions[i] : i].item;
  pd_case_index_ensure_basic (self->index, items, n_positions);
}

/* Makes every row's summary current: complete ones, or at least basic ones. */
static void
refresh_summaries (PdCaseTable *self,
                   gboolean     complete)
{
  guint changes = pd_case_get_change_count (), generation = pd_case_index_get_generation (self->index);

  if (summaries_checked (self, complete))
    return;
  ensure_basic (self, NULL, self->n_rows);
  for (guint i = 0; i < self->n_rows; i++)
    self->rows[i].summary = summary_of (self, self->rows[i].item, complete);
  mark_checked (self, complete, changes, generation);
}

static gboolean
filter_needs_complete (PdCaseTable *self)
{
  return self->filter != NULL && pd_case_filter_needs_checklist (self->filter);
}

/* Ascending; a descending sort reverses the result. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  PdCaseTable *self = data;
  const Row *x = a, *y = b;
  int result = 0;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (!self->sort_exact)
    result = self->compare (x->item, x->summary, y->item, y->summary);

  /* Ties by identity: the order is total, so a sort gives the same order each time. */
  if (result == 0)
    result = (x->item > y->item) - (x->item < y->item);
  return result;
}

static void
read_rows (PdCaseTable *self)
{
  clear_rows (self);
  if (self->cases == NULL)
    return;

  self->n_rows = g_list_model_get_n_items (self->cases);
  self->rows = g_new0 (Row, self->n_rows);
  for (guint i = 0; i < self->n_rows; i++)
    {
      self->rows[i].item = g_list_model_get_item (self->cases, i);
      self->rows[i].slot = i;
    }
}

/* The ranks for @compare, if made since the last change of any summary. */
static const guint32 *
lookup_ranks (PdCaseTable       *self,
              PdCaseCompareFunc  compare)
{
  if (self->ranks_computed != pd_case_index_get_n_computed (self->index))
    clear_ranks (self);

  for (guint i = 0; i < self->ranks->len; i++)
    if (g_array_index (self->ranks, Ranks, i).compare == compare)
      return g_array_index (self->ranks, Ranks, i).ranks;

  return NULL;
}

/* Keeps the ranks of @rows, sorted in full by @compare. */
static void
save_ranks (PdCaseTable       *self,
            PdCaseCompareFunc  compare,
            const Row         *rows)
{
  Ranks ranks = { compare, g_new (guint32, MAX (self->n_rows, 1)) };
  guint32 rank = 0;

  for (guint i = 0; i < self->n_rows; i++)
    {
      if (i > 0 && compare (rows[i - 1].item, rows[i - 1].summary, rows[i].item, rows[i].summary) != 0)
        rank++;
      ranks.ranks[rows[i].slot] = rank;
    }

  self->ranks_computed = pd_case_index_get_n_computed (self->index);
  g_array_append_val (self->ranks, ranks);
}

/* Sets the key of every row for a sort by the current column; TRUE when
 * equal keys are equal cases. */
static gboolean
set_keys (PdCaseTable *self,
          Row         *rows)
{
  const guint32 *ranks = self->exact_key ? NULL : lookup_ranks (self, self->compare);

  for (guint i = 0; i < self->n_rows; i++)
    rows[i].key = ranks != NULL ? ranks[rows[i].slot] : self->key != NULL ? self->key (rows[i].summary) : 0;

  return ranks != NULL || self->exact_key;
}

static void
sort_rows (PdCaseTable *self)
{
  if (self->compare == NULL)
    {
      read_rows (self);
      self->sorted_computed = pd_case_index_get_n_computed (self->index);
      return;
    }

  g_ptr_array_set_size (self->steps, 0);
  refresh_summaries (self, self->sort_complete);
  self->sort_exact = set_keys (self, self->rows);
  g_qsort_with_data (self->rows, self->n_rows, sizeof (Row), compare_rows, self);
  if (!self->sort_exact)
    save_ranks (self, self->compare, self->rows);
  if (self->descending)
    for (guint i = 0, j = self->n_rows; i + 1 < j; i++, j--)
      {
        Row row = self->rows[i];

        self->rows[i] = self->rows[j - 1];
        self->rows[j - 1] = row;
      }
  self->sorted_computed = pd_case_index_get_n_computed (self->index);
}

/* A search of the chain shown again, if nothing changed since. */
static gboolean
reuse_step (PdCaseTable *self)
{
  for (guint i = self->steps->len; i-- > 0;)
    {
      Step *step = g_ptr_array_index (self->steps, i);

      if (pd_case_filter_equal (step->filter, self->filter))
        {
          g_free (self->visible);
          self->visible = g_memdup2 (step->visible, sizeof (guint) * MAX (step->n_visible, 1));
          self->n_visible = step->n_visible;
          g_ptr_array_set_size (self->steps, i + 1);
          return TRUE;
        }
    }

  return FALSE;
}

/* Remembers what the filter shows now, at the end of the chain when it is
 * narrower than the last one, else as the start of a new chain. */
static void
push_step (PdCaseTable *self,
           gboolean     narrower)
{
  Step *step;

  if (!narrower)
    g_ptr_array_set_size (self->steps, 0);
  if (self->steps->len >= MAX_STEPS)
    return;

  step = g_new (Step, 1);
  step->filter = pd_case_filter_copy (self->filter);
  step->visible = g_memdup2 (self->visible, sizeof (guint) * MAX (self->n_visible, 1));
  step->n_visible = self->n_visible;
  g_ptr_array_add (self->steps, step);
}

/* Narrower: only the cases shown now can still match. */
static void
filter_rows (PdCaseTable *self,
             gboolean     narrower)
{
  const GDate *today = pd_case_index_get_today (self->index);
  guint n_computed = pd_case_index_get_n_computed (self->index);
  guint *candidates = NULL;
  guint n_candidates = self->n_rows;
  guint *visible;
  guint n_visible = 0;
  gboolean candidates_were_all;
  gboolean complete = filter_needs_complete (self);
  gboolean checked = summaries_checked (self, complete);
  guint changes = pd_case_get_change_count (), generation = pd_case_index_get_generation (self->index);

  if (self->filter == NULL)
    {
      g_clear_pointer (&self->visible, g_free);
      g_ptr_array_set_size (self->steps, 0);
      self->filtered_computed = n_computed;
      return;
    }

  /* What earlier steps showed is stale once a case, the day or the rules changed. */
  if (self->steps_computed != n_computed || !checked)
    g_ptr_array_set_size (self->steps, 0);
  if (!narrower && reuse_step (self))
    return;

  if (narrower && self->visible != NULL)
    {
      candidates = g_steal_pointer (&self->visible);
      n_candidates = self->n_visible;
    }
  candidates_were_all = candidates == NULL;

  /* Each summary checked in the same pass that reads it: one walk over the
   * cases' memory instead of two (after the basic ones missing are made). */
  if (!checked)
    ensure_basic (self, candidates, n_candidates);
  visible = g_new (guint, MAX (n_candidates, 1));
  for (guint i = 0; i < n_candidates; i++)
    {
      guint row = candidates != NULL ? candidates[i] : i;
      Row *r = &self->rows[row];

      if (!checked)
        r->summary = summary_of (self, r->item, complete);
      if (pd_case_filter_matches (self->filter, self->folded_text, r->summary, today))
        visible[n_visible++] = row;
    }

  if (!checked && candidates_were_all)
    mark_checked (self, complete, changes, generation);
  g_free (candidates);
  g_free (self->visible);
  self->visible = visible;
  self->n_visible = n_visible;

  /* A summary computed in this pass may have changed what earlier steps show. */
  push_step (self, narrower && pd_case_index_get_n_computed (self->index) == n_computed);
  self->steps_computed = pd_case_index_get_n_computed (self->index);
  if (candidates_were_all)
    self->filtered_computed = self->steps_computed;
}

typedef struct {
  PdCase **items;
  guint    n_items;
} Snapshot;

static void
take_snapshot (PdCaseTable *self,
               Snapshot    *snapshot)
{
  snapshot->n_items = pd_case_table_get_n_items (G_LIST_MODEL (self));
  snapshot->items = g_new (PdCase *, MAX (snapshot->n_items, 1));
  for (guint i = 0; i < snapshot->n_items; i++)
    snapshot->items[i] = visible_case (self, i);
}

/* One items-changed for the span between the unchanged head and tail. The
 * snapshot's pointers are compared, never followed: they may be gone. */
static void
announce (PdCaseTable *self,
          Snapshot    *before)
{
  guint n_after = pd_case_table_get_n_items (G_LIST_MODEL (self));
  guint head = 0, tail = 0;

  while (head < before->n_items && head < n_after && before->items[head] == visible_case (self, head))
    head++;
  while (tail < before->n_items - head && tail < n_after - head &&
         before->items[before->n_items - 1 - tail] == visible_case (self, n_after - 1 - tail))
    tail++;

  g_free (before->items);
  if (head + tail < before->n_items || head + tail < n_after)
    g_list_model_items_changed (G_LIST_MODEL (self), head, before->n_items - head - tail, n_after - head - tail);
}

static void
update (PdCaseTable *self,
        gboolean     reorder,
        gboolean     narrower)
{
  Snapshot before;

  take_snapshot (self, &before);
  if (reorder)
    sort_rows (self);
  filter_rows (self, narrower && !reorder);
  announce (self, &before);
}

static void
on_cases_changed_cb (GListModel  *cases,
                     guint        position,
                     guint        removed,
                     guint        added,
                     PdCaseTable *self)
{
  Snapshot before;

  take_snapshot (self, &before);
  read_rows (self);
  clear_ranks (self);
  if (self->compare != NULL)
    sort_rows (self);
  filter_rows (self, FALSE);
  announce (self, &before);
}

/* ---- public API ---- */

PdCaseTable *
pd_case_table_new (PdCaseIndex *index)
{
  PdCaseTable *self;

  g_return_val_if_fail (PD_IS_CASE_INDEX (index), NULL);

  self = g_object_new (PD_TYPE_CASE_TABLE, NULL);
  self->index = g_object_ref (index);
  return self;
}

/* Summaries come from @index from now on; the order and filter are applied again. */
void
pd_case_table_set_index (PdCaseTable *self,
                         PdCaseIndex *index)
{
  g_return_if_fail (PD_IS_CASE_TABLE (self));
  g_return_if_fail (PD_IS_CASE_INDEX (index));

  g_set_object (&self->index, index);
  self->checked = FALSE;
  clear_ranks (self);
  g_ptr_array_set_size (self->steps, 0);
  if (self->compare != NULL || self->filter != NULL)
    update (self, self->compare != NULL, FALSE);
}

void
pd_case_table_set_model (PdCaseTable *self,
                         GListModel  *cases)
{
  g_return_if_fail (PD_IS_CASE_TABLE (self));
  g_return_if_fail (cases == NULL || G_IS_LIST_MODEL (cases));

  if (self->cases != NULL)
    g_signal_handlers_disconnect_by_data (self->cases, self);
  g_set_object (&self->cases, cases);
  if (cases != NULL)
    g_signal_connect (cases, "items-changed", G_CALLBACK (on_cases_changed_cb), self);
  on_cases_changed_cb (cases, 0, 0, 0, self);
}

/* Sorts by @compare (NULL: the order of the cases model), reversed when
 * @descending. @key (may be NULL) gives each case a number in the same order,
 * compared first: when @exact_key, equal numbers are equal cases and
 * @compare is not called. @complete: @compare and @key read what only complete
 * summaries have (the checklist's deadlines, completeness), else basic ones do. */
void
pd_case_table_set_sort (PdCaseTable       *self,
                        PdCaseCompareFunc  compare,
                        PdCaseKeyFunc      key,
                        gboolean           exact_key,
                        gboolean           complete,
                        gboolean           descending)
{
  g_return_if_fail (PD_IS_CASE_TABLE (self));
  g_return_if_fail (compare != NULL || key == NULL);

  self->compare = compare;
  self->key = key;
  self->exact_key = key != NULL && exact_key;
  self->sort_complete = compare != NULL && complete;
  self->descending = descending;
  update (self, TRUE, FALSE);
}

/* Shows the cases @filter matches (NULL: all). @narrower says that every case
 * it matches was matched before (more search text), so only those are checked. */
void
pd_case_table_set_filter (PdCaseTable        *self,
                          const PdCaseFilter *filter,
                          gboolean            narrower)
{
  g_return_if_fail (PD_IS_CASE_TABLE (self));

  g_clear_pointer (&self->filter, pd_case_filter_free);
  g_clear_pointer (&self->folded_text, g_free);
  if (filter != NULL && !pd_case_filter_is_empty (filter))
    {
      self->filter = pd_case_filter_copy (filter);
      self->folded_text = filter->text != NULL ? pd_search_fold (filter->text) : NULL;
    }
  update (self, FALSE, narrower);
}

/* Sorts and filters again: cases changed in place (a save), or the day did. */
void
pd_case_table_refresh (PdCaseTable *self)
{
  g_return_if_fail (PD_IS_CASE_TABLE (self));

  /* Changed cases may not have their summaries computed again yet. */
  g_ptr_array_set_size (self->steps, 0);
  if (self->compare == NULL && self->filter == NULL)
    return;
  refresh_summaries (self, self->sort_complete || filter_needs_complete (self));

  /* A save that added or removed cases sorted them already, when the list
   * changed: the same work again would double the cost of the save. */
  if (self->sorted_computed == pd_case_index_get_n_computed (self->index) &&
      self->filtered_computed == self->sorted_computed)
    return;

  update (self, self->compare != NULL, FALSE);
}

/* Sorts by @compare and @key aside, without changing the order shown, so
 * that the next sort by them compares ranks (see above). */
void
pd_case_table_prepare_sort (PdCaseTable       *self,
                            PdCaseCompareFunc  compare,
                            PdCaseKeyFunc      key,
                            gboolean           complete)
{
  PdCaseCompareFunc shown_compare;
  PdCaseKeyFunc shown_key;
  gboolean shown_exact;
  g_autofree Row *rows = NULL;

  g_return_if_fail (PD_IS_CASE_TABLE (self));
  g_return_if_fail (compare != NULL);

  refresh_summaries (self, complete);
  if (self->n_rows == 0 || lookup_ranks (self, compare) != NULL)
    return;

  shown_compare = self->compare;
  shown_key = self->key;
  shown_exact = self->exact_key;
  self->compare = compare;
  self->key = key;
  self->exact_key = FALSE;
  rows = g_memdup2 (self->rows, sizeof (Row) * self->n_rows);
  self->sort_exact = set_keys (self, rows);
  g_qsort_with_data (rows, self->n_rows, sizeof (Row), compare_rows, self);
  save_ranks (self, compare, rows);
  self->compare = shown_compare;
  self->key = shown_key;
  self->exact_key = shown_exact;
}
