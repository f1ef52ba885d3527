/* test-portal-api.c: every endpoint of the portal API, through PdPortalClient, against
 * a real permitdesk-portal on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pd-core.h"
#include "pd-portal-test.h"
#include "pd-test-util.h"

typedef struct {
  PdTestPortal   *portal;
  PdPortalClient *hr;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->portal = pd_test_portal_start (data);
  f->hr = pd_test_client_signed_in (f->portal->url, "hr", "hr-demo");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->hr);
  g_clear_pointer (&f->portal, pd_test_portal_free);
}

static gboolean
has_id (GPtrArray  *items,
        const char *id)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (json_object_get_string_member (g_ptr_array_index (items, i), "id"), id))
      return TRUE;
  return FALSE;
}

static JsonObject *
create_case (PdPortalClient  *client,
             JsonObject      *fields,
             const char      *key,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_create_async, client,
                                                PD_PORTAL_KIND_CASE, fields, key, NULL);

  return pd_portal_client_create_finish (client, result, error);
}

static JsonObject *
patch_case (PdPortalClient  *client,
            const char      *id,
            gint64           version,
            JsonObject      *fields,
            JsonObject     **current,
            GError         **error)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_update_async, client,
                                                PD_PORTAL_KIND_CASE, id, version, fields,
                                                FALSE, NULL);

  return pd_portal_client_update_finish (client, result, current, error);
}

static JsonObject *
notes (const char *text)
{
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "notes", text);
  return fields;
}

static void
test_sign_in_keeps_token_privately (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (pd_core_get_data_dir (), "portal-tokens.json", NULL);
  g_autoptr(PdPortalClient) again = pd_test_client_new (f->portal->url);
  g_autoptr(GAsyncResult) restored = NULL;
  g_autoptr(GAsyncResult) signed_out = NULL;
  g_autoptr(GAsyncResult) restored_after = NULL;
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpstr (pd_portal_client_get_role (f->hr), ==, "hr");
  g_assert_cmpstr (pd_portal_client_get_employer_id (f->hr), ==, "emp-shanghai-orbit");
  g_assert_true (pd_portal_client_get_token_in_file (f->hr));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A new run takes up the kept session without the password. */
  restored = PD_TEST_RUN (pd_portal_client_restore_session_async, again, "hr", NULL);
  g_assert_true (pd_portal_client_restore_session_finish (again, restored, &error));
  found = pd_test_get_case (again, "case-0001", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);

  signed_out = PD_TEST_RUN (pd_portal_client_sign_out_async, f->hr, NULL);
  g_assert_true (pd_portal_client_sign_out_finish (f->hr, signed_out, &error));
  g_assert_false (pd_portal_client_get_signed_in (f->hr));
  g_clear_pointer (&found, json_object_unref);
  found = pd_test_get_case (again, "case-0001", &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  g_clear_object (&again);
  again = pd_test_client_new (f->portal->url);
  restored_after = PD_TEST_RUN (pd_portal_client_restore_session_async, again, "hr", NULL);
  g_assert_false (pd_portal_client_restore_session_finish (again, restored_after, &error));
  g_assert_no_error (error);
}

static void
test_wrong_password_is_refused_and_slowed (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr(PdPortalClient) client = pd_test_client_new (f->portal->url);
  g_autoptr(GError) error = NULL;
  gint64 start, elapsed = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      start = g_get_monotonic_time ();
      result = PD_TEST_RUN (pd_portal_client_sign_in_async, client, "hr", "not-the-password", NULL);
      g_assert_false (pd_portal_client_sign_in_finish (client, result, &error));
      elapsed = g_get_monotonic_time () - start;
      g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNAUTHORIZED);
      g_assert_nonnull (strstr (error->message, "password"));
      g_clear_error (&error);
    }
  /* The third attempt waited 500 ms after two failures. */
  g_assert_cmpint (elapsed, >=, 450 * 1000);
  g_assert_false (pd_portal_client_get_signed_in (client));
}

static void
test_list_fetches_every_page (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PdPortalClient) officer = pd_test_client_signed_in (f->portal->url, "officer", "officer-demo");
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) employers = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  mine = pd_test_list (f->hr, PD_PORTAL_KIND_CASE, NULL, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 6);
  for (guint i = 0; i < mine->len; i++)
    {
      JsonObject *item = g_ptr_array_index (mine, i);

      g_assert_cmpstr (json_object_get_string_member (item, "employer_id"), ==, "emp-shanghai-orbit");
      g_assert_true (g_hash_table_add (seen, (gpointer) json_object_get_string_member (item, "id")));
    }
  all = pd_test_list (officer, PD_PORTAL_KIND_CASE, NULL, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 14);
  employers = pd_test_list (f->hr, PD_PORTAL_KIND_EMPLOYER, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employers->len, ==, 1);
}

