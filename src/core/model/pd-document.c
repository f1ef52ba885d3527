/* pd-document.c: a document a case needs or holds (passport, degree, Notice, ...)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-model"

#include "config.h"

#include "pd-document.h"
#include "pd-model-private.h"

struct _PdDocument
{
  GObject parent_instance;

  char *id;
  char *kind; /* a key such as "passport", "degree", "notice" */
  char *title;
  PdDocumentState state;
  PdDocumentAuth authentication;
  char *file_path;
  char *sha256;
  GDate *expires_on;
};

G_DEFINE_FINAL_TYPE (PdDocument, pd_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_TITLE,
  PROP_STATE,
  PROP_AUTHENTICATION,
  PROP_FILE_PATH,
  PROP_SHA256,
  PROP_EXPIRES_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_document_finalize (GObject *object)
{
  PdDocument *self = (PdDocument *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->file_path, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->expires_on, g_date_free);

  G_OBJECT_CLASS (pd_document_parent_class)->finalize (object);
}

static void
pd_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PdDocument *self = PD_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_AUTHENTICATION:
      g_value_set_enum (value, self->authentication);
      break;

    case PROP_FILE_PATH:
      g_value_set_string (value, self->file_path);
      break;

    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;

    case PROP_EXPIRES_ON:
      g_value_set_boxed (value, self->expires_on);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PdDocument *self = PD_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = pd_model_new_id (g_value_get_string (value));
      break;

    case PROP_KIND:
      pd_document_set_kind (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      pd_document_set_title (self, g_value_get_string (value));
      break;

    case PROP_STATE:
      pd_document_set_state (self, g_value_get_enum (value));
      break;

    case PROP_AUTHENTICATION:
      pd_document_set_authentication (self, g_value_get_enum (value));
      break;

    case PROP_FILE_PATH:
      pd_document_set_file_path (self, g_value_get_string (value));
      break;

    case PROP_SHA256:
      pd_document_set_sha256 (self, g_value_get_string (value));
      break;

    case PROP_EXPIRES_ON:
      pd_document_set_expires_on (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_document_class_init (PdDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_document_finalize;
  object_class->get_property = pd_document_get_property;
  object_class->set_property = pd_document_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PD_TYPE_DOCUMENT_STATE, PD_DOCUMENT_STATE_MISSING,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_AUTHENTICATION] =
    g_param_spec_enum ("authentication", NULL, NULL, PD_TYPE_DOCUMENT_AUTH, PD_DOCUMENT_AUTH_NONE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_FILE_PATH] =
    g_param_spec_string ("file-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_EXPIRES_ON] =
    g_param_spec_boxed ("expires-on", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_document_init (PdDocument *self)
{
  self->state = PD_DOCUMENT_STATE_MISSING;
  self->authentication = PD_DOCUMENT_AUTH_NONE;
}

PdDocument *
pd_document_new (void)
{
  return g_object_new (PD_TYPE_DOCUMENT, NULL);
}

/* A deep copy with the same id: editors work on a copy. */
PdDocument *
pd_document_copy (PdDocument *self)
{
  g_return_val_if_fail (PD_IS_DOCUMENT (self), NULL);

  return (PdDocument *) pd_model_object_copy (G_OBJECT (self));
}

/* Equal when every property, id included, is equal. */
gboolean
pd_document_equal (PdDocument *self,
                   PdDocument *other)
{
  g_return_val_if_fail (PD_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (PD_IS_DOCUMENT (other), FALSE);

  return pd_model_object_equal (G_OBJECT (self), G_OBJECT (other));
}

const char *
pd_document_get_id (PdDocument *self)
{
  g_return_val_if_fail (PD_IS_DOCUMENT (self), NULL);

  return self->id;
}

const char *
pd_document_get_kind (PdDocument *self)
{
  g_return_val_if_fail (PD_IS_DOCUMENT (self), NULL);

  return self->kind;
}

void
pd_document_set_kind (PdDocument *self,
                      const char *kind)
{
  g_return_if_fail (PD_IS_DOCUMENT (self));

  if (pd_model_set_string (&self->kind, kind))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
pd_document_get_title (PdDocument *self)
{
  g_return_val_if_fail (PD_IS_DOCUMENT (self), NULL);

  return self->title;
}

void
pd_document_set_title (PdDocument *self,
                       const char *title)
{
  g_return_if_fail (PD_IS_DOCUMENT (self));

  if (pd_model_set_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

PdDocumentState
pd_document_get_state (PdDocument *self)
{
  g_return_val_if_fail (PD_IS_DOCUMENT (self), 0);

  return self->state;
}

void
pd_document_set_state (PdDocument      *self,
                       PdDocumentState  state)
{
  g_return_if_fail (PD_IS_DOCUMENT (self));
  g_return_if_fail (g_enum_get_value (g_type_class_peek (PD_TYPE_DOCUMENT_STATE), state) != NULL);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

PdDocumentAuth
pd_document_get_authentication (PdDocument *self)
{
  g_return_val_if_fail (PD_IS_DOCUMENT (self), 0);

  return self->authentication;
}

void
pd_document_set_authentication (PdDocument     *self,
                                PdDocumentAuth  authentication)
{
  g_return_if_fail (PD_IS_DOCUMENT (self));
  g_return_if_fail (g_enum_get_value (g_type_class_peek (PD_TYPE_DOCUMENT_AUTH), authentication) != NULL);

  if (self->authentication == authentication)
    return;

  self->authentication = authentication;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHENTICATION]);
}

const char *
pd_document_get_file_path (PdDocument *self)
{
  g_return_val_if_fail (PD_IS_DOCUMENT (self), NULL);

  return self->file_path;
}

void
pd_document_set_file_path (PdDocument *self,
                           const char *file_path)
{
  g_return_if_fail (PD_IS_DOCUMENT (self));

  if (pd_model_set_string (&self->file_path, file_path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE_PATH]);
}

const char *
pd_document_get_sha256 (PdDocument *self)
{
  g_return_val_if_fail (PD_IS_DOCUMENT (self), NULL);

  return self->sha256;
}

void
pd_document_set_sha256 (PdDocument *self,
                        const char *sha256)
{
  g_return_if_fail (PD_IS_DOCUMENT (self));

  if (pd_model_set_string (&self->sha256, sha256))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHA256]);
}

GDate *
pd_document_get_expires_on (PdDocument *self)
{
  g_return_val_if_fail (PD_IS_DOCUMENT (self), NULL);

  return self->expires_on;
}

void
pd_document_set_expires_on (PdDocument  *self,
                            const GDate *expires_on)
{
  g_return_if_fail (PD_IS_DOCUMENT (self));

  if (pd_model_set_date (&self->expires_on, expires_on))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRES_ON]);
}
