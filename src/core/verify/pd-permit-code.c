/* pd-permit-code.c: the signed permit code (VDS-NC style JSON), parsing, signing, checking
 *
 * The format is documented in docs/codes.md. Every member is checked strictly: a code
 * either matches the documented form exactly or is refused with the member named.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-verify"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gnutls/crypto.h>

#include "pd-jcs.h"
#include "pd-permit-code.h"
#include "pd-pki.h"

#define DOC_TYPE        "WP"
#define DOC_VERSION     1
#define ISSUING_STATE   "CHN"
#define ALGORITHM_ES256 "ES256"
#define MAX_CERT_SIZE   2048
#define MAX_SIG_SIZE    512

struct _PdPermitCode
{
  GObject            parent_instance;

  char              *number;
  char              *name_zh;
  char              *name_latin;
  char              *nationality;
  char              *date_of_birth;
  char              *employer;
  char              *category;
  char              *valid_from;
  char              *valid_until;
  char              *issued;
  char              *doc_type;
  int                version;
  char              *issuing_state;
  char              *algorithm;
  GBytes            *signer_der;
  gnutls_x509_crt_t  signer;
  GBytes            *signature;
  JsonNode          *data;
  char              *canonical;
};

G_DEFINE_FINAL_TYPE (PdPermitCode, pd_permit_code, G_TYPE_OBJECT)
G_DEFINE_QUARK (pd-code-error-quark, pd_code_error)

typedef enum {
  FIELD_TEXT,
  FIELD_PERMIT_NUMBER,
  FIELD_COUNTRY,
  FIELD_DATE,
  FIELD_CATEGORY,
} FieldKind;

/* The members of "msg": name in the code, form, longest length, may it be absent. */
static const struct {
  const char *name;
  FieldKind   kind;
  guint       max_chars;
  gboolean    optional;
  gsize       offset;
} msg_fields[] = {
  { "no", FIELD_PERMIT_NUMBER, 18, FALSE, G_STRUCT_OFFSET (PdPermitCode, number) },
  { "name_zh", FIELD_TEXT, 32, TRUE, G_STRUCT_OFFSET (PdPermitCode, name_zh) },
  { "name_latin", FIELD_TEXT, 100, FALSE, G_STRUCT_OFFSET (PdPermitCode, name_latin) },
  { "nationality", FIELD_COUNTRY, 3, FALSE, G_STRUCT_OFFSET (PdPermitCode, nationality) },
  { "dob", FIELD_DATE, 10, FALSE, G_STRUCT_OFFSET (PdPermitCode, date_of_birth) },
  { "employer", FIELD_TEXT, 200, FALSE, G_STRUCT_OFFSET (PdPermitCode, employer) },
  { "category", FIELD_CATEGORY, 1, FALSE, G_STRUCT_OFFSET (PdPermitCode, category) },
  { "valid_from", FIELD_DATE, 10, FALSE, G_STRUCT_OFFSET (PdPermitCode, valid_from) },
  { "valid_until", FIELD_DATE, 10, FALSE, G_STRUCT_OFFSET (PdPermitCode, valid_until) },
  { "issued", FIELD_DATE, 10, FALSE, G_STRUCT_OFFSET (PdPermitCode, issued) },
};

static void
pd_permit_code_finalize (GObject *object)
{
  PdPermitCode *self = PD_PERMIT_CODE (object);

  for (guint i = 0; i < G_N_ELEMENTS (msg_fields); i++)
    g_free (G_STRUCT_MEMBER (char *, self, msg_fields[i].offset));
  g_free (self->doc_type);
  g_free (self->issuing_state);
  g_free (self->algorithm);
  g_clear_pointer (&self->signer_der, g_bytes_unref);
  g_clear_pointer (&self->signer, gnutls_x509_crt_deinit);
  g_clear_pointer (&self->signature, g_bytes_unref);
  g_clear_pointer (&self->data, json_node_unref);
  g_free (self->canonical);

  G_OBJECT_CLASS (pd_permit_code_parent_class)->finalize (object);
}

static void
pd_permit_code_class_init (PdPermitCodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_permit_code_finalize;
}

static void
pd_permit_code_init (PdPermitCode *self)
{
}

