/* pd-model-util.c: helpers shared by the model types
 *
 * The model objects are plain property bags; copying, applying and comparing them
 * goes through their properties so a property added later is never forgotten.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include "pd-model-private.h"

/* Each setter stores a copy and reports whether anything changed, so that
 * notify is emitted only for a real change. */
gboolean
pd_model_set_string (char       **slot,
                     const char  *value)
{
  g_assert (slot != NULL);

  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

gboolean
pd_model_date_equal (const GDate *a,
                     const GDate *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_date_compare (a, b) == 0;
}

/* An invalid (cleared) GDate means "unknown", like NULL. */
gboolean
pd_model_set_date (GDate       **slot,
                   const GDate  *value)
{
  g_assert (slot != NULL);

  if (value != NULL && !g_date_valid (value))
    value = NULL;

  if (pd_model_date_equal (*slot, value))
    return FALSE;

  g_clear_pointer (slot, g_date_free);
  if (value != NULL)
    *slot = g_date_copy (value);
  return TRUE;
}

/* Timestamps are kept in UTC whatever zone the caller used. */
gboolean
pd_model_set_date_time (GDateTime **slot,
                        GDateTime  *value)
{
  g_assert (slot != NULL);

  if (*slot == NULL || value == NULL)
    {
      if (*slot == value)
        return FALSE;
    }
  else if (g_date_time_equal (*slot, value))
    {
      return FALSE;
    }

  g_clear_pointer (slot, g_date_time_unref);
  if (value != NULL)
    *slot = g_date_time_to_utc (value);
  return TRUE;
}

char *
pd_model_new_id (const char *id)
{
  if (id != NULL && *id != '\0')
    return g_strdup (id);

  return g_uuid_string_random ();
}

static gboolean
is_object_pspec (GParamSpec *pspec)
{
  return g_type_is_a (pspec->value_type, G_TYPE_OBJECT);
}

/* A new object of the same type, same id, with every scalar property copied.
 * Object-valued properties are left to the caller (PdCase copies them deeply). */
GObject *
pd_model_object_copy (GObject *source)
{
  g_autoptr(GObject) copy = NULL;
  g_autofree char *id = NULL;

  g_assert (G_IS_OBJECT (source));

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (source), "id") != NULL)
    g_object_get (source, "id", &id, NULL);

  copy = g_object_new (G_OBJECT_TYPE (source), id != NULL ? "id" : NULL, id, NULL);
  pd_model_object_apply (copy, source);
  return g_steal_pointer (&copy);
}

/* Copies every writable scalar property; the setters notify only what changed. */
void
pd_model_object_apply (GObject *target,
                       GObject *source)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_assert (G_IS_OBJECT (target));
  g_assert (G_OBJECT_TYPE (target) == G_OBJECT_TYPE (source));

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (source), &n_pspecs);
  g_object_freeze_notify (target);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) value = G_VALUE_INIT;

      if (!(pspec->flags & G_PARAM_WRITABLE) || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) ||
          is_object_pspec (pspec))
        continue;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (source, pspec->name, &value);
      g_object_set_property (target, pspec->name, &value);
    }
  g_object_thaw_notify (target);
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  GType type = pspec->value_type;

  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;

  if (type == G_TYPE_DATE)
    return pd_model_date_equal (g_value_get_boxed (a), g_value_get_boxed (b));

  if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *da = g_value_get_boxed (a);
      GDateTime *db = g_value_get_boxed (b);

      return (da == NULL || db == NULL) ? da == db : g_date_time_equal (da, db);
    }

  if (g_type_is_a (type, G_TYPE_OBJECT))
    {
      GObject *oa = g_value_get_object (a);
      GObject *ob = g_value_get_object (b);

      return (oa == NULL || ob == NULL) ? oa == ob : pd_model_object_equal (oa, ob);
    }

  return g_param_values_cmp (pspec, a, b) == 0;
}

/* Equal when every readable property is equal, objects compared by value. */
gboolean
pd_model_object_equal (GObject *a,
                       GObject *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  g_assert (G_IS_OBJECT (a));
  g_assert (G_IS_OBJECT (b));

  if (a == b)
    return TRUE;
  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;

      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (a, pspecs[i]->name, &va);
      g_object_get_property (b, pspecs[i]->name, &vb);
      if (!values_equal (pspecs[i], &va, &vb))
        return FALSE;
    }

  return TRUE;
}
