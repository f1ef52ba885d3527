/* pd-verifier.c: from a code to a verdict
 *
 * pd_verifier_verify() is offline, synchronous and fast (no I/O): format, signature,
 * trust chain, revocation, validity dates and freshness of the trust data.
 * pd_verifier_verify_async() adds the online layer through a PdOnlineChecker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-verify"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "pd-permit-code.h"
#include "pd-pki.h"
#include "pd-verifier.h"

/* How much of an unrecognised code the verdict repeats. */
#define SHOWN_CHARS 48

struct _PdVerifier
{
  GObject          parent_instance;

  PdTrustStore    *trust_store;
  PdOnlineChecker *online_checker;
};

G_DEFINE_FINAL_TYPE (PdVerifier, pd_verifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TRUST_STORE,
  PROP_ONLINE_CHECKER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pd_verifier_dispose (GObject *object)
{
  PdVerifier *self = PD_VERIFIER (object);

  g_clear_object (&self->trust_store);
  g_clear_object (&self->online_checker);

  G_OBJECT_CLASS (pd_verifier_parent_class)->dispose (object);
}

static void
pd_verifier_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PdVerifier *self = PD_VERIFIER (object);

  switch (prop_id)
    {
    case PROP_TRUST_STORE:
      g_value_set_object (value, self->trust_store);
      break;
    case PROP_ONLINE_CHECKER:
      g_value_set_object (value, self->online_checker);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_verifier_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PdVerifier *self = PD_VERIFIER (object);

  switch (prop_id)
    {
    case PROP_TRUST_STORE:
      self->trust_store = g_value_dup_object (value);
      break;
    case PROP_ONLINE_CHECKER:
      pd_verifier_set_online_checker (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_verifier_class_init (PdVerifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pd_verifier_dispose;
  object_class->get_property = pd_verifier_get_property;
  object_class->set_property = pd_verifier_set_property;

  properties[PROP_TRUST_STORE] =
    g_param_spec_object ("trust-store", NULL, NULL, PD_TYPE_TRUST_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ONLINE_CHECKER] =
    g_param_spec_object ("online-checker", NULL, NULL, PD_TYPE_ONLINE_CHECKER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_verifier_init (PdVerifier *self)
{
}

PdVerifier *
pd_verifier_new (PdTrustStore *trust_store)
{
  g_return_val_if_fail (PD_IS_TRUST_STORE (trust_store), NULL);

  return g_object_new (PD_TYPE_VERIFIER, "trust-store", trust_store, NULL);
}

PdTrustStore *
pd_verifier_get_trust_store (PdVerifier *self)
{
  g_return_val_if_fail (PD_IS_VERIFIER (self), NULL);
  return self->trust_store;
}

PdOnlineChecker *
pd_verifier_get_online_checker (PdVerifier *self)
{
  g_return_val_if_fail (PD_IS_VERIFIER (self), NULL);
  return self->online_checker;
}

void
pd_verifier_set_online_checker (PdVerifier      *self,
                                PdOnlineChecker *checker)
{
  g_return_if_fail (PD_IS_VERIFIER (self));
  g_return_if_fail (checker == NULL || PD_IS_ONLINE_CHECKER (checker));

  if (g_set_object (&self->online_checker, checker))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE_CHECKER]);
}

static char *
common_name (gnutls_x509_crt_t crt,
             gboolean          issuer)
{
  char name[256];
  size_t size = sizeof name;
  int ret;

  if (issuer)
    ret = gnutls_x509_crt_get_issuer_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, name, &size);
  else
    ret = gnutls_x509_crt_get_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, name, &size);
  return g_strdup (ret >= 0 && g_utf8_validate (name, -1, NULL) ? name : "?");
}

static void
fill_fields (PdVerdict    *verdict,
             PdPermitCode *permit)
{
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_NAME_ZH, pd_permit_code_get_name_zh (permit));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_NAME_LATIN, pd_permit_code_get_name_latin (permit));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_NATIONALITY, pd_permit_code_get_nationality (permit));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_DATE_OF_BIRTH, pd_permit_code_get_date_of_birth (permit));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_PERMIT_NUMBER, pd_permit_code_get_number (permit));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_CATEGORY, pd_permit_code_get_category (permit));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_EMPLOYER, pd_permit_code_get_employer (permit));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_VALID_FROM, pd_permit_code_get_valid_from (permit));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_VALID_UNTIL, pd_permit_code_get_valid_until (permit));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_ISSUED, pd_permit_code_get_issued (permit));
}

