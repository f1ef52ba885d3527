/* pd-portal-client-rules.c: the newest rule sets the portal holds (GET /api/v1/rules)
 *
 * Each set comes as its exact file bytes with a detached signature; nothing here
 * believes them: PdRulesRefresh verifies the signature before the rules take them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pd-portal"

#include "config.h"

#include <string.h>

#include "pd-pki.h"
#include "pd-portal-client-private.h"
#include "pd-portal-schema.h"

void
pd_portal_rule_set_free (PdPortalRuleSet *set)
{
  if (set == NULL)
    return;
  g_free (set->id);
  g_free (set->version);
  g_clear_pointer (&set->json, g_bytes_unref);
  g_clear_pointer (&set->signature, g_bytes_unref);
  g_free (set);
}

/* The detached signature {alg: "ES256", cer: base64 DER, sig: base64url r‖s}, as bytes. */
static GBytes *
signature_bytes (JsonObject *entry)
{
  JsonNode *node = json_object_get_member (entry, "signature");
  JsonObject *signature;
  const char *alg, *cer, *sig;
  char *text;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  signature = json_node_get_object (node);
  if (!pd_portal_get_string (signature, "alg", FALSE, &alg, NULL) || !g_str_equal (alg, "ES256") ||
      !pd_portal_get_string (signature, "cer", FALSE, &cer, NULL) || *cer == '\0' ||
      !pd_portal_get_string (signature, "sig", FALSE, &sig, NULL) || *sig == '\0')
    return NULL;
  text = json_to_string (node, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

static PdPortalRuleSet *
decode_rule_set (JsonNode *node)
{
  g_autoptr(PdPortalRuleSet) set = g_new0 (PdPortalRuleSet, 1);
  JsonObject *entry;
  const char *id, *version, *payload;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  entry = json_node_get_object (node);
  if (!pd_portal_get_string (entry, "id", FALSE, &id, NULL) ||
      !pd_portal_get_string (entry, "version", FALSE, &version, NULL) ||
      !pd_portal_get_string (entry, "payload", FALSE, &payload, NULL))
    return NULL;
  set->id = g_strdup (id);
  set->version = g_strdup (version);
  set->json = pd_base64url_decode (payload);
  set->signature = signature_bytes (entry);
  if (set->json == NULL || g_bytes_get_size (set->json) == 0 || set->signature == NULL)
    return NULL;
  return g_steal_pointer (&set);
}

static void
on_rules_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PdPortalResponse) response = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_portal_rule_set_free);
  GError *error = NULL;
  JsonNode *list;

  response = pd_portal_client_call_finish (PD_PORTAL_CLIENT (source), result, &error);
  if (response != NULL)
    object = pd_portal_response_object (response, &error);
  if (object == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  list = json_object_get_member (object, "rule_sets");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_task_return_error (task, pd_portal_invalid_response ("rule sets"));
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      PdPortalRuleSet *set = decode_rule_set (json_array_get_element (json_node_get_array (list), i));

      if (set == NULL)
        {
          g_task_return_error (task, pd_portal_invalid_response ("rule set"));
          return;
        }
      g_ptr_array_add (sets, set);
    }
  g_task_return_pointer (task, g_steal_pointer (&sets), (GDestroyNotify) g_ptr_array_unref);
}

/* Any signed-in role may fetch the rule sets. */
void
pd_portal_client_fetch_rules_async (PdPortalClient      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PD_IS_PORTAL_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_portal_client_fetch_rules_async);
  pd_portal_client_call_async (self, pd_portal_call_new ("GET", "/api/v1/rules"), cancellable,
                               on_rules_cb, task);
}

/**
 * pd_portal_client_fetch_rules_finish:
 *
 * Returns: (transfer container) (element-type PdPortalRuleSet): the newest set of each
 *   id the portal holds, as sent (not yet verified)
 */
GPtrArray *
pd_portal_client_fetch_rules_finish (PdPortalClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (PD_IS_PORTAL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
