/* pd-code.c: one scanned, typed or pasted payload, whatever way it came in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-scan"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pd-code.h"
#include "pd-enum-types.h"

/* Longest text worth trying as JSON: a signed permit code fits in a QR code (< 3 KiB). */
#define SNIFF_JSON_MAX 65536
#define TOKEN_PREFIX "PDT1."
#define TOKEN_CHARS 43

struct _PdCode
{
  GObject       parent_instance;

  GBytes       *bytes;
  char         *text;
  PdCodeSource  source;
  GDateTime    *time;
  char         *symbology;
  PdPoint      *corners;
  guint         n_corners;
  char         *file;
  int           page;
  PdCodeFormat  format;
};

G_DEFINE_FINAL_TYPE (PdCode, pd_code, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_BYTES,
  PROP_SOURCE,
  PROP_TIME,
  PROP_SYMBOLOGY,
  PROP_FILE,
  PROP_PAGE,
  PROP_FORMAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* QR payloads are bytes: UTF-8 when they validate, else ISO-8859-1 (the QR default).
 * A NUL cannot live in a C string, so it shows as U+FFFD; the bytes stay exact. */
static char *
text_from_bytes (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  GString *str;

  if (len == 0)
    return g_strdup ("");
  if (g_utf8_validate_len ((const char *) data, len, NULL))
    return g_strndup ((const char *) data, len);

  str = g_string_sized_new (len * 2);
  for (gsize i = 0; i < len; i++)
    g_string_append_unichar (str, data[i] != 0 ? data[i] : 0xFFFD);
  return g_string_free (str, FALSE);
}

/* g_set_str() is newer than GLib 2.74. */
static gboolean
set_str (char       **dest,
         const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;
  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

static const char *
default_symbology (PdCodeSource source)
{
  switch (source)
    {
    case PD_CODE_SOURCE_TYPED:
      return "typed";
    case PD_CODE_SOURCE_CLIPBOARD:
      return "clipboard";
    case PD_CODE_SOURCE_SCANNER:
      return "scanner";
    case PD_CODE_SOURCE_CAMERA:
    case PD_CODE_SOURCE_IMAGE:
    case PD_CODE_SOURCE_PDF:
    default:
      return "QR-Code";
    }
}

static gboolean
is_signed_permit (const char *text,
                  gsize       len)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;

  if (len < 2 || len > SNIFF_JSON_MAX || text[0] != '{' || text[len - 1] != '}')
    return FALSE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, len, NULL))
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
is_base64url (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_';
}

/* 32 bytes are 43 unpadded base64url characters; the last one carries 2 bits only,
 * so a canonical encoding ends in a character whose value is a multiple of 4. */
static gboolean
is_online_token (const char *text,
                 gsize       len)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const char *body = text + strlen (TOKEN_PREFIX);
  const char *last;

  if (len != strlen (TOKEN_PREFIX) + TOKEN_CHARS || !g_str_has_prefix (text, TOKEN_PREFIX))
    return FALSE;

  for (guint i = 0; i < TOKEN_CHARS; i++)
    if (!is_base64url (body[i]))
      return FALSE;

  last = strchr (alphabet, body[TOKEN_CHARS - 1]);
  return last != NULL && (last - alphabet) % 4 == 0;
}