static void
check_dates (PdVerifier   *self,
             PdVerdict    *verdict,
             PdPermitCode *permit,
             GDateTime    *now)
{
  g_autoptr(GDateTime) since = pd_permit_code_get_valid_since (permit);
  g_autoptr(GDateTime) before = pd_permit_code_get_valid_before (permit);
  GDateTime *updated_at = pd_trust_store_get_updated_at (self->trust_store);
  g_autoptr(GDateTime) tolerated = g_date_time_add_seconds (now, PD_VERIFIER_CLOCK_SKEW_SECONDS);
  g_autofree char *reason = NULL;
  PdLayerState state;

  if (g_date_time_compare (now, before) >= 0)
    {
      state = PD_LAYER_STATE_FAILED;
      reason = g_strdup_printf (_("The permit expired on %s"), pd_permit_code_get_valid_until (permit));
    }
  else if (updated_at != NULL && g_date_time_compare (tolerated, updated_at) < 0)
    {
      /* A clock behind the trust data could hide an expiry: do not vouch for dates.
       * The portal's clock and this one differ by a little anyway: that is tolerated. */
      state = PD_LAYER_STATE_UNKNOWN;
      reason = g_strdup (_("This computer’s clock is behind the trust data: check the date and time"));
    }
  else if (g_date_time_compare (now, since) < 0)
    {
      state = PD_LAYER_STATE_FAILED;
      reason = g_strdup_printf (_("The permit is not valid before %s"), pd_permit_code_get_valid_from (permit));
    }
  else
    {
      state = PD_LAYER_STATE_PASSED;
      reason = g_strdup_printf (_("Valid from %s until %s"), pd_permit_code_get_valid_from (permit),
                                pd_permit_code_get_valid_until (permit));
    }
  pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_VALIDITY, state, TRUE, reason);
}

static void
check_freshness (PdVerifier *self,
                 PdVerdict  *verdict,
                 GDateTime  *now)
{
  GDateTime *updated_at = pd_trust_store_get_updated_at (self->trust_store);
  g_autofree char *reason = NULL;
  g_autofree char *when = NULL;

  if (updated_at == NULL)
    {
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_FRESHNESS, PD_LAYER_STATE_UNKNOWN, TRUE,
                            _("The trust data has no date: update it"));
      return;
    }

  when = g_date_time_format (updated_at, "%Y-%m-%d %H:%M UTC");
  if (pd_trust_store_is_stale (self->trust_store, now))
    {
      reason = g_strdup_printf (_("The trust data is out of date (from %s): update it"), when);
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_FRESHNESS, PD_LAYER_STATE_UNKNOWN, TRUE, reason);
    }
  else
    {
      reason = g_strdup_printf (_("Trust data from %s"), when);
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_FRESHNESS, PD_LAYER_STATE_PASSED, TRUE, reason);
    }
}

