/* pd-jcs.c: RFC 8785 JSON Canonicalization Scheme and a strict I-JSON parser
 *
 * json-glib accepts duplicate keys and turns integers beyond 64 bits into -1, both of
 * which would let two readers see different data under one signature, so signed codes
 * are read with the strict parser below: RFC 8259 grammar, valid UTF-8 only, no
 * duplicate keys, no NUL characters, a depth limit, and every number an IEEE double
 * (the number model RFC 8785 canonicalises).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-verify"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "pd-jcs.h"

typedef struct
{
  const char  *start;
  const char  *p;
  const char  *end;
  guint        depth;
  guint        max_depth;
} Parser;

G_DEFINE_QUARK (pd-jcs-error-quark, pd_jcs_error)

static JsonNode *parse_value (Parser  *parser,
                              GError **error);

static gboolean
fail (Parser      *parser,
      GError     **error,
      PdJcsError   code,
      const char  *what)
{
  g_set_error (error, PD_JCS_ERROR, code,
               /* Translators: %s says what is wrong, %u is a byte position */
               _("%s at byte %u"), what, (guint) (parser->p - parser->start));
  return FALSE;
}

static void
skip_whitespace (Parser *parser)
{
  while (parser->p < parser->end &&
         (*parser->p == ' ' || *parser->p == '\t' || *parser->p == '\n' || *parser->p == '\r'))
    parser->p++;
}

static gboolean
expect_literal (Parser     *parser,
                const char *literal)
{
  gsize len = strlen (literal);

  if ((gsize) (parser->end - parser->p) < len || memcmp (parser->p, literal, len) != 0)
    return FALSE;
  parser->p += len;
  return TRUE;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Reads the \uXXXX escape at parser->p (after the backslash and 'u'), joining pairs. */
static gboolean
parse_unicode_escape (Parser   *parser,
                      GString  *out,
                      GError  **error)
{
  gunichar c;
  int unit;

  if (parser->end - parser->p < 4 || (unit = hex4 (parser->p)) < 0)
    return fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Invalid \\u escape"));
  parser->p += 4;
  c = unit;
  if (unit >= 0xDC00 && unit <= 0xDFFF)
    return fail (parser, error, PD_JCS_ERROR_ENCODING, _("Unpaired surrogate"));
  if (unit >= 0xD800 && unit <= 0xDBFF)
    {
      int low;

      if (parser->end - parser->p < 6 || parser->p[0] != '\\' || parser->p[1] != 'u' ||
          (low = hex4 (parser->p + 2)) < 0xDC00 || low > 0xDFFF)
        return fail (parser, error, PD_JCS_ERROR_ENCODING, _("Unpaired surrogate"));
      parser->p += 6;
      c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    }
  if (c == 0)
    return fail (parser, error, PD_JCS_ERROR_ENCODING, _("NUL character in a string"));
  g_string_append_unichar (out, c);
  return TRUE;
}

static char *
parse_string (Parser  *parser,
              GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert (*parser->p == '"');
  parser->p++;
  while (parser->p < parser->end)
    {
      char c = *parser->p;

      if (c == '"')
        {
          parser->p++;
          return g_string_free (g_steal_pointer (&out), FALSE);
        }
      if ((guchar) c < 0x20)
        {
          fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Control character in a string"));
          return NULL;
        }
      parser->p++;
      if (c != '\\')
        {
          g_string_append_c (out, c);
          continue;
        }
      if (parser->p >= parser->end)
        break;
      c = *parser->p++;
      switch (c)
        {
        case '"': case '\\': case '/':
          g_string_append_c (out, c);
          break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          if (!parse_unicode_escape (parser, out, error))
            return NULL;
          break;
        default:
          parser->p--;
          fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Invalid escape"));
          return NULL;
        }
    }
  fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Unterminated string"));
  return NULL;
}

static gboolean
skip_digits (Parser *parser)
{
  const char *begin = parser->p;

  while (parser->p < parser->end && g_ascii_isdigit (*parser->p))
    parser->p++;
  return parser->p > begin;
}

static JsonNode *
parse_number (Parser  *parser,
              GError **error)
{
  const char *begin = parser->p;
  g_autofree char *literal = NULL;
  double value;

  if (parser->p < parser->end && *parser->p == '-')
    parser->p++;
  if (parser->p < parser->end && *parser->p == '0')
    parser->p++;
  else if (!skip_digits (parser))
    return fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Invalid number")), NULL;
  if (parser->p < parser->end && *parser->p == '.')
    {
      parser->p++;
      if (!skip_digits (parser))
        return fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Invalid number")), NULL;
    }
  if (parser->p < parser->end && (*parser->p == 'e' || *parser->p == 'E'))
    {
      parser->p++;
      if (parser->p < parser->end && (*parser->p == '+' || *parser->p == '-'))
        parser->p++;
      if (!skip_digits (parser))
        return fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Invalid number")), NULL;
    }

  literal = g_strndup (begin, parser->p - begin);
  value = g_ascii_strtod (literal, NULL);
  if (!isfinite (value))
    {
      parser->p = begin;
      return fail (parser, error, PD_JCS_ERROR_NUMBER, _("Number out of range")), NULL;
    }
  return json_node_init_double (json_node_alloc (), value);
}

static JsonNode *
parse_array (Parser  *parser,
             GError **error)
{
  g_autoptr(JsonArray) array = json_array_new ();

  parser->p++;
  skip_whitespace (parser);
  if (parser->p < parser->end && *parser->p == ']')
    {
      parser->p++;
      return json_node_init_array (json_node_alloc (), array);
    }
  for (;;)
    {
      JsonNode *element = parse_value (parser, error);

      if (element == NULL)
        return NULL;
      json_array_add_element (array, element);
      skip_whitespace (parser);
      if (parser->p < parser->end && *parser->p == ',')
        parser->p++;
      else if (parser->p < parser->end && *parser->p == ']')
        break;
      else
        return fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Expected , or ]")), NULL;
    }
  parser->p++;
  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
parse_object (Parser  *parser,
              GError **error)
{
  g_autoptr(JsonObject) object = json_object_new ();

  parser->p++;
  skip_whitespace (parser);
  if (parser->p < parser->end && *parser->p == '}')
    {
      parser->p++;
      return json_node_init_object (json_node_alloc (), object);
    }
  for (;;)
    {
      g_autofree char *key = NULL;
      JsonNode *member;

      skip_whitespace (parser);
      if (parser->p >= parser->end || *parser->p != '"')
        return fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Expected a member name")), NULL;
      if ((key = parse_string (parser, error)) == NULL)
        return NULL;
      if (json_object_has_member (object, key))
        return fail (parser, error, PD_JCS_ERROR_DUPLICATE_KEY, _("Duplicate member name")), NULL;
      skip_whitespace (parser);
      if (parser->p >= parser->end || *parser->p != ':')
        return fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Expected :")), NULL;
      parser->p++;
      if ((member = parse_value (parser, error)) == NULL)
        return NULL;
      json_object_set_member (object, key, member);
      skip_whitespace (parser);
      if (parser->p < parser->end && *parser->p == ',')
        parser->p++;
      else if (parser->p < parser->end && *parser->p == '}')
        break;
      else
        return fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Expected , or }")), NULL;
    }
  parser->p++;
  return json_node_init_object (json_node_alloc (), object);
}