static gboolean G_GNUC_PRINTF (2, 3)
malformed (GError     **error,
           const char  *format,
           ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (PD_CODE_ERROR, PD_CODE_ERROR_MALFORMED, format, args));
  va_end (args);
  return FALSE;
}

static gboolean G_GNUC_PRINTF (2, 3)
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (PD_CODE_ERROR, PD_CODE_ERROR_INVALID_FIELD, format, args));
  va_end (args);
  return FALSE;
}

/* The object @name in @parent, holding exactly the members in @allowed. */
static JsonObject *
get_object (JsonObject         *parent,
            const char         *name,
            const char * const *allowed,
            GError            **error)
{
  JsonNode *node = json_object_get_member (parent, name);
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (node == NULL)
    return malformed (error, _("The code has no “%s” part"), name), NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return malformed (error, _("The “%s” part of the code is not an object"), name), NULL;

  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return malformed (error, _("The code has an unknown member “%s”"), (const char *) l->data), NULL;
  return object;
}

/* The string member @name, or NULL with @error set (absent and not @optional, or not text). */
static const char *
get_string (JsonObject  *object,
            const char  *name,
            gboolean     optional,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      if (!optional)
        malformed (error, _("The code has no “%s” field"), name);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return malformed (error, _("The field “%s” of the code is not text"), name), NULL;
  return json_node_get_string (node);
}

static gboolean
is_iso_date (const char *text)
{
  int year, month, day;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  return year >= 1900 && g_date_valid_dmy (day, month, year);
}

static gboolean
is_plain_text (const char *text,
               guint       max_chars)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return FALSE;
    }
  return n >= 1 && n <= max_chars && !g_unichar_isspace (g_utf8_get_char (text));
}