/* Signature, then chain, then revocation: each needs the one before it to pass. */
static gboolean
check_signer (PdVerifier   *self,
              PdVerdict    *verdict,
              PdPermitCode *permit,
              GDateTime    *now)
{
  gnutls_x509_crt_t signer = pd_permit_code_get_signer (permit);
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *name = NULL;

  if (!pd_permit_code_verify_signature (permit, &error))
    {
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_SIGNATURE, PD_LAYER_STATE_FAILED, TRUE, error->message);
      return FALSE;
    }
  name = common_name (signer, FALSE);
  reason = g_strdup_printf (_("Signed by “%s”"), name);
  pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_SIGNATURE, PD_LAYER_STATE_PASSED, TRUE, reason);

  /* A key that signs trust lists never signs permit codes: whoever holds one
   * cannot also make codes, nor the other way round (pd-trust-refresh.c). */
  if (pd_pki_crt_has_purpose (signer, PD_PKI_PURPOSE_LIST_SIGNING))
    {
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_TRUST_CHAIN, PD_LAYER_STATE_FAILED, TRUE,
                            _("The signer certificate is not meant for signing permit codes"));
      return FALSE;
    }
  if (!pd_trust_store_check_chain (self->trust_store, signer, now, &error))
    {
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_TRUST_CHAIN, PD_LAYER_STATE_FAILED, TRUE, error->message);
      return FALSE;
    }
  g_free (name);
  g_free (reason);
  name = common_name (signer, TRUE);
  reason = g_strdup_printf (_("Issued by the trusted authority “%s”"), name);
  pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_TRUST_CHAIN, PD_LAYER_STATE_PASSED, TRUE, reason);

  if (pd_trust_store_check_revocation (self->trust_store, signer, &error))
    pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_REVOCATION, PD_LAYER_STATE_PASSED, TRUE,
                          _("The signer is not revoked"));
  else
    pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_REVOCATION,
                          g_error_matches (error, PD_TRUST_ERROR, PD_TRUST_ERROR_REVOKED) ?
                          PD_LAYER_STATE_FAILED : PD_LAYER_STATE_UNKNOWN,
                          TRUE, error->message);
  return TRUE;
}

static void
verify_signed (PdVerifier *self,
               PdVerdict  *verdict,
               const char *text,
               GDateTime  *now)
{
  g_autoptr(PdPermitCode) permit = NULL;
  g_autoptr(GError) error = NULL;

  if ((permit = pd_permit_code_parse (text, strlen (text), &error)) == NULL)
    {
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_FORMAT, PD_LAYER_STATE_FAILED, TRUE, error->message);
      return;
    }
  pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_FORMAT, PD_LAYER_STATE_PASSED, TRUE,
                        _("Signed work permit code"));
  fill_fields (verdict, permit);

  if (!check_signer (self, verdict, permit, now))
    return;
  check_dates (self, verdict, permit, now);
  pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_ONLINE, PD_LAYER_STATE_UNKNOWN, FALSE,
                        _("Not checked online"));
  check_freshness (self, verdict, now);
}

static void
verify_online_only (PdVerdict    *verdict,
                    const char   *text,
                    PdCodeFormat  format)
{
  static const PdVerdictLayer offline_layers[] = {
    PD_VERDICT_LAYER_SIGNATURE, PD_VERDICT_LAYER_TRUST_CHAIN,
    PD_VERDICT_LAYER_REVOCATION, PD_VERDICT_LAYER_VALIDITY,
  };

  if (format == PD_CODE_FORMAT_PERMIT_NUMBER)
    {
      g_autoptr(GString) digits = g_string_new (NULL);

      for (const char *p = text; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (digits, *p);
      pd_verdict_set_field (verdict, PD_VERDICT_FIELD_PERMIT_NUMBER, digits->str);
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_FORMAT, PD_LAYER_STATE_PASSED, TRUE,
                            _("Bare permit number"));
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_ONLINE, PD_LAYER_STATE_UNKNOWN, TRUE,
                            _("Check online: the portal is needed for a bare permit number"));
    }
  else
    {
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_FORMAT, PD_LAYER_STATE_PASSED, TRUE,
                            _("Online token"));
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_ONLINE, PD_LAYER_STATE_UNKNOWN, TRUE,
                            _("Check online: the portal is needed for an online token"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (offline_layers); i++)
    pd_verdict_set_layer (verdict, offline_layers[i], PD_LAYER_STATE_UNKNOWN, FALSE,
                          _("Checked by the portal for this kind of code"));
}

/* What was read, short and on one line, for the officer to recognise it. */
static char *
shown_text (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p != '\0' && n < SHOWN_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_unichar_iscntrl (c) ? 0xFFFD : c);
    }
  if (*g_utf8_offset_to_pointer (text, n) != '\0')
    g_string_append (out, "…");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
