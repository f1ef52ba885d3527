/* test-online.c: the online layer through PdOnlineChecker and verify_async
 *
 * The portal client implements PdOnlineChecker; here a checker with a fixed register
 * of cancelled permits stands in for it, answering from an idle callback as a network
 * reply would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-verifier.h"
#include "verify-fixtures.h"

#define TEST_TYPE_REGISTER_CHECKER (test_register_checker_get_type ())
G_DECLARE_FINAL_TYPE (TestRegisterChecker, test_register_checker, TEST, REGISTER_CHECKER, GObject)

struct _TestRegisterChecker
{
  GObject   parent_instance;
  gboolean  reachable;
  guint     calls;
};

static void test_register_checker_iface_init (PdOnlineCheckerInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestRegisterChecker, test_register_checker, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PD_TYPE_ONLINE_CHECKER, test_register_checker_iface_init))

static PdFixtures *fixtures;

static gboolean
answer_cb (gpointer user_data)
{
  GTask *task = user_data;
  TestRegisterChecker *self = g_task_get_source_object (task);
  PdVerdict *verdict = g_task_get_task_data (task);
  const char *number = pd_verdict_get_field (verdict, PD_VERDICT_FIELD_PERMIT_NUMBER);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  if (!self->reachable)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE, "No route to host");
      return G_SOURCE_REMOVE;
    }
  if (g_strcmp0 (number, "110000202500099999") == 0)
    pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_ONLINE, PD_LAYER_STATE_FAILED, TRUE,
                          "The portal says this permit was cancelled");
  else
    {
      pd_verdict_set_layer (verdict, PD_VERDICT_LAYER_ONLINE, PD_LAYER_STATE_PASSED, TRUE,
                            "The portal confirms the permit");
      pd_verdict_set_field (verdict, PD_VERDICT_FIELD_NAME_LATIN, "LI MING");
    }
  pd_verdict_set_checked_online (verdict, now);
  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static void
check_async (PdOnlineChecker     *checker,
             PdCode              *code,
             PdVerdict           *verdict,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (checker, cancellable, callback, user_data);

  TEST_REGISTER_CHECKER (checker)->calls++;
  g_task_set_task_data (task, g_object_ref (verdict), g_object_unref);
  g_idle_add_full (G_PRIORITY_DEFAULT, answer_cb, task, g_object_unref);
}

static gboolean
check_finish (PdOnlineChecker  *checker,
              GAsyncResult     *result,
              GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
test_register_checker_iface_init (PdOnlineCheckerInterface *iface)
{
  iface->check_async = check_async;
  iface->check_finish = check_finish;
}

static void
test_register_checker_class_init (TestRegisterCheckerClass *klass)
{
}

static void
test_register_checker_init (TestRegisterChecker *self)
{
  self->reachable = TRUE;
}

static void
on_verified_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static PdVerdict *
verify_async (TestRegisterChecker  *checker,
              const char           *text,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr(PdTrustStore) store = pd_fixtures_trust_store (fixtures);
  g_autoptr(PdVerifier) verifier = pd_verifier_new (store);
  g_autoptr(PdCode) code = pd_code_new_for_text (text, PD_CODE_SOURCE_SCANNER);
  g_autoptr(GAsyncResult) result = NULL;

  pd_verifier_set_online_checker (verifier, PD_ONLINE_CHECKER (checker));
  pd_verifier_verify_async (verifier, code, fixtures->now, cancellable, on_verified_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return pd_verifier_verify_finish (verifier, result, error);
}

static void
test_confirmed_number_becomes_valid (void)
{
  g_autoptr(TestRegisterChecker) checker = g_object_new (TEST_TYPE_REGISTER_CHECKER, NULL);
  g_autoptr(PdVerdict) verdict = verify_async (checker, "110000202500012345", NULL, NULL);

  g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_VALID);
  g_assert_cmpstr (pd_verdict_get_field (verdict, PD_VERDICT_FIELD_NAME_LATIN), ==, "LI MING");
  g_assert_nonnull (pd_verdict_get_checked_online (verdict));
}

static void
test_cancelled_permit_is_invalid_online (void)
{
  g_autoptr(TestRegisterChecker) checker = g_object_new (TEST_TYPE_REGISTER_CHECKER, NULL);
  g_autoptr(PdVerdict) verdict = verify_async (checker, "110000202500099999", NULL, NULL);

  g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_INVALID);
  g_assert_cmpstr (pd_verdict_get_reason (verdict), ==, "The portal says this permit was cancelled");
}

static void
test_unreachable_portal_keeps_check_needed (void)
{
  g_autoptr(TestRegisterChecker) checker = g_object_new (TEST_TYPE_REGISTER_CHECKER, NULL);
  g_autoptr(PdVerdict) verdict = NULL;

  checker->reachable = FALSE;
  verdict = verify_async (checker, "110000202500012345", NULL, NULL);
  g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_CHECK_NEEDED);
  g_assert_cmpstr (pd_verdict_get_reason (verdict), ==, "The portal could not be asked: No route to host");
}

/* Signed codes stay VALID offline when the portal cannot be asked: online is optional. */
static void
test_signed_code_stays_valid_when_portal_unreachable (void)
{
  g_autoptr(TestRegisterChecker) checker = g_object_new (TEST_TYPE_REGISTER_CHECKER, NULL);
  g_autofree char *code = pd_fixtures_valid_code (fixtures);
  g_autoptr(PdVerdict) verdict = NULL;

  checker->reachable = FALSE;
  verdict = verify_async (checker, code, NULL, NULL);
  g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_VALID);
  g_assert_cmpint (pd_verdict_get_layer_state (verdict, PD_VERDICT_LAYER_ONLINE), ==, PD_LAYER_STATE_UNKNOWN);
}

static void
test_invalid_codes_are_not_sent_online (void)
{
  g_autoptr(TestRegisterChecker) checker = g_object_new (TEST_TYPE_REGISTER_CHECKER, NULL);
  g_autoptr(PdVerdict) verdict = verify_async (checker, "hello", NULL, NULL);

  g_assert_cmpint (pd_verdict_get_result (verdict), ==, PD_VERDICT_RESULT_INVALID);
  g_assert_cmpuint (checker->calls, ==, 0);
}

static void
test_cancelling_reports_cancelled (void)
{
  g_autoptr(TestRegisterChecker) checker = g_object_new (TEST_TYPE_REGISTER_CHECKER, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PdVerdict) verdict = NULL;

  g_cancellable_cancel (cancellable);
  verdict = verify_async (checker, "110000202500012345", cancellable, &error);
  g_assert_null (verdict);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PdFixtures) f = NULL;

  g_test_init (&argc, &argv, NULL);
  fixtures = f = pd_fixtures_new ();

  g_test_add_func ("/verify/online/confirmed-number-becomes-valid", test_confirmed_number_becomes_valid);
  g_test_add_func ("/verify/online/cancelled-permit-is-invalid-online", test_cancelled_permit_is_invalid_online);
  g_test_add_func ("/verify/online/unreachable-portal-keeps-check-needed", test_unreachable_portal_keeps_check_needed);
  g_test_add_func ("/verify/online/signed-code-stays-valid-when-portal-unreachable", test_signed_code_stays_valid_when_portal_unreachable);
  g_test_add_func ("/verify/online/invalid-codes-are-not-sent-online", test_invalid_codes_are_not_sent_online);
  g_test_add_func ("/verify/online/cancelling-reports-cancelled", test_cancelling_reports_cancelled);

  return g_test_run ();
}
