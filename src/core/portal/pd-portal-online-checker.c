/* pd-portal-online-checker.c: the verifier's online layer over the portal client
 *
 * A bare permit number and a signed code are looked up by number (GET /permits/N);
 * an online token is checked (POST /verify), which spends it. A portal that cannot be
 * reached leaves the online layer unconfirmed with a plain reason: a number or a token
 * then needs a check, a signed code stays decided by its offline layers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "pd-portal-online-checker.h"

struct _PdPortalOnlineChecker
{
  GObject         parent_instance;

  PdPortalClient *client;
};

static void online_checker_iface_init (PdOnlineCheckerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdPortalOnlineChecker, pd_portal_online_checker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PD_TYPE_ONLINE_CHECKER, online_checker_iface_init))

typedef struct {
  PdVerdict    *verdict;
  PdCodeFormat  format;
} Check;

static void
check_free (Check *check)
{
  g_clear_object (&check->verdict);
  g_free (check);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
set_online (PdVerdict    *verdict,
            PdLayerState  state,
            const char   *reason)
{
  pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_ONLINE, state,
                        pd_verdict_get_layer_required (verdict, PD_VERDICT_LAYER_ONLINE), reason);
}

/* The holder's fields as the portal has them, for a code that carries none. */
static void
fill_fields (PdVerdict  *verdict,
             JsonObject *permit)
{
  JsonObject *holder = member_object (permit, "holder");
  const char *given = member_string (holder, "given_names");
  g_autofree char *latin = g_strjoin (" ", member_string (holder, "family_name"), given, NULL);
  g_autofree char *latin_up = g_utf8_strup (latin, -1);
  const char *category_nick = member_string (permit, "category");
  g_autofree char *category = category_nick != NULL ? g_ascii_strup (category_nick, -1) : NULL;

  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_NAME_ZH, member_string (holder, "name_zh"));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_NAME_LATIN, latin_up);
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_NATIONALITY, member_string (holder, "nationality"));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_DATE_OF_BIRTH, member_string (holder, "birth_date"));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_PERMIT_NUMBER, member_string (permit, "number"));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_CATEGORY, category);
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_EMPLOYER, member_string (permit, "employer_name"));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_VALID_FROM, member_string (permit, "valid_from"));
  pd_verdict_set_field (verdict, PD_VERDICT_FIELD_VALID_UNTIL, member_string (permit, "valid_until"));
}

/* What a portal `status` (or verify `reason` without its "permit-" prefix) means. */
static char *
status_reason (const char *status,
               JsonObject *permit,
               const char *when)
{
  if (g_strcmp0 (status, "valid") == 0)
    return g_strdup_printf (_("The portal confirms the permit is valid (checked online at %s)"), when);
  if (g_strcmp0 (status, "expired") == 0 && member_string (permit, "valid_until") == NULL)
    return g_strdup (_("The portal reports the permit expired"));
  if (g_strcmp0 (status, "expired") == 0)
    return g_strdup_printf (_("The portal reports the permit expired on %s"),
                            member_string (permit, "valid_until"));
  if (g_strcmp0 (status, "cancelled") == 0)
    return g_strdup (_("The portal reports the permit cancelled"));
  if (g_strcmp0 (status, "superseded") == 0)
    return g_strdup (_("The portal reports the permit superseded by a renewal: ask for the new permit"));
  if (g_strcmp0 (status, "unknown") == 0)
    return g_strdup (_("The portal knows no permit with this number"));
  if (g_strcmp0 (status, "token-unknown") == 0)
    return g_strdup (_("The portal does not know this online token"));
  if (g_strcmp0 (status, "token-expired") == 0)
    return g_strdup (_("The online token has expired: ask the holder to show a new one"));
  if (g_strcmp0 (status, "token-used") == 0)
    return g_strdup (_("The online token was already used: ask the holder to show a new one"));
  return g_strdup (_("The portal gave an answer PermitDesk does not know: update PermitDesk"));
}

/* The portal's answer about @permit (NULL when it has none) into the verdict. */
static void
apply_answer (Check      *check,
              const char *status,
              JsonObject *permit,
              GDateTime  *checked_at)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (checked_at);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
  g_autofree char *reason = status_reason (status, permit, when);
  gboolean valid = g_strcmp0 (status, "valid") == 0;

  pd_verdict_set_checked_online (check->verdict, checked_at);
  set_online (check->verdict, valid ? PD_LAYER_STATE_PASSED : PD_LAYER_STATE_FAILED, reason);
  if (check->format == PD_CODE_FORMAT_SIGNED_PERMIT || permit == NULL)
    return;

  /* A number or a token carries no dates: the portal's are the only ones. */
  fill_fields (check->verdict, permit);
  if (g_strcmp0 (status, "expired") == 0)
    pd_verdict_set_layer (check->verdict, PD_VERDICT_LAYER_VALIDITY, PD_LAYER_STATE_FAILED, TRUE, reason);
  else
    {
      const char *from = member_string (permit, "valid_from");
      const char *until = member_string (permit, "valid_until");
      g_autofree char *dates = from != NULL && until != NULL
                               ? g_strdup_printf (_("Valid from %s until %s"), from, until)
                               : g_strdup (_("The portal gave no validity dates"));

      pd_verdict_set_layer (check->verdict, PD_VERDICT_LAYER_VALIDITY,
                            valid ? PD_LAYER_STATE_PASSED : PD_LAYER_STATE_UNKNOWN, FALSE, dates);
    }
}

