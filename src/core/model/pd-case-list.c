/* pd-case-list.c: a GListModel of cases, with lookup by id
 *
 * The list owns the case objects: a case keeps its identity for as long as it is
 * listed, so views and editors can hold on to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include "pd-case.h"
#include "pd-case-list.h"

struct _PdCaseList
{
  GObject     parent_instance;

  GPtrArray  *items;  /* PdCase, owned */
  GHashTable *by_id;  /* id (borrowed from the case) -> PdCase; NULL until asked */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdCaseList, pd_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
pd_case_list_get_item_type (GListModel *model)
{
  return PD_TYPE_CASE;
}

static guint
pd_case_list_get_n_items (GListModel *model)
{
  return PD_CASE_LIST (model)->items->len;
}

static gpointer
pd_case_list_get_item (GListModel *model,
                       guint       position)
{
  PdCaseList *self = PD_CASE_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pd_case_list_get_item_type;
  iface->get_n_items = pd_case_list_get_n_items;
  iface->get_item = pd_case_list_get_item;
}

static void
items_changed (PdCaseList *self,
               guint       position,
               guint       removed,
               guint       added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
pd_case_list_finalize (GObject *object)
{
  PdCaseList *self = (PdCaseList *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (pd_case_list_parent_class)->finalize (object);
}

static void
pd_case_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PdCaseList *self = PD_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_case_list_class_init (PdCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_case_list_finalize;
  object_class->get_property = pd_case_list_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_case_list_init (PdCaseList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The id → case table, made when first needed: a load lists 100,000 cases
 * before the window shows, and nothing looks one up by id before then. */
static GHashTable *
by_id (PdCaseList *self)
{
  if (self->by_id != NULL)
    return self->by_id;

  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->items->len; i++)
    {
      PdCase *item = g_ptr_array_index (self->items, i);

      /* The first of two with the same id stays the one found. */
      if (!g_hash_table_contains (self->by_id, pd_case_get_id (item)))
        g_hash_table_insert (self->by_id, (gpointer) pd_case_get_id (item), item);
      else
        g_critical ("%s: a case is listed twice", G_STRFUNC);
    }
  return self->by_id;
}

PdCaseList *
pd_case_list_new (void)
{
  return g_object_new (PD_TYPE_CASE_LIST, NULL);
}

/* Inserts @item at @position (clamped to the end). A case is listed at most once:
 * an id already in the list is a programming error. */
void
pd_case_list_insert (PdCaseList *self,
                     guint       position,
                     PdCase     *item)
{
  const char *id;

  g_return_if_fail (PD_IS_CASE_LIST (self));
  g_return_if_fail (PD_IS_CASE (item));

  id = pd_case_get_id (item);
  g_return_if_fail (!g_hash_table_contains (by_id (self), id));

  position = MIN (position, self->items->len);
  g_ptr_array_insert (self->items, position, g_object_ref (item));
  g_hash_table_insert (by_id (self), (gpointer) id, item);
  items_changed (self, position, 0, 1);
}

void
pd_case_list_append (PdCaseList *self,
                     PdCase     *item)
{
  g_return_if_fail (PD_IS_CASE_LIST (self));

  pd_case_list_insert (self, self->items->len, item);
}

/* Appends @n_items cases in order with one items-changed (a load appends
 * 100,000: one signal each cost a tenth of ordering them). As for
 * pd_case_list_insert(), an id already in the list is a programming error;
 * when nothing searched the list by id yet, it is found when something does. */
void
pd_case_list_append_all (PdCaseList       *self,
                         PdCase   * const *items,
                         guint             n_items)
{
  guint position;

  g_return_if_fail (PD_IS_CASE_LIST (self));
  g_return_if_fail (items != NULL || n_items == 0);

  position = self->items->len;
  for (guint i = 0; i < n_items; i++)
    {
      const char *id = pd_case_get_id (items[i]);

      if (self->by_id != NULL)
        {
          if (g_hash_table_contains (self->by_id, id))
            {
              g_critical ("%s: a case is listed twice", G_STRFUNC);
              continue;
            }
          g_hash_table_insert (self->by_id, (gpointer) id, items[i]);
        }
      g_ptr_array_add (self->items, g_object_ref (items[i]));
    }
  if (self->items->len > position)
    items_changed (self, position, 0, self->items->len - position);
}

/* Inserts @item where @compare_func puts it, assuming the list is sorted by it;
 * returns the position. */
guint
pd_case_list_insert_sorted (PdCaseList       *self,
                            PdCase           *item,
                            GCompareDataFunc  compare_func,
                            gpointer          user_data)
{
  guint low = 0;
  guint high;

  g_return_val_if_fail (PD_IS_CASE_LIST (self), 0);
  g_return_val_if_fail (PD_IS_CASE (item), 0);
  g_return_val_if_fail (compare_func != NULL, 0);

  high = self->items->len;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (compare_func (g_ptr_array_index (self->items, middle), item, user_data) <= 0)
        low = middle + 1;
      else
        high = middle;
    }

  pd_case_list_insert (self, low, item);
  return low;
}

gboolean
pd_case_list_find (PdCaseList *self,
                   PdCase     *item,
                   guint      *position)
{
  g_return_val_if_fail (PD_IS_CASE_LIST (self), FALSE);
  g_return_val_if_fail (PD_IS_CASE (item), FALSE);

  if (g_hash_table_lookup (by_id (self), pd_case_get_id (item)) != item)
    return FALSE;

  return g_ptr_array_find (self->items, item, position);
}

/* Removes @item; returns FALSE when it is not in the list. */
gboolean
pd_case_list_remove (PdCaseList *self,
                     PdCase     *item)
{
  guint position;

  g_return_val_if_fail (PD_IS_CASE_LIST (self), FALSE);
  g_return_val_if_fail (PD_IS_CASE (item), FALSE);

  if (!pd_case_list_find (self, item, &position))
    return FALSE;

  g_hash_table_remove (by_id (self), pd_case_get_id (item));
  g_ptr_array_remove_index (self->items, position);
  items_changed (self, position, 1, 0);
  return TRUE;
}

void
pd_case_list_remove_all (PdCaseList *self)
{
  guint n_items;

  g_return_if_fail (PD_IS_CASE_LIST (self));

  n_items = self->items->len;
  if (n_items == 0)
    return;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_ptr_array_set_size (self->items, 0);
  items_changed (self, 0, n_items, 0);
}

/* The listed case with @id, or NULL; O(1). */
PdCase *
pd_case_list_lookup (PdCaseList *self,
                     const char *id)
{
  g_return_val_if_fail (PD_IS_CASE_LIST (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (by_id (self), id);
}