static void
test_updated_since_returns_exactly_the_changes (Fixture       *f,
                                                gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *token2 = NULL;
  g_autofree char *token3 = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(JsonObject) fields = pd_test_new_case_fields ("per-lucas-martin", "Architect");
  g_autoptr(JsonObject) edit = notes ("Passport renewed");
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) patched = NULL;
  g_autoptr(GError) error = NULL;

  first = pd_test_list (f->hr, PD_PORTAL_KIND_CASE, NULL, 4, &token, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  created = create_case (f->hr, fields, NULL, &error);
  g_assert_no_error (error);
  patched = patch_case (f->hr, "case-0005", 1, edit, NULL, &error);
  g_assert_no_error (error);

  changes = pd_test_list (f->hr, PD_PORTAL_KIND_CASE, token, 1, &token2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_true (has_id (changes, json_object_get_string_member (created, "id")));
  g_assert_true (has_id (changes, "case-0005"));

  none = pd_test_list (f->hr, PD_PORTAL_KIND_CASE, token2, 0, &token3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpstr (token3, ==, token2);
}

static void
test_stale_update_conflicts_with_current (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(PdPortalClient) other = pd_test_client_signed_in (f->portal->url, "hr", "hr-demo");
  g_autoptr(JsonObject) mine = notes ("from the first clerk");
  g_autoptr(JsonObject) theirs = notes ("from the second clerk");
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) now = NULL;
  g_autoptr(GError) error = NULL;

  first = patch_case (f->hr, "case-0006", 1, mine, &current, &error);
  g_assert_no_error (error);
  g_assert_null (current);
  g_assert_cmpint (json_object_get_int_member (first, "version"), ==, 2);

  second = patch_case (other, "case-0006", 1, theirs, &current, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_CONFLICT);
  g_assert_null (second);
  g_assert_nonnull (current);
  g_assert_cmpint (json_object_get_int_member (current, "version"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (current, "notes"), ==, "from the first clerk");
  g_clear_error (&error);

  now = pd_test_get_case (f->hr, "case-0006", &error);
  g_assert_cmpstr (json_object_get_string_member (now, "notes"), ==, "from the first clerk");
}

static void
test_idempotency_key_creates_once (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(JsonObject) fields = pd_test_new_case_fields ("per-chen-meiling", "Designer");
  g_autoptr(JsonObject) other_fields = pd_test_new_case_fields ("per-chen-meiling", "Other");
  g_autoptr(JsonObject) a = NULL;
  g_autoptr(JsonObject) b = NULL;
  g_autoptr(JsonObject) c = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  a = create_case (f->hr, fields, "outbox-17", &error);
  g_assert_no_error (error);
  b = create_case (f->hr, fields, "outbox-17", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (a, "id"), ==, json_object_get_string_member (b, "id"));
  g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, "draft");

  c = create_case (f->hr, other_fields, "outbox-17", &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_REJECTED);
  g_clear_error (&error);

  all = pd_test_list (f->hr, PD_PORTAL_KIND_CASE, NULL, 0, NULL, &error);
  g_assert_cmpuint (all->len, ==, 7);
}

static JsonObject *
case_action (PdPortalClient  *client,
             const char      *id,
             gboolean         submit,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (submit)
    {
      result = PD_TEST_RUN (pd_portal_client_submit_async, client, id, 0, NULL);
      return pd_portal_client_submit_finish (client, result, NULL, error);
    }
  result = PD_TEST_RUN (pd_portal_client_withdraw_async, client, id, 0, NULL);
  return pd_portal_client_withdraw_finish (client, result, NULL, error);
}

static void
test_case_is_created_submitted_and_withdrawn (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr(JsonObject) fields = pd_test_new_case_fields ("per-hiroshi-tanaka", "Director");
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) submitted = NULL;
  g_autoptr(JsonObject) withdrawn = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  created = create_case (f->hr, fields, NULL, &error);
  g_assert_no_error (error);
  id = json_object_get_string_member (created, "id");
  submitted = case_action (f->hr, id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (submitted, "status"), ==, "submitted");
  g_assert_false (json_object_get_null_member (submitted, "submitted_at"));
  withdrawn = case_action (f->hr, id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (withdrawn, "status"), ==, "withdrawn");
  again = case_action (f->hr, id, TRUE, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_CONFLICT);
}