/* Failures the verdict can explain itself; others go back to the verifier. */
static gboolean
explain_failure (Check   *check,
                 GError  *error)
{
  g_autoptr(GDateTime) now = NULL;

  if (g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNREACHABLE) ||
      g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_TIMEOUT))
    set_online (check->verdict, PD_LAYER_STATE_UNKNOWN,
                _("Not checked online: the portal could not be reached"));
  else if (g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_NOT_SIGNED_IN))
    set_online (check->verdict, PD_LAYER_STATE_UNKNOWN,
                _("Not checked online: sign in to the portal in Preferences"));
  else if (g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_FORBIDDEN))
    set_online (check->verdict, PD_LAYER_STATE_UNKNOWN,
                _("Not checked online: this portal account may not look up this permit"));
  else if (g_error_matches (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_NOT_FOUND))
    {
      now = g_date_time_new_now_utc ();
      apply_answer (check, "unknown", NULL, now);
    }
  else
    return FALSE;
  return TRUE;
}

static void
finish (GTask  *task,
        GError *error)
{
  if (error == NULL || explain_failure (g_task_get_task_data (task), error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_error_copy (error));
}

static void
on_permit_looked_up_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) permit = NULL;
  g_autoptr(GError) error = NULL;

  permit = pd_portal_client_lookup_permit_finish (PD_PORTAL_CLIENT (source), result, &error);
  if (permit != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      apply_answer (g_task_get_task_data (task), member_string (permit, "status"), permit, now);
    }
  finish (task, error);
}

static void
on_token_verified_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = pd_portal_client_verify_finish (PD_PORTAL_CLIENT (source), result, &error);
  if (reply != NULL)
    {
      const char *reason = member_string (reply, "reason");
      g_autoptr(GDateTime) checked_at = g_date_time_new_from_iso8601 (member_string (reply, "checked_at"), NULL);

      if (checked_at == NULL)
        checked_at = g_date_time_new_now_utc ();
      /* A missing reason stays NULL: an answer PermitDesk does not know. */
      if (reason != NULL && g_str_has_prefix (reason, "permit-"))
        reason += strlen ("permit-");
      apply_answer (g_task_get_task_data (task), reason, member_object (reply, "permit"), checked_at);
    }
  finish (task, error);
}

static void
pd_portal_online_checker_check_async (PdOnlineChecker     *checker,
                                      PdCode              *code,
                                      PdVerdict           *verdict,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  PdPortalOnlineChecker *self = PD_PORTAL_ONLINE_CHECKER (checker);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *text = g_strstrip (g_strdup (pd_code_get_text (code)));
  const char *number = pd_verdict_get_field (verdict, PD_VERDICT_FIELD_PERMIT_NUMBER);
  Check *check = g_new0 (Check, 1);

  g_task_set_source_tag (task, pd_portal_online_checker_check_async);
  check->verdict = g_object_ref (verdict);
  check->format = pd_code_get_format (code);
  g_task_set_task_data (task, check, (GDestroyNotify) check_free);

  if (check->format == PD_CODE_FORMAT_ONLINE_TOKEN)
    pd_portal_client_verify_async (self->client, text, cancellable, on_token_verified_cb,
                                   g_steal_pointer (&task));
  else if (number != NULL)
    pd_portal_client_lookup_permit_async (self->client, number, cancellable, on_permit_looked_up_cb,
                                          g_steal_pointer (&task));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("This code has no permit number to look up"));
}

static gboolean
pd_portal_online_checker_check_finish (PdOnlineChecker  *checker,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, checker), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
online_checker_iface_init (PdOnlineCheckerInterface *iface)
{
  iface->check_async = pd_portal_online_checker_check_async;
  iface->check_finish = pd_portal_online_checker_check_finish;
}

static void
pd_portal_online_checker_dispose (GObject *object)
{
  PdPortalOnlineChecker *self = PD_PORTAL_ONLINE_CHECKER (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (pd_portal_online_checker_parent_class)->dispose (object);
}

static void
pd_portal_online_checker_class_init (PdPortalOnlineCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pd_portal_online_checker_dispose;
}

static void
pd_portal_online_checker_init (PdPortalOnlineChecker *self)
{
}

PdPortalOnlineChecker *
pd_portal_online_checker_new (PdPortalClient *client)
{
  PdPortalOnlineChecker *self;

  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (client), NULL);

  self = g_object_new (PD_TYPE_PORTAL_ONLINE_CHECKER, NULL);
  self->client = g_object_ref (client);
  return self;
}

PdPortalClient *
pd_portal_online_checker_get_client (PdPortalOnlineChecker *self)
{
  g_return_val_if_fail (PD_IS_PORTAL_ONLINE_CHECKER (self), NULL);
  return self->client;
}