static gboolean
check_field (const char *value,
             guint       i,
             GError    **error)
{
  const char *name = msg_fields[i].name;

  switch (msg_fields[i].kind)
    {
    case FIELD_TEXT:
      if (!is_plain_text (value, msg_fields[i].max_chars))
        return invalid (error, _("The field “%s” of the code is empty, too long or holds control characters"), name);
      return TRUE;

    case FIELD_PERMIT_NUMBER:
      if (strlen (value) != 18 || strspn (value, "0123456789") != 18)
        return invalid (error, _("The field “%s” of the code is not an 18-digit permit number"), name);
      return TRUE;

    case FIELD_COUNTRY:
      if (strlen (value) != 3 || strspn (value, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
        return invalid (error, _("The field “%s” of the code is not a three-letter country code"), name);
      return TRUE;

    case FIELD_DATE:
      if (!is_iso_date (value))
        return invalid (error, _("The field “%s” of the code is not a date (YYYY-MM-DD)"), name);
      return TRUE;

    case FIELD_CATEGORY:
      if (!g_str_equal (value, "A") && !g_str_equal (value, "B") && !g_str_equal (value, "C"))
        return invalid (error, _("The field “%s” of the code is not a permit category (A, B or C)"), name);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_header (JsonObject    *data,
              PdPermitCode  *into,
              GError       **error)
{
  static const char * const allowed[] = { "t", "v", "is", NULL };
  JsonObject *hdr;
  JsonNode *version;
  const char *type, *state;

  if ((hdr = get_object (data, "hdr", allowed, error)) == NULL ||
      (type = get_string (hdr, "t", FALSE, error)) == NULL ||
      (state = get_string (hdr, "is", FALSE, error)) == NULL)
    return FALSE;
  if ((version = json_object_get_member (hdr, "v")) == NULL)
    return malformed (error, _("The code has no “%s” field"), "v");
  if (!JSON_NODE_HOLDS_VALUE (version) ||
      (json_node_get_value_type (version) != G_TYPE_DOUBLE &&
       json_node_get_value_type (version) != G_TYPE_INT64))
    return malformed (error, _("The field “%s” of the code is not a number"), "v");
  if (!g_str_equal (type, DOC_TYPE))
    return invalid (error, _("This code is a “%s” document, not a work permit"), type);
  if (json_node_get_double (version) != DOC_VERSION)
    {
      g_set_error_literal (error, PD_CODE_ERROR, PD_CODE_ERROR_UNSUPPORTED_VERSION,
                           _("This permit code version is not supported: update PermitDesk"));
      return FALSE;
    }
  if (!g_str_equal (state, ISSUING_STATE))
    return invalid (error, _("The code was issued by “%s”, not by China"), state);

  if (into != NULL)
    {
      into->doc_type = g_strdup (type);
      into->version = DOC_VERSION;
      into->issuing_state = g_strdup (state);
    }
  return TRUE;
}

static gboolean
check_message (JsonObject    *data,
               PdPermitCode  *into,
               GError       **error)
{
  const char *allowed[G_N_ELEMENTS (msg_fields) + 1];
  const char *values[G_N_ELEMENTS (msg_fields)];
  JsonObject *msg;

  for (guint i = 0; i < G_N_ELEMENTS (msg_fields); i++)
    allowed[i] = msg_fields[i].name;
  allowed[G_N_ELEMENTS (msg_fields)] = NULL;

  if ((msg = get_object (data, "msg", allowed, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (msg_fields); i++)
    {
      g_autoptr(GError) local_error = NULL;

      values[i] = get_string (msg, msg_fields[i].name, msg_fields[i].optional, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (values[i] != NULL && !check_field (values[i], i, error))
        return FALSE;
    }

  /* dob, valid_from, valid_until, issued: ISO dates compare as strings. */
  if (strcmp (values[7], values[8]) > 0)
    return invalid (error, _("The code's validity ends before it starts (“%s”)"), "valid_until");
  if (strcmp (values[9], values[8]) > 0)
    return invalid (error, _("The code was issued after its validity ended (“%s”)"), "issued");
  if (strcmp (values[4], values[7]) >= 0)
    return invalid (error, _("The holder's date of birth is not before the permit (“%s”)"), "dob");

  if (into != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (msg_fields); i++)
      G_STRUCT_MEMBER (char *, into, msg_fields[i].offset) = g_strdup (values[i]);
  return TRUE;
}

static gboolean
check_data (JsonNode      *data,
            PdPermitCode  *into,
            GError       **error)
{
  static const char * const allowed[] = { "hdr", "msg", NULL };
  g_autoptr(JsonObject) wrapper = json_object_new ();
  JsonObject *object;

  /* get_object () checks the members of a named child: give @data a parent. */
  json_object_set_member (wrapper, "data", json_node_ref (data));
  if ((object = get_object (wrapper, "data", allowed, error)) == NULL)
    return FALSE;
  return check_header (object, into, error) && check_message (object, into, error);
}

/**
 * pd_permit_code_validate_data:
 * @data: the "data" member of a permit code ({"hdr": .., "msg": ..})
 * @error: return location for a #PD_CODE_ERROR
 *
 * Returns: whether @data has exactly the documented members and forms
 */
gboolean
pd_permit_code_validate_data (JsonNode  *data,
                              GError   **error)
{
  g_return_val_if_fail (data != NULL, FALSE);

  return check_data (data, NULL, error);
}

static GBytes *
get_base64url (JsonObject  *sig,
               const char  *name,
               gsize        max_size,
               GError     **error)
{
  const char *text = get_string (sig, name, FALSE, error);
  g_autoptr(GBytes) bytes = NULL;

  if (text == NULL)
    return NULL;
  bytes = pd_base64url_decode (text);
  if (bytes == NULL || g_bytes_get_size (bytes) == 0 || g_bytes_get_size (bytes) > max_size)
    return invalid (error, _("The field “%s” of the code is not valid base64url"), name), NULL;
  return g_steal_pointer (&bytes);
}

static gboolean
check_signature_part (JsonObject    *root,
                      PdPermitCode  *self,
                      GError       **error)
{
  static const char * const allowed[] = { "alg", "cer", "sigvl", NULL };
  JsonObject *sig;
  const char *algorithm;
  gnutls_datum_t der;

  if ((sig = get_object (root, "sig", allowed, error)) == NULL ||
      (algorithm = get_string (sig, "alg", FALSE, error)) == NULL)
    return FALSE;
  if (strlen (algorithm) < 1 || strlen (algorithm) > 16 ||
      strspn (algorithm, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != strlen (algorithm))
    return invalid (error, _("The field “%s” of the code is not an algorithm name"), "alg");
  if ((self->signer_der = get_base64url (sig, "cer", MAX_CERT_SIZE, error)) == NULL ||
      (self->signature = get_base64url (sig, "sigvl", MAX_SIG_SIZE, error)) == NULL)
    return FALSE;

  der.data = (unsigned char *) g_bytes_get_data (self->signer_der, NULL);
  der.size = g_bytes_get_size (self->signer_der);
  if (gnutls_x509_crt_init (&self->signer) < 0 ||
      gnutls_x509_crt_import (self->signer, &der, GNUTLS_X509_FMT_DER) < 0)
    {
      g_set_error_literal (error, PD_CODE_ERROR, PD_CODE_ERROR_BAD_CERTIFICATE,
                           _("The signer certificate in the code cannot be read"));
      return FALSE;
    }
  self->algorithm = g_strdup (algorithm);
  return TRUE;
}

/**
 * pd_permit_code_parse:
 * @text: the code as read, not necessarily NUL-terminated
 * @len: its length in bytes
 * @error: return location for a #PD_CODE_ERROR
 *
 * Reads and checks the form of a signed permit code; the signature is checked
 * separately by pd_permit_code_verify_signature().
 *
 * Returns: (transfer full): the code, or %NULL with @error naming what is wrong
 */
PdPermitCode *
pd_permit_code_parse (const char  *text,
                      gsize        len,
                      GError     **error)
{
  static const char * const allowed[] = { "data", "sig", NULL };
  g_autoptr(PdPermitCode) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) wrapper = json_object_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len > PD_PERMIT_CODE_MAX_SIZE)
    {
      g_set_error_literal (error, PD_CODE_ERROR, PD_CODE_ERROR_TOO_LARGE,
                           _("The code is too large to be a permit code"));
      return NULL;
    }
  /* hdr sits at depth 3; anything deeper is not a permit code. */
  if ((root = pd_jcs_parse (text, len, 4, &local_error)) == NULL)
    {
      g_set_error (error, PD_CODE_ERROR, PD_CODE_ERROR_NOT_JSON,
                   _("The code is not well-formed JSON: %s"), local_error->message);
      return NULL;
    }

  json_object_set_member (wrapper, "code", json_node_ref (root));
  if ((object = get_object (wrapper, "code", allowed, error)) == NULL)
    return NULL;
  if (json_object_get_member (object, "data") == NULL)
    return malformed (error, _("The code has no “%s” part"), "data"), NULL;

  self = g_object_new (PD_TYPE_PERMIT_CODE, NULL);
  self->data = json_node_ref (json_object_get_member (object, "data"));
  if (!check_data (self->data, self, error) || !check_signature_part (object, self, error))
    return NULL;
  /* Cannot fail: the strict parser admits only what canonicalises. */
  self->canonical = pd_jcs_canonicalize (self->data, NULL);
  g_assert (self->canonical != NULL);
  return g_steal_pointer (&self);
}

/* ECDSA P-256 public key of @crt, or NULL with @error set. */
static gnutls_pubkey_t
get_p256_key (gnutls_x509_crt_t   crt,
              GError            **error)
{
  g_auto(gnutls_pubkey_t) pubkey = NULL;
  gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;

  if (gnutls_pubkey_init (&pubkey) < 0 ||
      gnutls_pubkey_import_x509 (pubkey, crt, 0) < 0 ||
      gnutls_pubkey_get_pk_algorithm (pubkey, NULL) != GNUTLS_PK_ECDSA ||
      gnutls_pubkey_export_ecc_raw (pubkey, &curve, NULL, NULL) < 0 ||
      curve != GNUTLS_ECC_CURVE_SECP256R1)
    {
      g_set_error_literal (error, PD_CODE_ERROR, PD_CODE_ERROR_BAD_CERTIFICATE,
                           _("The signer certificate does not hold an ECDSA P-256 key"));
      return NULL;
    }
  return g_steal_pointer (&pubkey);
}

static gboolean
verify_es256 (gnutls_x509_crt_t   crt,
              const char         *message,
              GBytes             *signature,
              GError            **error)
{
  g_auto(gnutls_pubkey_t) pubkey = NULL;
  const guint8 *rs;
  gnutls_datum_t r, s, der = { NULL, 0 }, data;
  int ret;

  if ((pubkey = get_p256_key (crt, error)) == NULL)
    return FALSE;
  if (g_bytes_get_size (signature) != 64)
    {
      g_set_error_literal (error, PD_CODE_ERROR, PD_CODE_ERROR_BAD_SIGNATURE,
                           _("The signature has the wrong length"));
      return FALSE;
    }

  /* VDS-NC carries r||s; GnuTLS verifies the DER form. */
  rs = g_bytes_get_data (signature, NULL);
  r.data = (unsigned char *) rs;
  r.size = 32;
  s.data = (unsigned char *) rs + 32;
  s.size = 32;
  data.data = (unsigned char *) message;
  data.size = strlen (message);
  if (gnutls_encode_rs_value (&der, &r, &s) < 0)
    ret = GNUTLS_E_PK_SIG_VERIFY_FAILED;
  else
    ret = gnutls_pubkey_verify_data2 (pubkey, GNUTLS_SIGN_ECDSA_SHA256, 0, &data, &der);
  gnutls_free (der.data);

  if (ret < 0)
    {
      g_set_error_literal (error, PD_CODE_ERROR, PD_CODE_ERROR_BAD_SIGNATURE,
                           _("The signature does not match: the code was altered or signed with another key"));
      return FALSE;
    }
  return TRUE;
}

/**
 * pd_permit_code_verify_signature:
 * @self: a parsed code
 * @error: return location for a #PD_CODE_ERROR
 *
 * Checks the signature over the RFC 8785 form of "data" with the key of the
 * certificate in the code. Whether that certificate is trusted is the trust store's
 * question, not this one's.
 *
 * Returns: whether the signature is good
 */
gboolean
pd_permit_code_verify_signature (PdPermitCode  *self,
                                 GError       **error)
{
  g_return_val_if_fail (PD_IS_PERMIT_CODE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_str_equal (self->algorithm, ALGORITHM_ES256))
    {
      g_set_error (error, PD_CODE_ERROR, PD_CODE_ERROR_UNSUPPORTED_ALGORITHM,
                   _("The signature algorithm “%s” is not accepted (only ES256 is)"),
                   self->algorithm);
      return FALSE;
    }
  return verify_es256 (self->signer, self->canonical, self->signature, error);
}

/* r||s, each left-padded to 32 bytes, from a DER ECDSA signature. */
static GBytes *
der_to_raw_rs (const gnutls_datum_t *der)
{
  gnutls_datum_t r = { NULL, 0 }, s = { NULL, 0 };
  guint8 raw[64] = { 0 };
  GBytes *out = NULL;

  if (gnutls_decode_rs_value (der, &r, &s) >= 0)
    {
      const guint8 *rp = r.data, *sp = s.data;
      gsize rn = r.size, sn = s.size;

      /* Drop the sign byte DER adds before a high bit. */
      while (rn > 32 && *rp == 0)
        rp++, rn--;
      while (sn > 32 && *sp == 0)
        sp++, sn--;
      if (rn <= 32 && sn <= 32)
        {
          memcpy (raw + 32 - rn, rp, rn);
          memcpy (raw + 64 - sn, sp, sn);
          out = g_bytes_new (raw, sizeof raw);
        }
    }
  gnutls_free (r.data);
  gnutls_free (s.data);
  return out;
}

static JsonNode *
build_code (JsonNode   *data,
            GBytes     *signer_der,
            GBytes     *signature)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *cer = pd_base64url_encode (g_bytes_get_data (signer_der, NULL),
                                              g_bytes_get_size (signer_der));
  g_autofree char *sigvl = pd_base64url_encode (g_bytes_get_data (signature, NULL),
                                                g_bytes_get_size (signature));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "data");
  json_builder_add_value (builder, json_node_copy (data));
  json_builder_set_member_name (builder, "sig");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "alg");
  json_builder_add_string_value (builder, ALGORITHM_ES256);
  json_builder_set_member_name (builder, "cer");
  json_builder_add_string_value (builder, cer);
  json_builder_set_member_name (builder, "sigvl");
  json_builder_add_string_value (builder, sigvl);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * pd_permit_code_sign:
 * @data: the "data" member ({"hdr": .., "msg": ..}), checked with
 *   pd_permit_code_validate_data()
 * @key: the signer's ECDSA P-256 private key
 * @signer: the signer's certificate, embedded in the code
 * @error: return location for a #PD_CODE_ERROR
 *
 * Returns: (transfer full): the complete code text (canonical JSON), ready for a QR code
 */
char *
pd_permit_code_sign (JsonNode           *data,
                     gnutls_privkey_t    key,
                     gnutls_x509_crt_t   signer,
                     GError            **error)
{
  g_autofree char *canonical = NULL;
  g_autoptr(GBytes) signer_der = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(JsonNode) code = NULL;
  gnutls_datum_t message, der = { NULL, 0 };
  int ret;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (key != NULL && signer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pd_permit_code_validate_data (data, error))
    return NULL;
  if ((canonical = pd_jcs_canonicalize (data, NULL)) == NULL)
    {
      g_set_error_literal (error, PD_CODE_ERROR, PD_CODE_ERROR_INVALID_FIELD,
                           _("The permit data cannot be canonicalised"));
      return NULL;
    }

  message.data = (unsigned char *) canonical;
  message.size = strlen (canonical);
  ret = gnutls_privkey_sign_data (key, GNUTLS_DIG_SHA256, 0, &message, &der);
  if (ret >= 0)
    signature = der_to_raw_rs (&der);
  gnutls_free (der.data);
  signer_der = pd_pki_crt_to_der (signer);

  /* Catches a key that does not belong to @signer before a code is handed out. */
  if (signature == NULL || signer_der == NULL ||
      !verify_es256 (signer, canonical, signature, NULL))
    {
      g_set_error_literal (error, PD_CODE_ERROR, PD_CODE_ERROR_BAD_KEY,
                           _("The signing key is not an ECDSA P-256 key matching the signer certificate"));
      return NULL;
    }

  code = build_code (data, signer_der, signature);
  return pd_jcs_canonicalize (code, error);
}

#define GETTER(field) \
  const char * \
  pd_permit_code_get_##field (PdPermitCode *self) \
  { \
    g_return_val_if_fail (PD_IS_PERMIT_CODE (self), NULL); \
    return self->field; \
  }

GETTER (number)
GETTER (name_zh)
GETTER (name_latin)
GETTER (nationality)
GETTER (date_of_birth)
GETTER (employer)
GETTER (category)
GETTER (valid_from)
GETTER (valid_until)
GETTER (issued)
GETTER (doc_type)
GETTER (issuing_state)
GETTER (algorithm)

#undef GETTER

/* Permit dates are calendar days in China Standard Time (UTC+8, no daylight saving). */
static GDateTime *
china_midnight (const char *iso_date,
                int         add_days)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) day = g_date_time_new (tz, atoi (iso_date), atoi (iso_date + 5),
                                              atoi (iso_date + 8), 0, 0, 0);

  return g_date_time_add_days (day, add_days);
}

/* Returns: (transfer full): the first moment the permit is valid */
GDateTime *
pd_permit_code_get_valid_since (PdPermitCode *self)
{
  g_return_val_if_fail (PD_IS_PERMIT_CODE (self), NULL);
  return china_midnight (self->valid_from, 0);
}

/* Returns: (transfer full): the first moment after the last valid day */
GDateTime *
pd_permit_code_get_valid_before (PdPermitCode *self)
{
  g_return_val_if_fail (PD_IS_PERMIT_CODE (self), NULL);
  return china_midnight (self->valid_until, 1);
}

int
pd_permit_code_get_version (PdPermitCode *self)
{
  g_return_val_if_fail (PD_IS_PERMIT_CODE (self), 0);
  return self->version;
}

gnutls_x509_crt_t
pd_permit_code_get_signer (PdPermitCode *self)
{
  g_return_val_if_fail (PD_IS_PERMIT_CODE (self), NULL);
  return self->signer;
}

GBytes *
pd_permit_code_get_signer_der (PdPermitCode *self)
{
  g_return_val_if_fail (PD_IS_PERMIT_CODE (self), NULL);
  return self->signer_der;
}

GBytes *
pd_permit_code_get_signature (PdPermitCode *self)
{
  g_return_val_if_fail (PD_IS_PERMIT_CODE (self), NULL);
  return self->signature;
}

JsonNode *
pd_permit_code_get_data (PdPermitCode *self)
{
  g_return_val_if_fail (PD_IS_PERMIT_CODE (self), NULL);
  return self->data;
}
