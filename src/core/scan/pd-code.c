/* pd-code.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Minimal stand-in for the scan branch's PdCode: the camera and the Verify view are written
 * against the documented API only, and the scan branch's version replaces this file at merge.
 */
#define G_LOG_DOMAIN "pd-scan"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "pd-code.h"
#include "pd-enum-types.h"

struct _PdCode
{
  GObject       parent_instance;

  GBytes       *bytes;
  char         *text;
  PdCodeSource  source;
  PdCodeFormat  format;
  GDateTime    *time;
  char         *symbology;
  PdPoint      *corners;
  guint         n_corners;
  char         *file;
  int           page;
};

G_DEFINE_FINAL_TYPE (PdCode, pd_code, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_SOURCE,
  PROP_FORMAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_permit_number (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != ' ' && *p != '-')
        return FALSE;
    }

  return digits == 18;
}

static gboolean
is_online_token (const char *text)
{
  if (!g_str_has_prefix (text, "PDT1.") || strlen (text) != 5 + 43)
    return FALSE;

  for (const char *p = text + 5; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

static gboolean
is_signed_permit (const char *text)
{
  /* Cheap structural test; the verifier parses the JSON properly. */
  return text[0] == '{' && strstr (text, "\"data\"") != NULL && strstr (text, "\"sig\"") != NULL;
}

static void
pd_code_finalize (GObject *object)
{
  PdCode *self = (PdCode *)object;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_clear_pointer (&self->symbology, g_free);
  g_clear_pointer (&self->corners, g_free);
  g_clear_pointer (&self->file, g_free);

  G_OBJECT_CLASS (pd_code_parent_class)->finalize (object);
}

static void
pd_code_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PdCode *self = PD_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;

    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_code_class_init (PdCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_code_finalize;
  object_class->get_property = pd_code_get_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL, PD_TYPE_CODE_SOURCE, PD_CODE_SOURCE_CAMERA,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL, PD_TYPE_CODE_FORMAT, PD_CODE_FORMAT_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_code_init (PdCode *self)
{
  self->time = g_date_time_new_now_utc ();
}

PdCode *
pd_code_new (GBytes       *bytes,
             PdCodeSource  source)
{
  PdCode *self;
  gsize size;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_object_new (PD_TYPE_CODE, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->source = source;

  data = g_bytes_get_data (bytes, &size);
  if (g_utf8_validate_len (data, size, NULL))
    self->text = g_strndup (data, size);
  else
    self->text = g_convert (data, size, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);

  self->format = pd_code_format_sniff (self->text);

  return self;
}

PdCode *
pd_code_new_for_text (const char   *text,
                      PdCodeSource  source)
{
  g_autoptr(GBytes) bytes = NULL;
  PdCode *self;

  g_return_val_if_fail (text != NULL, NULL);

  bytes = g_bytes_new (text, strlen (text));
  self = pd_code_new (bytes, source);
  pd_code_set_symbology (self, source == PD_CODE_SOURCE_TYPED ? "typed" : "text");

  return self;
}

const char *
pd_code_get_text (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), NULL);

  return self->text;
}

GBytes *
pd_code_get_bytes (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), NULL);

  return self->bytes;
}

PdCodeSource
pd_code_get_source (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), PD_CODE_SOURCE_CAMERA);

  return self->source;
}

GDateTime *
pd_code_get_time (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), NULL);

  return self->time;
}

const char *
pd_code_get_symbology (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), NULL);

  return self->symbology;
}

void
pd_code_set_symbology (PdCode     *self,
                       const char *symbology)
{
  g_return_if_fail (PD_IS_CODE (self));

  g_free (self->symbology);
  self->symbology = g_strdup (symbology);
}

const PdPoint *
pd_code_get_corners (PdCode *self,
                     guint  *n_corners)
{
  g_return_val_if_fail (PD_IS_CODE (self), NULL);
  g_return_val_if_fail (n_corners != NULL, NULL);

  *n_corners = self->n_corners;
  return self->corners;
}

void
pd_code_set_corners (PdCode        *self,
                     const PdPoint *corners,
                     guint          n_corners)
{
  g_return_if_fail (PD_IS_CODE (self));
  g_return_if_fail (corners != NULL || n_corners == 0);

  g_free (self->corners);
  self->corners = g_memdup2 (corners, sizeof *corners * n_corners);
  self->n_corners = n_corners;
}

const char *
pd_code_get_file (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), NULL);

  return self->file;
}

int
pd_code_get_page (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), 0);

  return self->page;
}

void
pd_code_set_origin (PdCode     *self,
                    const char *file,
                    int         page)
{
  g_return_if_fail (PD_IS_CODE (self));

  g_free (self->file);
  self->file = g_strdup (file);
  self->page = page;
}

PdCodeFormat
pd_code_get_format (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), PD_CODE_FORMAT_UNKNOWN);

  return self->format;
}

PdCodeFormat
pd_code_format_sniff (const char *text)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (text != NULL, PD_CODE_FORMAT_UNKNOWN);

  trimmed = g_strstrip (g_strdup (text));

  if (is_signed_permit (trimmed))
    return PD_CODE_FORMAT_SIGNED_PERMIT;
  if (is_permit_number (trimmed))
    return PD_CODE_FORMAT_PERMIT_NUMBER;
  if (is_online_token (trimmed))
    return PD_CODE_FORMAT_ONLINE_TOKEN;

  return PD_CODE_FORMAT_UNKNOWN;
}

const char *
pd_code_format_to_label (PdCodeFormat format)
{
  switch (format)
    {
    case PD_CODE_FORMAT_SIGNED_PERMIT:
      return _("Signed permit code");
    case PD_CODE_FORMAT_ONLINE_TOKEN:
      return _("Online token");
    case PD_CODE_FORMAT_PERMIT_NUMBER:
      return _("Permit number");
    case PD_CODE_FORMAT_UNKNOWN:
    default:
      return _("Unknown code");
    }
}

const char *
pd_code_source_to_label (PdCodeSource source)
{
  switch (source)
    {
    case PD_CODE_SOURCE_CAMERA:
      return _("Camera");
    case PD_CODE_SOURCE_SCANNER:
      return _("Barcode scanner");
    case PD_CODE_SOURCE_IMAGE:
      return _("Image");
    case PD_CODE_SOURCE_PDF:
      return _("PDF");
    case PD_CODE_SOURCE_TYPED:
      return _("Typed");
    case PD_CODE_SOURCE_CLIPBOARD:
    default:
      return _("Clipboard");
    }
}