static void
test_other_employer_is_forbidden (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(PdPortalClient) hr2 = pd_test_client_signed_in (f->portal->url, "hr2", "hr2-demo");
  g_autoptr(JsonObject) edit = notes ("not mine");
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(JsonObject) changed = NULL;
  g_autoptr(JsonObject) fields = pd_test_new_case_fields ("per-anna-keller", "Spy");
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(GError) error = NULL;

  found = pd_test_get_case (hr2, "case-0001", &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_FORBIDDEN);
  g_clear_error (&error);
  changed = patch_case (hr2, "case-0001", 1, edit, NULL, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_FORBIDDEN);
  g_clear_error (&error);
  created = create_case (hr2, fields, NULL, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_FORBIDDEN);
}

static guint password_asked;

static char *
give_password (const char *url,
               const char *user,
               gpointer    data)
{
  password_asked++;
  return g_strdup (data);
}

static void
test_expired_token_signs_in_again (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(PdPortalClient) quiet = pd_test_client_signed_in (f->portal->url, "hr", "hr-demo");
  g_autoptr(JsonObject) found = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(GError) error = NULL;

  pd_portal_client_set_password_func (f->hr, give_password, (gpointer) "hr-demo", NULL);
  password_asked = 0;
  g_usleep (2100 * 1000);   /* the portal runs with --token-lifetime 2 */

  found = pd_test_get_case (f->hr, "case-0001", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpuint (password_asked, ==, 1);

  refused = pd_test_get_case (quiet, "case-0001", &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNAUTHORIZED);
}

static char *
write_temp_file (const char *name,
                 const char *contents,
                 gsize       len)
{
  char *path = g_build_filename (pd_core_get_data_dir (), name, NULL);

  g_assert_true (pd_core_ensure_data_dir (NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));
  return path;
}

static void
test_upload_document_checks_size_and_sum (Fixture       *f,
                                          gconstpointer  data)
{
  static const char scan[] = "%PDF-1.4\n% a scanned degree certificate\n";
  g_autofree char *path = write_temp_file ("degree.pdf", scan, sizeof scan - 1);
  g_autofree char *big_path = NULL;
  g_autofree char *big = g_malloc0 (10 * 1024 * 1024 + 1);
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, scan, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) big_file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) big_result = NULL;
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  result = PD_TEST_RUN (pd_portal_client_upload_document_async, f->hr, "case-0005", file,
                        "application/pdf", NULL);
  document = pd_portal_client_upload_document_finish (f->hr, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (document, "sha256"), ==, expected);
  g_assert_cmpstr (json_object_get_string_member (document, "name"), ==, "degree.pdf");

  listed = PD_TEST_RUN (pd_portal_client_list_documents_async, f->hr, "case-0005", NULL);
  documents = pd_portal_client_list_documents_finish (f->hr, listed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (documents, 0), "sha256"), ==, expected);

  big_path = write_temp_file ("huge.pdf", big, 10 * 1024 * 1024 + 1);
  big_file = g_file_new_for_path (big_path);
  big_result = PD_TEST_RUN (pd_portal_client_upload_document_async, f->hr, "case-0005", big_file,
                            "application/pdf", NULL);
  refused = pd_portal_client_upload_document_finish (f->hr, big_result, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "10 MiB"));
}

static void
test_documents_need_a_code_signer (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (pd_core_get_data_dir (), "notice.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) draft_result = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *draft_sha = NULL;
  g_autoptr(GError) error = NULL;

  result = PD_TEST_RUN (pd_portal_client_download_document_async, f->hr, "case-0001",
                        PD_PORTAL_DOCUMENT_NOTICE, file, NULL);
  sha = pd_portal_client_download_document_finish (f->hr, result, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "sign"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A draft has no documents at all. */
  draft_result = PD_TEST_RUN (pd_portal_client_download_document_async, f->hr, "case-0005",
                              PD_PORTAL_DOCUMENT_DECISION, file, NULL);
  draft_sha = pd_portal_client_download_document_finish (f->hr, draft_result, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_CONFLICT);
}

static JsonObject *
lookup (PdPortalClient  *client,
        const char      *number,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_lookup_permit_async, client, number, NULL);

  return pd_portal_client_lookup_permit_finish (client, result, error);
}

static void
test_permit_lookup_reports_status (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(PdPortalClient) officer = pd_test_client_signed_in (f->portal->url, "officer", "officer-demo");
  struct { const char *number, *status; } cases[] = {
    { "310115202412010001", "valid" },
    { "310115202312100003", "superseded" },
    { "440300202311200006", "expired" },
    { "440101202201050005", "cancelled" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) permit = lookup (officer, cases[i].number, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (permit, "status"), ==, cases[i].status);
      g_assert_true (json_object_has_member (permit, "holder"));
    }
  {
    g_autoptr(JsonObject) keller = lookup (officer, "310115202412010001", &error);
    JsonObject *holder = json_object_get_object_member (keller, "holder");

    g_assert_cmpstr (json_object_get_string_member (holder, "name_zh"), ==, "凯安娜");
  }
  {
    g_autoptr(JsonObject) unknown = lookup (officer, "999999999999999999", &error);

    g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autoptr(JsonObject) typo = lookup (officer, "31011520241201", &error);

    g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_REJECTED);
    g_clear_error (&error);
  }
  {
    g_autoptr(JsonObject) foreign = lookup (f->hr, "440101202610200004", &error);

    g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_FORBIDDEN);
  }
}