verify_unknown (PdVerdict  *verdict,
                const char *text)
{
  g_autofree char *shown = NULL;
  g_autofree char *reason = NULL;

  if (*text == '\0')
    reason = g_strdup (_("Not a work permit code: nothing was read"));
  else
    {
      shown = shown_text (text);
      reason = g_strdup_printf (_("Not a work permit code: “%s”"), shown);
    }
  pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_FORMAT, PD_LAYER_STATE_FAILED, TRUE, reason);
}

/**
 * pd_verifier_verify:
 * @self: a verifier
 * @code: what was read
 * @now: the verification time (the clock, or a time under test)
 *
 * Offline verification: no I/O, fast enough to run on every decoded frame.
 *
 * Returns: (transfer full): the verdict
 */
PdVerdict *
pd_verifier_verify (PdVerifier *self,
                    PdCode     *code,
                    GDateTime  *now)
{
  g_autoptr(PdVerdict) verdict = NULL;
  g_autofree char *text = NULL;
  PdCodeFormat format;

  g_return_val_if_fail (PD_IS_VERIFIER (self), NULL);
  g_return_val_if_fail (PD_IS_CODE (code), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  verdict = pd_verdict_new (code, now);
  pd_verdict_set_trust_updated_at (verdict, pd_trust_store_get_updated_at (self->trust_store));
  text = g_strstrip (g_strdup (pd_code_get_text (code)));
  format = pd_code_get_format (code);

  /* A damaged signed code ("{..." that does not parse) gets the parser's precise
   * reason rather than "not a permit code". */
  if (format == PD_CODE_FORMAT_SIGNED_PERMIT || (format == PD_CODE_FORMAT_UNKNOWN && text[0] == '{'))
    verify_signed (self, verdict, text, now);
  else if (format == PD_CODE_FORMAT_PERMIT_NUMBER || format == PD_CODE_FORMAT_ONLINE_TOKEN)
    verify_online_only (verdict, text, format);
  else
    verify_unknown (verdict, text);

  pd_verdict_update_result (verdict);
  return g_steal_pointer (&verdict);
}

static void
on_online_checked_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdVerdict *verdict = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!pd_online_checker_check_finish (PD_ONLINE_CHECKER (source), result, &error))
    {
      g_autofree char *reason = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      reason = g_strdup_printf (_("The portal could not be asked: %s"), error->message);
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_ONLINE, PD_LAYER_STATE_UNKNOWN,
                            pd_verdict_get_layer_required (verdict, PD_VERDICT_LAYER_ONLINE), reason);
    }
  pd_verdict_update_result (verdict);
  g_task_return_pointer (task, g_object_ref (verdict), g_object_unref);
}

/**
 * pd_verifier_verify_async:
 * @self: a verifier
 * @code: what was read
 * @now: the verification time
 * @cancellable: (nullable): cancels the online check
 * @callback: called with the verdict
 * @user_data: for @callback
 *
 * The offline verdict, completed by the online checker when one is set. Codes that
 * failed offline are not sent to the portal.
 */
void
pd_verifier_verify_async (PdVerifier          *self,
                          PdCode              *code,
                          GDateTime           *now,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PdVerdict *verdict;

  g_return_if_fail (PD_IS_VERIFIER (self));
  g_return_if_fail (PD_IS_CODE (code));
  g_return_if_fail (now != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_verifier_verify_async);
  verdict = pd_verifier_verify (self, code, now);
  g_task_set_task_data (task, verdict, g_object_unref);

  if (self->online_checker == NULL || pd_verdict_get_result (verdict) == PD_VERDICT_RESULT_INVALID)
    {
      g_task_return_pointer (task, g_object_ref (verdict), g_object_unref);
      return;
    }
  pd_online_checker_check_async (self->online_checker, code, verdict, cancellable,
                                 on_online_checked_cb, g_steal_pointer (&task));
}

/* Returns: (transfer full): the verdict, or NULL with @error when cancelled */
PdVerdict *
pd_verifier_verify_finish (PdVerifier    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (PD_IS_VERIFIER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