static void
pd_code_finalize (GObject *object)
{
  PdCode *self = (PdCode *) object;

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
    case PROP_BYTES:
      g_value_set_boxed (value, self->bytes);
      break;
    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_SYMBOLOGY:
      g_value_set_string (value, self->symbology);
      break;
    case PROP_FILE:
      g_value_set_string (value, self->file);
      break;
    case PROP_PAGE:
      g_value_set_int (value, self->page);
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
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = pd_code_finalize;
  object_class->get_property = pd_code_get_property;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  properties[PROP_BYTES] = g_param_spec_boxed ("bytes", NULL, NULL, G_TYPE_BYTES, flags);
  properties[PROP_SOURCE] = g_param_spec_enum ("source", NULL, NULL, PD_TYPE_CODE_SOURCE,
                                               PD_CODE_SOURCE_CAMERA, flags);
  properties[PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_SYMBOLOGY] = g_param_spec_string ("symbology", NULL, NULL, NULL, flags);
  properties[PROP_FILE] = g_param_spec_string ("file", NULL, NULL, NULL, flags);
  properties[PROP_PAGE] = g_param_spec_int ("page", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_FORMAT] = g_param_spec_enum ("format", NULL, NULL, PD_TYPE_CODE_FORMAT,
                                               PD_CODE_FORMAT_UNKNOWN, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_code_init (PdCode *self)
{
  self->time = g_date_time_new_now_utc ();
}

/* The text is UTF-8 when the bytes are valid UTF-8, else read as ISO-8859-1. */
PdCode *
pd_code_new (GBytes       *bytes,
             PdCodeSource  source)
{
  PdCode *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_object_new (PD_TYPE_CODE, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->text = text_from_bytes (bytes);
  self->source = source;
  self->symbology = g_strdup (default_symbology (source));
  self->format = pd_code_format_sniff (self->text);

  return self;
}

PdCode *
pd_code_new_for_text (const char   *text,
                      PdCodeSource  source)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

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
  g_return_val_if_fail (PD_IS_CODE (self), PD_CODE_SOURCE_CAMERA);

  return self->source;
}

/* When the code was read. */
GDateTime *
pd_code_get_time (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), NULL);

  return self->time;
}

/* "QR-Code" for decoded images, "typed", "clipboard" or "scanner" otherwise. */
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
  g_return_if_fail (symbology != NULL);

  if (set_str (&self->symbology, symbology))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYMBOLOGY]);
}

/* Corners of the code in the coordinates of the frame or page it was found in;
 * none for typed or pasted codes. */
const PdPoint *
pd_code_get_corners (PdCode *self,
                     guint  *n_corners)
{
  g_return_val_if_fail (PD_IS_CODE (self), NULL);

  if (n_corners != NULL)
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

  g_clear_pointer (&self->corners, g_free);
  self->corners = n_corners > 0 ? g_memdup2 (corners, sizeof (PdPoint) * n_corners) : NULL;
  self->n_corners = n_corners;
}

/* The image or PDF the code was read from, or NULL. */
const char *
pd_code_get_file (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), NULL);

  return self->file;
}

/* The 1-based PDF page the code was on, 0 when it did not come from a PDF. */
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
  g_return_if_fail (page >= 0);

  if (set_str (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  if (self->page != page)
    {
      self->page = page;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
}

PdCodeFormat
pd_code_get_format (PdCode *self)
{
  g_return_val_if_fail (PD_IS_CODE (self), PD_CODE_FORMAT_UNKNOWN);

  return self->format;
}

/* What a text looks like: a JSON object with "data" and "sig" is a signed permit code,
 * 18 digits (spaces and hyphens ignored) a permit number, "PDT1." and 43 base64url
 * characters an online token. */
PdCodeFormat
pd_code_format_sniff (const char *text)
{
  g_autofree char *trimmed = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL, PD_CODE_FORMAT_UNKNOWN);

  trimmed = g_strstrip (g_strdup (text));
  len = strlen (trimmed);

  if (is_permit_number (trimmed))
    return PD_CODE_FORMAT_PERMIT_NUMBER;
  if (is_online_token (trimmed, len))
    return PD_CODE_FORMAT_ONLINE_TOKEN;
  if (is_signed_permit (trimmed, len))
    return PD_CODE_FORMAT_SIGNED_PERMIT;
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
      return _("Online verification token");
    case PD_CODE_FORMAT_PERMIT_NUMBER:
      return _("Work permit number");
    case PD_CODE_FORMAT_UNKNOWN:
    default:
      return _("Unrecognised code");
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
      return _("USB scanner");
    case PD_CODE_SOURCE_IMAGE:
      return _("Image file");
    case PD_CODE_SOURCE_PDF:
      return _("PDF document");
    case PD_CODE_SOURCE_TYPED:
      return _("Typed");
    case PD_CODE_SOURCE_CLIPBOARD:
      return _("Clipboard");
    default:
      g_return_val_if_reached (NULL);
    }
}
