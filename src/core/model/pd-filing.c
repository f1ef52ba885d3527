/* pd-filing.c: an in-person submission of documents at a city window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include "pd-filing.h"
#include "pd-model-private.h"

struct _PdFiling
{
  GObject parent_instance;

  char *id;
  char *city;
  char *office;
  GDateTime *appointment;
  gboolean done;
  char *notes;
};

G_DEFINE_FINAL_TYPE (PdFiling, pd_filing, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CITY,
  PROP_OFFICE,
  PROP_APPOINTMENT,
  PROP_DONE,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_filing_finalize (GObject *object)
{
  PdFiling *self = (PdFiling *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->office, g_free);
  g_clear_pointer (&self->appointment, g_date_time_unref);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (pd_filing_parent_class)->finalize (object);
}

static void
pd_filing_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PdFiling *self = PD_FILING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;

    case PROP_OFFICE:
      g_value_set_string (value, self->office);
      break;

    case PROP_APPOINTMENT:
      g_value_set_boxed (value, self->appointment);
      break;

    case PROP_DONE:
      g_value_set_boolean (value, self->done);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_filing_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PdFiling *self = PD_FILING (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = pd_model_new_id (g_value_get_string (value));
      break;

    case PROP_CITY:
      pd_filing_set_city (self, g_value_get_string (value));
      break;

    case PROP_OFFICE:
      pd_filing_set_office (self, g_value_get_string (value));
      break;

    case PROP_APPOINTMENT:
      pd_filing_set_appointment (self, g_value_get_boxed (value));
      break;

    case PROP_DONE:
      pd_filing_set_done (self, g_value_get_boolean (value));
      break;

    case PROP_NOTES:
      pd_filing_set_notes (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_filing_class_init (PdFilingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_filing_finalize;
  object_class->get_property = pd_filing_get_property;
  object_class->set_property = pd_filing_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_OFFICE] =
    g_param_spec_string ("office", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_APPOINTMENT] =
    g_param_spec_boxed ("appointment", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_filing_init (PdFiling *self)
{
}

PdFiling *
pd_filing_new (void)
{
  return g_object_new (PD_TYPE_FILING, NULL);
}

/* A deep copy with the same id: editors work on a copy. */
PdFiling *
pd_filing_copy (PdFiling *self)
{
  g_return_val_if_fail (PD_IS_FILING (self), NULL);

  return (PdFiling *) pd_model_object_copy (G_OBJECT (self));
}

/* Equal when every property, id included, is equal. */
gboolean
pd_filing_equal (PdFiling *self,
                 PdFiling *other)
{
  g_return_val_if_fail (PD_IS_FILING (self), FALSE);
  g_return_val_if_fail (PD_IS_FILING (other), FALSE);

  return pd_model_object_equal (G_OBJECT (self), G_OBJECT (other));
}

const char *
pd_filing_get_id (PdFiling *self)
{
  g_return_val_if_fail (PD_IS_FILING (self), NULL);

  return self->id;
}

const char *
pd_filing_get_city (PdFiling *self)
{
  g_return_val_if_fail (PD_IS_FILING (self), NULL);

  return self->city;
}

void
pd_filing_set_city (PdFiling   *self,
                    const char *city)
{
  g_return_if_fail (PD_IS_FILING (self));

  if (pd_model_set_string (&self->city, city))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITY]);
}

const char *
pd_filing_get_office (PdFiling *self)
{
  g_return_val_if_fail (PD_IS_FILING (self), NULL);

  return self->office;
}

void
pd_filing_set_office (PdFiling   *self,
                      const char *office)
{
  g_return_if_fail (PD_IS_FILING (self));

  if (pd_model_set_string (&self->office, office))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFICE]);
}

GDateTime *
pd_filing_get_appointment (PdFiling *self)
{
  g_return_val_if_fail (PD_IS_FILING (self), NULL);

  return self->appointment;
}

void
pd_filing_set_appointment (PdFiling  *self,
                           GDateTime *appointment)
{
  g_return_if_fail (PD_IS_FILING (self));

  if (pd_model_set_date_time (&self->appointment, appointment))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPOINTMENT]);
}

gboolean
pd_filing_get_done (PdFiling *self)
{
  g_return_val_if_fail (PD_IS_FILING (self), FALSE);

  return self->done;
}

void
pd_filing_set_done (PdFiling *self,
                    gboolean  done)
{
  g_return_if_fail (PD_IS_FILING (self));

  done = !!done;
  if (self->done == done)
    return;

  self->done = done;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

const char *
pd_filing_get_notes (PdFiling *self)
{
  g_return_val_if_fail (PD_IS_FILING (self), NULL);

  return self->notes;
}

void
pd_filing_set_notes (PdFiling   *self,
                     const char *notes)
{
  g_return_if_fail (PD_IS_FILING (self));

  if (pd_model_set_string (&self->notes, notes))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}
