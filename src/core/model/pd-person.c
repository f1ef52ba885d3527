/* pd-person.c: a foreign national, the subject of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-person.h"
#include "pd-model-private.h"

struct _PdPerson
{
  GObject parent_instance;

  char *id;
  char *name_zh;
  char *name_latin;
  char *nationality; /* ISO 3166-1 alpha-3 code, e.g. "USA" */
  char *passport_number;
  GDate *date_of_birth;
  char *email;
};

G_DEFINE_FINAL_TYPE (PdPerson, pd_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME_ZH,
  PROP_NAME_LATIN,
  PROP_NATIONALITY,
  PROP_PASSPORT_NUMBER,
  PROP_DATE_OF_BIRTH,
  PROP_EMAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_person_finalize (GObject *object)
{
  PdPerson *self = (PdPerson *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name_zh, g_free);
  g_clear_pointer (&self->name_latin, g_free);
  g_clear_pointer (&self->nationality, g_free);
  g_clear_pointer (&self->passport_number, g_free);
  g_clear_pointer (&self->date_of_birth, g_date_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (pd_person_parent_class)->finalize (object);
}

static void
pd_person_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PdPerson *self = PD_PERSON (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME_ZH:
      g_value_set_string (value, self->name_zh);
      break;

    case PROP_NAME_LATIN:
      g_value_set_string (value, self->name_latin);
      break;

    case PROP_NATIONALITY:
      g_value_set_string (value, self->nationality);
      break;

    case PROP_PASSPORT_NUMBER:
      g_value_set_string (value, self->passport_number);
      break;

    case PROP_DATE_OF_BIRTH:
      g_value_set_boxed (value, self->date_of_birth);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_person_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PdPerson *self = PD_PERSON (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = pd_model_new_id (g_value_get_string (value));
      break;

    case PROP_NAME_ZH:
      pd_person_set_name_zh (self, g_value_get_string (value));
      break;

    case PROP_NAME_LATIN:
      pd_person_set_name_latin (self, g_value_get_string (value));
      break;

    case PROP_NATIONALITY:
      pd_person_set_nationality (self, g_value_get_string (value));
      break;

    case PROP_PASSPORT_NUMBER:
      pd_person_set_passport_number (self, g_value_get_string (value));
      break;

    case PROP_DATE_OF_BIRTH:
      pd_person_set_date_of_birth (self, g_value_get_boxed (value));
      break;

    case PROP_EMAIL:
      pd_person_set_email (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_person_class_init (PdPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_person_finalize;
  object_class->get_property = pd_person_get_property;
  object_class->set_property = pd_person_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_NAME_ZH] =
    g_param_spec_string ("name-zh", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NAME_LATIN] =
    g_param_spec_string ("name-latin", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_NATIONALITY] =
    g_param_spec_string ("nationality", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PASSPORT_NUMBER] =
    g_param_spec_string ("passport-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_DATE_OF_BIRTH] =
    g_param_spec_boxed ("date-of-birth", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_person_init (PdPerson *self)
{
}

PdPerson *
pd_person_new (void)
{
  return g_object_new (PD_TYPE_PERSON, NULL);
}

/* A deep copy with the same id: editors work on a copy. */
PdPerson *
pd_person_copy (PdPerson *self)
{
  g_return_val_if_fail (PD_IS_PERSON (self), NULL);

  return (PdPerson *) pd_model_object_copy (G_OBJECT (self));
}

/* Equal when every property, id included, is equal. */
gboolean
pd_person_equal (PdPerson *self,
                 PdPerson *other)
{
  g_return_val_if_fail (PD_IS_PERSON (self), FALSE);
  g_return_val_if_fail (PD_IS_PERSON (other), FALSE);

  return pd_model_object_equal (G_OBJECT (self), G_OBJECT (other));
}

const char *
pd_person_get_id (PdPerson *self)
{
  g_return_val_if_fail (PD_IS_PERSON (self), NULL);

  return self->id;
}

const char *
pd_person_get_name_zh (PdPerson *self)
{
  g_return_val_if_fail (PD_IS_PERSON (self), NULL);

  return self->name_zh;
}

void
pd_person_set_name_zh (PdPerson   *self,
                       const char *name_zh)
{
  g_return_if_fail (PD_IS_PERSON (self));

  if (pd_model_set_string (&self->name_zh, name_zh))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME_ZH]);
}

const char *
pd_person_get_name_latin (PdPerson *self)
{
  g_return_val_if_fail (PD_IS_PERSON (self), NULL);

  return self->name_latin;
}

void
pd_person_set_name_latin (PdPerson   *self,
                          const char *name_latin)
{
  g_return_if_fail (PD_IS_PERSON (self));

  if (pd_model_set_string (&self->name_latin, name_latin))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME_LATIN]);
}

const char *
pd_person_get_nationality (PdPerson *self)
{
  g_return_val_if_fail (PD_IS_PERSON (self), NULL);

  return self->nationality;
}

void
pd_person_set_nationality (PdPerson   *self,
                           const char *nationality)
{
  g_return_if_fail (PD_IS_PERSON (self));

  if (pd_model_set_string (&self->nationality, nationality))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NATIONALITY]);
}

const char *
pd_person_get_passport_number (PdPerson *self)
{
  g_return_val_if_fail (PD_IS_PERSON (self), NULL);

  return self->passport_number;
}

void
pd_person_set_passport_number (PdPerson   *self,
                               const char *passport_number)
{
  g_return_if_fail (PD_IS_PERSON (self));

  if (pd_model_set_string (&self->passport_number, passport_number))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSPORT_NUMBER]);
}

GDate *
pd_person_get_date_of_birth (PdPerson *self)
{
  g_return_val_if_fail (PD_IS_PERSON (self), NULL);

  return self->date_of_birth;
}

void
pd_person_set_date_of_birth (PdPerson    *self,
                             const GDate *date_of_birth)
{
  g_return_if_fail (PD_IS_PERSON (self));

  if (pd_model_set_date (&self->date_of_birth, date_of_birth))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_OF_BIRTH]);
}

const char *
pd_person_get_email (PdPerson *self)
{
  g_return_val_if_fail (PD_IS_PERSON (self), NULL);

  return self->email;
}

void
pd_person_set_email (PdPerson   *self,
                     const char *email)
{
  g_return_if_fail (PD_IS_PERSON (self));

  if (pd_model_set_string (&self->email, email))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

static gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

/* "John Smith (约翰·史密斯)", or whichever of the two names is known. */
char *
pd_person_dup_display_name (PdPerson *self)
{
  g_return_val_if_fail (PD_IS_PERSON (self), NULL);

  if (is_set (self->name_latin) && is_set (self->name_zh))
    return g_strdup_printf ("%s (%s)", self->name_latin, self->name_zh);
  if (is_set (self->name_latin))
    return g_strdup (self->name_latin);
  if (is_set (self->name_zh))
    return g_strdup (self->name_zh);

  return g_strdup (_("Unnamed person"));
}
