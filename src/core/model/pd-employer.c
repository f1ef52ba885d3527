/* pd-employer.c: the company that employs the foreign national
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include "pd-employer.h"
#include "pd-model-private.h"

struct _PdEmployer
{
  GObject parent_instance;

  char *id;
  char *name; /* the registered Chinese name */
  char *name_en;
  char *uscc; /* 18-character unified social credit code */
  char *city;
};

G_DEFINE_FINAL_TYPE (PdEmployer, pd_employer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_NAME_EN,
  PROP_USCC,
  PROP_CITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_employer_finalize (GObject *object)
{
  PdEmployer *self = (PdEmployer *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->name_en, g_free);
  g_clear_pointer (&self->uscc, g_free);
  g_clear_pointer (&self->city, g_free);

  G_OBJECT_CLASS (pd_employer_parent_class)->finalize (object);
}

static void
pd_employer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PdEmployer *self = PD_EMPLOYER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_NAME_EN:
      g_value_set_string (value, self->name_en);
      break;

    case PROP_USCC:
      g_value_set_string (value, self->uscc);
      break;

    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_employer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PdEmployer *self = PD_EMPLOYER (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = pd_model_new_id (g_value_get_string (value));
      break;

    case PROP_NAME:
      pd_employer_set_name (self, g_value_get_string (value));
      break;

    case PROP_NAME_EN:
      pd_employer_set_name_en (self, g_value_get_string (value));
      break;

    case PROP_USCC:
      pd_employer_set_uscc (self, g_value_get_string (value));
      break;

    case PROP_CITY:
      pd_employer_set_city (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_employer_class_init (PdEmployerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_employer_finalize;
  object_class->get_property = pd_employer_get_property;
  object_class->set_property = pd_employer_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NAME_EN] =
    g_param_spec_string ("name-en", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_USCC] =
    g_param_spec_string ("uscc", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_employer_init (PdEmployer *self)
{
}

PdEmployer *
pd_employer_new (void)
{
  return g_object_new (PD_TYPE_EMPLOYER, NULL);
}

/* A deep copy with the same id: editors work on a copy. */
PdEmployer *
pd_employer_copy (PdEmployer *self)
{
  g_return_val_if_fail (PD_IS_EMPLOYER (self), NULL);

  return (PdEmployer *) pd_model_object_copy (G_OBJECT (self));
}

/* Equal when every property, id included, is equal. */
gboolean
pd_employer_equal (PdEmployer *self,
                   PdEmployer *other)
{
  g_return_val_if_fail (PD_IS_EMPLOYER (self), FALSE);
  g_return_val_if_fail (PD_IS_EMPLOYER (other), FALSE);

  return pd_model_object_equal (G_OBJECT (self), G_OBJECT (other));
}

const char *
pd_employer_get_id (PdEmployer *self)
{
  g_return_val_if_fail (PD_IS_EMPLOYER (self), NULL);

  return self->id;
}

const char *
pd_employer_get_name (PdEmployer *self)
{
  g_return_val_if_fail (PD_IS_EMPLOYER (self), NULL);

  return self->name;
}

void
pd_employer_set_name (PdEmployer *self,
                      const char *name)
{
  g_return_if_fail (PD_IS_EMPLOYER (self));

  if (pd_model_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pd_employer_get_name_en (PdEmployer *self)
{
  g_return_val_if_fail (PD_IS_EMPLOYER (self), NULL);

  return self->name_en;
}

void
pd_employer_set_name_en (PdEmployer *self,
                         const char *name_en)
{
  g_return_if_fail (PD_IS_EMPLOYER (self));

  if (pd_model_set_string (&self->name_en, name_en))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME_EN]);
}

const char *
pd_employer_get_uscc (PdEmployer *self)
{
  g_return_val_if_fail (PD_IS_EMPLOYER (self), NULL);

  return self->uscc;
}

void
pd_employer_set_uscc (PdEmployer *self,
                      const char *uscc)
{
  g_return_if_fail (PD_IS_EMPLOYER (self));

  if (pd_model_set_string (&self->uscc, uscc))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USCC]);
}

const char *
pd_employer_get_city (PdEmployer *self)
{
  g_return_val_if_fail (PD_IS_EMPLOYER (self), NULL);

  return self->city;
}

void
pd_employer_set_city (PdEmployer *self,
                      const char *city)
{
  g_return_if_fail (PD_IS_EMPLOYER (self));

  if (pd_model_set_string (&self->city, city))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITY]);
}