static JsonNode *
parse_value (Parser  *parser,
             GError **error)
{
  JsonNode *node = NULL;
  char c;

  skip_whitespace (parser);
  if (parser->p >= parser->end)
    return fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Unexpected end of text")), NULL;

  c = *parser->p;
  if (c == '{' || c == '[')
    {
      if (++parser->depth > parser->max_depth)
        return fail (parser, error, PD_JCS_ERROR_TOO_DEEP, _("Nested too deeply")), NULL;
      node = c == '{' ? parse_object (parser, error) : parse_array (parser, error);
      parser->depth--;
    }
  else if (c == '"')
    {
      char *string = parse_string (parser, error);

      if (string != NULL)
        {
          node = json_node_init_string (json_node_alloc (), string);
          g_free (string);
        }
    }
  else if (c == '-' || g_ascii_isdigit (c))
    node = parse_number (parser, error);
  else if (expect_literal (parser, "true"))
    node = json_node_init_boolean (json_node_alloc (), TRUE);
  else if (expect_literal (parser, "false"))
    node = json_node_init_boolean (json_node_alloc (), FALSE);
  else if (expect_literal (parser, "null"))
    node = json_node_init_null (json_node_alloc ());
  else
    fail (parser, error, PD_JCS_ERROR_SYNTAX, _("Unexpected character"));

  return node;
}

/**
 * pd_jcs_parse:
 * @text: JSON text, not necessarily NUL-terminated
 * @len: its length in bytes
 * @max_depth: how many arrays/objects may nest
 * @error: return location for a #PD_JCS_ERROR
 *
 * Returns: (transfer full): the parsed tree, every number as a double
 */
