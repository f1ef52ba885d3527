/* pd-problem.c: RFC 9457 problems from the portal, turned into errors a user can act on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pd-problem.h"

G_DEFINE_QUARK (pd-portal-error-quark, pd_portal_error)

/* Problem members are shown to users: short single-line text only. */
static char *
dup_short_text (JsonObject *object,
                const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  if (g_utf8_strlen (text, -1) > 500)
    return NULL;
  return g_strdelimit (g_strdup (text), "\r\n\t", ' ');
}

/* Any JSON becomes a problem; members of the wrong type are dropped, so a hostile body
 * still yields a usable error from the HTTP status alone. */
PdProblem *
pd_problem_parse (JsonNode *node,
                  guint     http_status)
{
  PdProblem *problem = g_new0 (PdProblem, 1);

  problem->status = http_status;
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      problem->object = json_object_ref (json_node_get_object (node));
      problem->type = dup_short_text (problem->object, "type");
      problem->title = dup_short_text (problem->object, "title");
      problem->detail = dup_short_text (problem->object, "detail");
    }
  return problem;
}

void
pd_problem_free (PdProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->type);
  g_free (problem->title);
  g_free (problem->detail);
  g_clear_pointer (&problem->object, json_object_unref);
  g_free (problem);
}

gboolean
pd_problem_is (PdProblem  *problem,
               const char *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  return problem != NULL && g_strcmp0 (problem->type, type) == 0;
}

static PdPortalError
code_for_status (guint status)
{
  switch (status)
    {
    case 401: return PD_PORTAL_ERROR_UNAUTHORIZED;
    case 403: return PD_PORTAL_ERROR_FORBIDDEN;
    case 404: return PD_PORTAL_ERROR_NOT_FOUND;
    case 409:
    case 412: return PD_PORTAL_ERROR_CONFLICT;
    default:
      return status >= 500 ? PD_PORTAL_ERROR_SERVER : PD_PORTAL_ERROR_REJECTED;
    }
}

static const char *
message_for (PdPortalError  code,
             PdProblem     *problem)
{
  switch (code)
    {
    case PD_PORTAL_ERROR_UNAUTHORIZED:
      if (pd_problem_is (problem, PD_PROBLEM_INVALID_CREDENTIALS))
        return _("The portal did not accept this user name and password. Check them and sign in again.");
      return _("The portal session has ended. Sign in to the portal again.");
    case PD_PORTAL_ERROR_FORBIDDEN:
      return _("Your portal account may not see or change this record. Ask the portal administrator for access.");
    case PD_PORTAL_ERROR_NOT_FOUND:
      return _("The portal does not know this record. It may have been removed; synchronize and try again.");
    case PD_PORTAL_ERROR_CONFLICT:
      if (problem != NULL && problem->status == 412)
        return _("Someone else changed this record on the portal. Compare both versions and choose which to keep.");
      return _("The portal refused the change in the record’s current state. Synchronize and check its status.");
    case PD_PORTAL_ERROR_SERVER:
      if (pd_problem_is (problem, PD_PROBLEM_SIGNER_UNAVAILABLE))
        return _("The portal cannot sign documents at the moment. Try again later or contact the portal operator.");
      return _("The portal has a problem of its own. Try again in a few minutes.");
    case PD_PORTAL_ERROR_REJECTED:
    default:
      if (pd_problem_is (problem, PD_PROBLEM_TOO_MANY_ATTEMPTS))
        return _("The portal is still checking another sign-in for this user. Wait a few seconds and sign in again.");
      return _("The portal refused the request. Check the entered data and try again.");
    }
}

/* The server's `detail` is appended when it has one: it names the field at fault. */
GError *
pd_problem_to_error (PdProblem *problem,
                     guint      http_status)
{
  PdPortalError code = code_for_status (http_status);
  const char *message = message_for (code, problem);

  if (problem != NULL && problem->detail != NULL && code == PD_PORTAL_ERROR_REJECTED &&
      !pd_problem_is (problem, PD_PROBLEM_TOO_MANY_ATTEMPTS))
    return g_error_new (PD_PORTAL_ERROR, code, "%s (%s)", message, problem->detail);
  return g_error_new_literal (PD_PORTAL_ERROR, code, message);
}
