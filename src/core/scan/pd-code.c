/* pd-code.c: a scanned or typed payload (minimal stand-in; the scan branch owns this file)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-scan"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pd-code.h"

struct _PdCode
{
  GObject       parent_instance;

  GBytes       *bytes;
  char         *text;
  PdCodeSource  source;
  GDateTime    *time;
  PdCodeFormat  format;
};

G_DEFINE_FINAL_TYPE (PdCode, pd_code, G_TYPE_OBJECT)

static void
pd_code_finalize (GObject *object)
{
  PdCode *self = PD_CODE (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->time, g_date_time_unref);

  G_OBJECT_CLASS (pd_code_parent_class)->finalize (object);
}

static void
pd_code_class_init (PdCodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_code_finalize;
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
  gsize len;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_object_new (PD_TYPE_CODE, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->source = source;
  data = g_bytes_get_data (bytes, &len);
  if (g_utf8_validate_len (data, len, NULL))
    self->text = g_strndup (data, len);
  else
    self->text = g_convert (data, len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  if (self->text == NULL)
    self->text = g_strdup ("");
  self->format = pd_code_format_sniff (self->text);
  return self;
}

PdCode *
pd_code_new_for_text (const char   *text,
                      PdCodeSource  source)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  bytes = g_bytes_new (text, strlen (text));
  return pd_code_new (bytes, source);
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
  g_return_val_if_fail (PD_IS_CODE (self), PD_CODE_SOURCE_TYPED);
  return self->source;
}

GDateTime *
pd_code_get_time (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), NULL);
  return self->time;
}

PdCodeFormat
pd_code_get_format (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), PD_CODE_FORMAT_UNKNOWN);
  return self->format;
}

static gboolean
is_signed_permit (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonObject *object;

  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  return json_object_has_member (object, "data") && json_object_has_member (object, "sig");
}

static gboolean
is_permit_number (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p != '\0'; p++)
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
  for (const char *p = text + 5; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

PdCodeFormat
pd_code_format_sniff (const char *text)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (text != NULL, PD_CODE_FORMAT_UNKNOWN);

  trimmed = g_strstrip (g_strdup (text));
  if (trimmed[0] == '{' && is_signed_permit (trimmed))
    return PD_CODE_FORMAT_SIGNED_PERMIT;
  if (is_permit_number (trimmed))
    return PD_CODE_FORMAT_PERMIT_NUMBER;
  if (is_online_token (trimmed))
    return PD_CODE_FORMAT_ONLINE_TOKEN;
  return PD_CODE_FORMAT_UNKNOWN;
}

const char *
pd_code_source_to_label (PdCodeSource source)
{
  switch (source)
    {
    case PD_CODE_SOURCE_CAMERA:
      return _("Camera");
    case PD_CODE_SOURCE_SCANNER:
      return _("Scanner");
    case PD_CODE_SOURCE_IMAGE:
      return _("Image file");
    case PD_CODE_SOURCE_PDF:
      return _("PDF file");
    case PD_CODE_SOURCE_TYPED:
      return _("Typed");
    case PD_CODE_SOURCE_CLIPBOARD:
      return _("Clipboard");
    default:
      return _("Unknown");
    }
}