JsonNode *
pd_jcs_parse (const char  *text,
              gsize        len,
              guint        max_depth,
              GError     **error)
{
  Parser parser = { text, text, text + len, 0, max_depth };
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Also refuses NUL bytes anywhere in the text. */
  if (!g_utf8_validate_len (text, len, NULL))
    {
      const char *bad;

      g_utf8_validate_len (text, len, &bad);
      parser.p = bad;
      fail (&parser, error, PD_JCS_ERROR_ENCODING, _("Invalid UTF-8 or NUL byte"));
      return NULL;
    }

  if ((root = parse_value (&parser, error)) == NULL)
    return NULL;
  skip_whitespace (&parser);
  if (parser.p != parser.end)
    {
      fail (&parser, error, PD_JCS_ERROR_SYNTAX, _("Unexpected text after the end"));
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* The shortest decimal that reads back as @value, written the way ECMAScript's
 * Number.prototype.toString does (RFC 8785 §3.2.2.3). */
char *
pd_jcs_format_number (double value)
{
  char format[8], buf[G_ASCII_DTOSTR_BUF_SIZE], digits[20];
  double magnitude = fabs (value);
  GString *out;
  const char *e;
  int n_digits = 0, n;

  if (!isfinite (value))
    return NULL;
  if (value == 0)
    return g_strdup ("0");

  for (int precision = 0; precision <= 16; precision++)
    {
      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (buf, sizeof buf, format, magnitude);
      if (g_ascii_strtod (buf, NULL) == magnitude)
        break;
    }

  /* buf is "d.ddde±x": collect the significant digits and the exponent. */
  e = strchr (buf, 'e');
  for (const char *p = buf; p < e; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';
  n = atoi (e + 1) + 1;

  out = g_string_new (value < 0 ? "-" : "");
  if (n_digits <= n && n <= 21)
    {
      g_string_append (out, digits);
      for (int i = n_digits; i < n; i++)
        g_string_append_c (out, '0');
    }
  else if (0 < n && n <= 21)
    {
      g_string_append_len (out, digits, n);
      g_string_append_c (out, '.');
      g_string_append (out, digits + n);
    }
  else if (-6 < n && n <= 0)
    {
      g_string_append (out, "0.");
      for (int i = n; i < 0; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        g_string_append_printf (out, ".%s", digits + 1);
      g_string_append_printf (out, "e%c%d", n - 1 >= 0 ? '+' : '-', ABS (n - 1));
    }
  return g_string_free (out, FALSE);
}

static void
append_string (GString    *out,
               const char *string)
{
  g_string_append_c (out, '"');
  for (const char *p = string; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

/* RFC 8785 sorts member names by their UTF-16 code units, which differs from UTF-8
 * byte order for characters above U+FFFF against U+E000..U+FFFF. */
static int
compare_utf16 (gconstpointer a,
               gconstpointer b)
{
  g_autofree gunichar2 *ua = g_utf8_to_utf16 (*(const char **) a, -1, NULL, NULL, NULL);
  g_autofree gunichar2 *ub = g_utf8_to_utf16 (*(const char **) b, -1, NULL, NULL, NULL);
  guint i = 0;

  while (ua[i] != 0 && ua[i] == ub[i])
    i++;
  return (int) ua[i] - (int) ub[i];
}

static gboolean
append_node (GString  *out,
             JsonNode *node,
             GError  **error)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (!append_node (out, json_array_get_element (array, i), error))
              return FALSE;
          }
        g_string_append_c (out, ']');
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);
        g_autoptr(GPtrArray) keys = g_ptr_array_new ();

        for (GList *l = members; l != NULL; l = l->next)
          g_ptr_array_add (keys, l->data);
        g_ptr_array_sort (keys, compare_utf16);
        g_string_append_c (out, '{');
        for (guint i = 0; i < keys->len; i++)
          {
            const char *key = g_ptr_array_index (keys, i);

            if (i > 0)
              g_string_append_c (out, ',');
            append_string (out, key);
            g_string_append_c (out, ':');
            if (!append_node (out, json_object_get_member (object, key), error))
              return FALSE;
          }
        g_string_append_c (out, '}');
        return TRUE;
      }

    case JSON_NODE_VALUE:
      break;

    default:
      g_assert_not_reached ();
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      return TRUE;

    case G_TYPE_STRING:
      if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
        {
          g_set_error_literal (error, PD_JCS_ERROR, PD_JCS_ERROR_ENCODING,
                               _("A string is not valid UTF-8"));
          return FALSE;
        }
      append_string (out, json_node_get_string (node));
      return TRUE;

    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      {
        g_autofree char *number = pd_jcs_format_number (json_node_get_double (node));

        if (number == NULL)
          {
            g_set_error_literal (error, PD_JCS_ERROR, PD_JCS_ERROR_NUMBER,
                                 _("NaN and Infinity cannot be canonicalised"));
            return FALSE;
          }
        g_string_append (out, number);
        return TRUE;
      }

    default:
      g_set_error_literal (error, PD_JCS_ERROR, PD_JCS_ERROR_SYNTAX,
                           _("Unsupported JSON value"));
      return FALSE;
    }
}

/**
 * pd_jcs_canonicalize:
 * @node: a JSON tree
 * @error: return location for a #PD_JCS_ERROR
 *
 * Returns: (transfer full): the RFC 8785 canonical UTF-8 text of @node
 */
char *
pd_jcs_canonicalize (JsonNode  *node,
                     GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!append_node (out, node, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
pd_jcs_canonicalize_text (const char  *text,
                          gsize        len,
                          GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  /* RFC 8785 sets no depth limit; 64 is far beyond any real document. */
  if ((root = pd_jcs_parse (text, len, 64, error)) == NULL)
    return NULL;
  return pd_jcs_canonicalize (root, error);
}
