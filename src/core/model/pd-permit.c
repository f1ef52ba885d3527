/* pd-permit.c: an issued work permit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include "pd-permit.h"
#include "pd-model-private.h"

struct _PdPermit
{
  GObject parent_instance;

  char *id;
  char *number; /* 18 digits */
  PdPermitCategory category;
  GDate *valid_from;
  GDate *valid_until;
  PdPermitStatus status;
};

G_DEFINE_FINAL_TYPE (PdPermit, pd_permit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_CATEGORY,
  PROP_VALID_FROM,
  PROP_VALID_UNTIL,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_permit_finalize (GObject *object)
{
  PdPermit *self = (PdPermit *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->valid_from, g_date_free);
  g_clear_pointer (&self->valid_until, g_date_free);

  G_OBJECT_CLASS (pd_permit_parent_class)->finalize (object);
}

static void
pd_permit_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PdPermit *self = PD_PERMIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;

    case PROP_CATEGORY:
      g_value_set_enum (value, self->category);
      break;

    case PROP_VALID_FROM:
      g_value_set_boxed (value, self->valid_from);
      break;

    case PROP_VALID_UNTIL:
      g_value_set_boxed (value, self->valid_until);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_permit_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PdPermit *self = PD_PERMIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = pd_model_new_id (g_value_get_string (value));
      break;

    case PROP_NUMBER:
      pd_permit_set_number (self, g_value_get_string (value));
      break;

    case PROP_CATEGORY:
      pd_permit_set_category (self, g_value_get_enum (value));
      break;

    case PROP_VALID_FROM:
      pd_permit_set_valid_from (self, g_value_get_boxed (value));
      break;

    case PROP_VALID_UNTIL:
      pd_permit_set_valid_until (self, g_value_get_boxed (value));
      break;

    case PROP_STATUS:
      pd_permit_set_status (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_permit_class_init (PdPermitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_permit_finalize;
  object_class->get_property = pd_permit_get_property;
  object_class->set_property = pd_permit_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_CATEGORY] =
    g_param_spec_enum ("category", NULL, NULL, PD_TYPE_PERMIT_CATEGORY, PD_PERMIT_CATEGORY_A,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_VALID_FROM] =
    g_param_spec_boxed ("valid-from", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_VALID_UNTIL] =
    g_param_spec_boxed ("valid-until", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, PD_TYPE_PERMIT_STATUS, PD_PERMIT_STATUS_VALID,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_permit_init (PdPermit *self)
{
  self->category = PD_PERMIT_CATEGORY_A;
  self->status = PD_PERMIT_STATUS_VALID;
}

PdPermit *
pd_permit_new (void)
{
  return g_object_new (PD_TYPE_PERMIT, NULL);
}

/* A deep copy with the same id: editors work on a copy. */
PdPermit *
pd_permit_copy (PdPermit *self)
{
  g_return_val_if_fail (PD_IS_PERMIT (self), NULL);

  return (PdPermit *) pd_model_object_copy (G_OBJECT (self));
}

/* Equal when every property, id included, is equal. */
gboolean
pd_permit_equal (PdPermit *self,
                 PdPermit *other)
{
  g_return_val_if_fail (PD_IS_PERMIT (self), FALSE);
  g_return_val_if_fail (PD_IS_PERMIT (other), FALSE);

  return pd_model_object_equal (G_OBJECT (self), G_OBJECT (other));
}

const char *
pd_permit_get_id (PdPermit *self)
{
  g_return_val_if_fail (PD_IS_PERMIT (self), NULL);

  return self->id;
}

const char *
pd_permit_get_number (PdPermit *self)
{
  g_return_val_if_fail (PD_IS_PERMIT (self), NULL);

  return self->number;
}

void
pd_permit_set_number (PdPermit   *self,
                      const char *number)
{
  g_return_if_fail (PD_IS_PERMIT (self));

  if (pd_model_set_string (&self->number, number))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}

PdPermitCategory
pd_permit_get_category (PdPermit *self)
{
  g_return_val_if_fail (PD_IS_PERMIT (self), 0);

  return self->category;
}

void
pd_permit_set_category (PdPermit         *self,
                        PdPermitCategory  category)
{
  g_return_if_fail (PD_IS_PERMIT (self));
  g_return_if_fail (g_enum_get_value (g_type_class_peek (PD_TYPE_PERMIT_CATEGORY), category) != NULL);

  if (self->category == category)
    return;

  self->category = category;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

GDate *
pd_permit_get_valid_from (PdPermit *self)
{
  g_return_val_if_fail (PD_IS_PERMIT (self), NULL);

  return self->valid_from;
}

void
pd_permit_set_valid_from (PdPermit    *self,
                          const GDate *valid_from)
{
  g_return_if_fail (PD_IS_PERMIT (self));

  if (pd_model_set_date (&self->valid_from, valid_from))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID_FROM]);
}

GDate *
pd_permit_get_valid_until (PdPermit *self)
{
  g_return_val_if_fail (PD_IS_PERMIT (self), NULL);

  return self->valid_until;
}

void
pd_permit_set_valid_until (PdPermit    *self,
                           const GDate *valid_until)
{
  g_return_if_fail (PD_IS_PERMIT (self));

  if (pd_model_set_date (&self->valid_until, valid_until))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID_UNTIL]);
}

PdPermitStatus
pd_permit_get_status (PdPermit *self)
{
  g_return_val_if_fail (PD_IS_PERMIT (self), 0);

  return self->status;
}

void
pd_permit_set_status (PdPermit       *self,
                      PdPermitStatus  status)
{
  g_return_if_fail (PD_IS_PERMIT (self));
  g_return_if_fail (g_enum_get_value (g_type_class_peek (PD_TYPE_PERMIT_STATUS), status) != NULL);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}