static JsonObject *
verify (PdPortalClient  *client,
        const char      *code,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_verify_async, client, code, NULL);

  return pd_portal_client_verify_finish (client, result, error);
}

static char *
issue_token (PdPortalClient *client,
             const char     *number)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_issue_token_async, client, number, NULL);
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GError) error = NULL;
  char *token = pd_portal_client_issue_token_finish (client, result, &expires, &error);

  g_assert_no_error (error);
  g_assert_nonnull (expires);
  g_assert_true (g_str_has_prefix (token, "PDT1."));
  return token;
}

static void
test_online_token_works_once (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PdPortalClient) officer = pd_test_client_signed_in (f->portal->url, "officer", "officer-demo");
  g_autofree char *token = issue_token (f->hr, "310115202412010001");
  g_autofree char *late = issue_token (f->hr, "310115202412010001");
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) expired = NULL;
  g_autoptr(JsonObject) by_number = NULL;
  g_autoptr(JsonObject) by_hr = NULL;
  g_autoptr(GError) error = NULL;

  first = verify (officer, token, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (first, "valid"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "permit"), "number"),
                   ==, "310115202412010001");
  second = verify (officer, token, &error);
  g_assert_false (json_object_get_boolean_member (second, "valid"));
  g_assert_cmpstr (json_object_get_string_member (second, "reason"), ==, "token-used");

  g_usleep (1100 * 1000);   /* the portal runs with --online-token-lifetime 1 */
  expired = verify (officer, late, &error);
  g_assert_cmpstr (json_object_get_string_member (expired, "reason"), ==, "token-expired");

  by_number = verify (officer, "310115202312100003", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (by_number, "reason"), ==, "permit-superseded");

  by_hr = verify (f->hr, "310115202412010001", &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_FORBIDDEN);
}

static void
test_trust_list_needs_a_signer (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PdPortalClient) anonymous = pd_test_client_new (f->portal->url);
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_fetch_trust_list_async, anonymous, NULL);
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(GError) error = NULL;

  list = pd_portal_client_fetch_trust_list_finish (anonymous, result, NULL, NULL, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_SERVER);
}

static void
test_hostile_strings_are_stored_as_text (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(JsonObject) fields = pd_test_new_case_fields ("per-anna-keller", "x'); DROP TABLE resources; --");
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) back = NULL;
  g_autoptr(GError) error = NULL;

  created = create_case (f->hr, fields, "');DELETE/**/FROM/**/idempotency;--", &error);
  g_assert_no_error (error);
  back = pd_test_get_case (f->hr, json_object_get_string_member (created, "id"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (back, "position"), ==, "x'); DROP TABLE resources; --");
}

static JsonObject *
write_resource (PdPortalClient  *client,
                PdPortalKind     kind,
                const char      *id,
                gint64           version,
                JsonObject      *fields,
                gboolean         replace,
                GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (id == NULL)
    {
      result = PD_TEST_RUN (pd_portal_client_create_async, client, kind, fields, NULL, NULL);
      return pd_portal_client_create_finish (client, result, error);
    }
  result = PD_TEST_RUN (pd_portal_client_update_async, client, kind, id, version, fields, replace, NULL);
  return pd_portal_client_update_finish (client, result, NULL, error);
}

