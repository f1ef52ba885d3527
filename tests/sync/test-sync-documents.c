/* test-sync-documents.c: the Notice and the Decision of an approved case, downloaded,
 * stored privately and recorded with their sha256 — the portal runs in-process with the
 * real code signer (pd_permit_code_sign) and the demo keys, which the shipped executable
 * does not install
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "pd-pki.h"
#include "pd-permit-code.h"
#include "pd-portal-server.h"
#include "pd-portal-inproc.h"
#include "pd-sync-test.h"
#include "pd-test-util.h"

typedef struct {
  PdTestInProcess   *portal;
  const char        *url;
  gnutls_privkey_t   key;
  gnutls_x509_crt_t  signer;
} InProcess;

/* The portal's own mapping of a case to its signed code, with the DEMO signer. */
static char *
sign_code (const char  *case_json,
           gpointer     user_data,
           GError     **error)
{
  InProcess *p = user_data;

  return pd_portal_sign_permit_code (case_json, p->key, p->signer, error);
}

static void
set_up_server (PdPortalServer *server,
               gpointer        user_data)
{
  pd_portal_server_set_code_signer (server, sign_code, user_data, NULL);
}

static void
load_signer (InProcess *p)
{
  g_autofree char *key_path = g_build_filename (g_getenv ("PD_SOURCE_ROOT"), "data", "trust", "demo-keys",
                                                "demo-signer.key", NULL);
  g_autofree char *crt_path = g_build_filename (g_getenv ("PD_SOURCE_ROOT"), "data", "trust",
                                                "demo-signer.pem", NULL);
  g_auto(gnutls_x509_privkey_t) x509_key = NULL;
  g_autoptr(GError) error = NULL;

  x509_key = pd_pki_load_key (key_path, &error);
  g_assert_no_error (error);
  p->key = pd_pki_privkey_from_x509 (x509_key, &error);
  g_assert_no_error (error);
  p->signer = pd_pki_load_crt (crt_path, &error);
  g_assert_no_error (error);
}

static InProcess *
in_process_start (void)
{
  InProcess *p = g_new0 (InProcess, 1);

  load_signer (p);
  p->portal = pd_test_in_process_start (set_up_server, p);
  p->url = pd_test_in_process_get_url (p->portal);
  return p;
}

static void
in_process_stop (InProcess *p)
{
  pd_test_in_process_stop (p->portal);
  gnutls_privkey_deinit (p->key);
  gnutls_x509_crt_deinit (p->signer);
  g_free (p);
}

static void
assert_document (PdCase     *item,
                 const char *kind,
                 const char *folder)
{
  GListModel *documents = pd_case_get_documents (item);
  g_autofree char *expected_path = g_strconcat (folder, "/", kind, ".pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  gsize len;
  struct stat st;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(PdDocument) document = g_list_model_get_item (documents, i);

      if (g_strcmp0 (pd_document_get_kind (document), kind) != 0)
        continue;
      g_assert_cmpint (pd_document_get_state (document), ==, PD_DOCUMENT_STATE_PROVIDED);
      g_assert_cmpstr (pd_document_get_file_path (document), ==, expected_path);
      g_assert_nonnull (pd_document_get_title (document));
      g_assert_true (g_file_get_contents (expected_path, &contents, &len, NULL));
      g_assert_true (g_str_has_prefix (contents, "%PDF-"));
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
      g_assert_cmpstr (pd_document_get_sha256 (document), ==, sum);
      g_assert_cmpint (stat (expected_path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      return;
    }
  g_assert_not_reached ();
}

static void
test_download_documents (void)
{
  InProcess *p = in_process_start ();
  PdSyncFixture fixture = { 0 }, *f = &fixture;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStore) reopened = NULL;
  g_autofree char *folder = NULL;
  PdCase *approved;
  struct stat st;

  f->data_dir = pd_test_make_tmpdir ("pd-sync-documents-XXXXXX");
  g_setenv ("PERMITDESK_DATA_DIR", f->data_dir, TRUE);
  f->store_path = g_build_filename (f->data_dir, "permitdesk.db", NULL);
  f->client = pd_test_client_signed_in (p->url, "hr", "hr-demo");
  pd_sync_fixture_open_store (f);
  g_assert_true (pd_sync_test_sync (f->engine, &error));
  g_assert_no_error (error);

  approved = pd_sync_test_find (f->store, "case-0003");
  result = PD_TEST_RUN (pd_sync_engine_download_documents_async, f->engine, approved, NULL);
  g_assert_true (pd_sync_engine_download_documents_finish (f->engine, result, &error));
  g_assert_no_error (error);

  folder = g_build_filename (f->data_dir, "documents", pd_case_get_id (approved), NULL);
  g_assert_cmpint (stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  assert_document (approved, "notice", folder);
  assert_document (approved, "decision", folder);
  g_assert_cmpuint (pd_sync_engine_get_pending (f->engine), ==, 0);

  reopened = pd_store_open (f->store_path, &error);
  g_assert_no_error (error);
  assert_document (pd_sync_test_find (reopened, "case-0003"), "notice", folder);
  assert_document (pd_sync_test_find (reopened, "case-0003"), "decision", folder);

  /* The second document cannot be written: the first one already on disk and its
   * recorded sha256 stay as they were, and nothing half-done is left behind. */
  {
    g_autofree char *blocker = g_build_filename (folder, "decision.pdf.part", NULL);
    g_autofree char *leftover = g_build_filename (folder, "notice.pdf.part", NULL);

    g_assert_cmpint (g_mkdir (blocker, 0700), ==, 0);
    g_clear_object (&result);
    result = PD_TEST_RUN (pd_sync_engine_download_documents_async, f->engine, approved, NULL);
    g_assert_false (pd_sync_engine_download_documents_finish (f->engine, result, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
    assert_document (approved, "notice", folder);
    assert_document (approved, "decision", folder);
    g_assert_cmpint (g_rmdir (blocker), ==, 0);
  }

  /* A draft has no documents: a clear error, nothing recorded. */
  g_clear_object (&result);
  result = PD_TEST_RUN (pd_sync_engine_download_documents_async, f->engine,
                        pd_sync_test_find (f->store, "case-0005"), NULL);
  g_assert_false (pd_sync_engine_download_documents_finish (f->engine, result, &error));
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_CONFLICT);
  g_assert_cmpuint (g_list_model_get_n_items (pd_case_get_documents (pd_sync_test_find (f->store, "case-0005"))), ==, 0);

  g_clear_object (&reopened);
  pd_sync_fixture_close_store (f);
  g_clear_object (&f->client);
  pd_test_rm_rf (f->data_dir);
  g_free (f->data_dir);
  g_free (f->store_path);
  in_process_stop (p);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/downloaded-documents-are-private-and-recorded", test_download_documents);

  return g_test_run ();
}