static void
test_persons_and_employers_are_written (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(PdPortalClient) officer = pd_test_client_signed_in (f->portal->url, "officer", "officer-demo");
  g_autoptr(PdPortalClient) applicant = pd_test_client_signed_in (f->portal->url, "applicant", "applicant-demo");
  g_autoptr(JsonObject) person = json_object_new ();
  g_autoptr(JsonObject) employer = json_object_new ();
  g_autoptr(JsonObject) address = json_object_new ();
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) replaced = NULL;
  g_autoptr(JsonObject) registered = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) moved = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  json_object_set_string_member (person, "employer_id", "emp-shanghai-orbit");
  json_object_set_string_member (person, "family_name", "Okafor");
  json_object_set_string_member (person, "given_names", "Chidi");
  json_object_set_string_member (person, "name_zh", "奥卡福");
  json_object_set_string_member (person, "nationality", "NGA");
  json_object_set_string_member (person, "passport_number", "A01234567");
  json_object_set_string_member (person, "birth_date", "1990-02-28");
  json_object_set_string_member (person, "email", "chidi@example.org");
  created = write_resource (f->hr, PD_PORTAL_KIND_PERSON, NULL, 0, person, FALSE, &error);
  g_assert_no_error (error);
  id = json_object_get_string_member (created, "id");
  g_assert_cmpstr (json_object_get_string_member (created, "name_zh"), ==, "奥卡福");

  /* PUT replaces: a member left out is gone. */
  json_object_remove_member (person, "email");
  replaced = write_resource (f->hr, PD_PORTAL_KIND_PERSON, id, 1, person, TRUE, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_has_member (replaced, "email"));
  g_assert_cmpint (json_object_get_int_member (replaced, "version"), ==, 2);

  json_object_set_string_member (employer, "name", "Delta Optics (Shenzhen) Co., Ltd.");
  json_object_set_string_member (employer, "name_zh", "德尔塔光学（深圳）有限公司");
  json_object_set_string_member (employer, "credit_code", "91440300MA5H0K1T2B");
  json_object_set_string_member (employer, "city", "Shenzhen");
  registered = write_resource (officer, PD_PORTAL_KIND_EMPLOYER, NULL, 0, employer, FALSE, &error);
  g_assert_no_error (error);
  refused = write_resource (f->hr, PD_PORTAL_KIND_EMPLOYER, NULL, 0, employer, FALSE, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_FORBIDDEN);
  g_clear_error (&error);

  json_object_set_string_member (address, "address", "1 Science Park Road\nPudong, Shanghai");
  moved = write_resource (f->hr, PD_PORTAL_KIND_EMPLOYER, "emp-shanghai-orbit", 1, address, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (moved, "credit_code"), ==, "91310115MA1K4B2X3Q");
  mine = pd_test_list (f->hr, PD_PORTAL_KIND_EMPLOYER, NULL, 0, NULL, &error);
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (mine, 0), "address"), ==,
                   "1 Science Park Road\nPudong, Shanghai");

  own = pd_test_list (applicant, PD_PORTAL_KIND_PERSON, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (own->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (own, 0), "family_name"), ==, "Keller");
}

static const char *expiring[] = { "--token-lifetime", "2", NULL };
static const char *short_tokens[] = { "--online-token-lifetime", "1", NULL };

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = pd_test_make_tmpdir ("pd-portal-api-XXXXXX");
  int ret;

  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, args) \
  g_test_add ("/portal/" path, Fixture, args, fixture_set_up, func, fixture_tear_down)
  ADD ("sign-in-keeps-token-privately", test_sign_in_keeps_token_privately, NULL);
  ADD ("wrong-password-is-refused-and-slowed", test_wrong_password_is_refused_and_slowed, NULL);
  ADD ("list-fetches-every-page", test_list_fetches_every_page, NULL);
  ADD ("updated-since-returns-exactly-the-changes", test_updated_since_returns_exactly_the_changes, NULL);
  ADD ("stale-update-conflicts-with-current", test_stale_update_conflicts_with_current, NULL);
  ADD ("idempotency-key-creates-once", test_idempotency_key_creates_once, NULL);
  ADD ("case-is-created-submitted-and-withdrawn", test_case_is_created_submitted_and_withdrawn, NULL);
  ADD ("other-employer-is-forbidden", test_other_employer_is_forbidden, NULL);
  ADD ("expired-token-signs-in-again", test_expired_token_signs_in_again, expiring);
  ADD ("upload-document-checks-size-and-sum", test_upload_document_checks_size_and_sum, NULL);
  ADD ("documents-need-a-code-signer", test_documents_need_a_code_signer, NULL);
  ADD ("permit-lookup-reports-status", test_permit_lookup_reports_status, NULL);
  ADD ("online-token-works-once", test_online_token_works_once, short_tokens);
  ADD ("trust-list-needs-a-signer", test_trust_list_needs_a_signer, NULL);
  ADD ("persons-and-employers-are-written", test_persons_and_employers_are_written, NULL);
  ADD ("hostile-strings-are-stored-as-text", test_hostile_strings_are_stored_as_text, NULL);
#undef ADD

  ret = g_test_run ();
  pd_test_rm_rf (data_dir);
  return ret;
}
