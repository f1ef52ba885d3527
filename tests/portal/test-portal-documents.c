/* test-portal-documents.c: the two notification PDFs and the trust list, with signers
 * installed — the portal runs in-process on its own thread, because the shipped
 * executable has no signer until the verification part provides one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>
#include <zbar.h>

#include "pd-core.h"
#include "pd-portal-inproc.h"
#include "pd-portal-test.h"
#include "pd-test-util.h"

typedef struct {
  PdTestInProcess *portal;
  const char      *url;
  GMutex           lock;
  char            *last_code;
  char            *last_case_json;
} InProcess;

/* Test signers: stand-ins that let the test see exactly what the portal asked for. */
static char *
sign_code (const char  *case_json,
           gpointer     user_data,
           GError     **error)
{
  InProcess *p = user_data;
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, case_json, -1);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&p->lock);

  g_free (p->last_code);
  p->last_code = g_strconcat ("PDTEST:", digest, NULL);
  g_free (p->last_case_json);
  p->last_case_json = g_strdup (case_json);
  return g_strdup (p->last_code);
}

static char *
sign_trust_list (const guint8  *payload,
                 gsize          len,
                 gpointer       user_data,
                 GError       **error)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, payload, len);
}

static void
set_up_server (PdPortalServer *server,
               gpointer        user_data)
{
  g_autoptr(GBytes) ca = g_bytes_new_static ("ca-der", 6);
  g_autoptr(GBytes) signer = g_bytes_new_static ("signer-der", 10);
  g_autoptr(GBytes) crl = g_bytes_new_static ("crl-der", 7);

  pd_portal_server_set_code_signer (server, sign_code, user_data, NULL);
  pd_portal_server_set_trust_signer (server, sign_trust_list, user_data, NULL);
  pd_portal_server_add_trust_item (server, "ca", ca);
  pd_portal_server_add_trust_item (server, "signer", signer);
  pd_portal_server_add_trust_item (server, "crl", crl);
}

static InProcess *
in_process_start (void)
{
  InProcess *p = g_new0 (InProcess, 1);

  g_mutex_init (&p->lock);
  p->portal = pd_test_in_process_start (set_up_server, p);
  p->url = pd_test_in_process_get_url (p->portal);
  return p;
}

static void
in_process_stop (InProcess *p)
{
  pd_test_in_process_stop (p->portal);
  g_free (p->last_code);
  g_free (p->last_case_json);
  g_mutex_clear (&p->lock);
  g_free (p);
}

/* Renders the first page and reads its QR code with ZBar, as an officer's scanner would. */
static char *
read_qr (PopplerPage *page)
{
  double width, height;
  int w, h, stride;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autofree guint8 *gray = NULL;
  zbar_image_scanner_t *scanner;
  zbar_image_t *image;
  const zbar_symbol_t *symbol;
  char *text = NULL;

  poppler_page_get_size (page, &width, &height);
  w = (int) (width * 3);
  h = (int) (height * 3);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 3, 3);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = cairo_image_surface_get_stride (surface);
  gray = g_malloc ((gsize) w * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(guint32 *) (cairo_image_surface_get_data (surface) + y * stride + x * 4);

        gray[y * w + x] = (guint8) ((((px >> 16) & 0xff) + ((px >> 8) & 0xff) + (px & 0xff)) / 3);
      }
  cairo_surface_destroy (surface);

  scanner = zbar_image_scanner_create ();
  zbar_image_scanner_set_config (scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  image = zbar_image_create ();
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, (unsigned) w, (unsigned) h);
  zbar_image_set_data (image, gray, (unsigned long) w * h, NULL);
  if (zbar_scan_image (scanner, image) > 0 && (symbol = zbar_image_first_symbol (image)) != NULL)
    text = g_strdup (zbar_symbol_get_data (symbol));
  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);
  return text;
}

static void
check_pdf (const char *path,
           const char *sha256,
           const char *title_en,
           const char *title_zh,
           const char *expected_code)
{
  g_autofree char *contents = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GObject) document_object = NULL;
  PopplerDocument *document;
  g_autoptr(GObject) page_object = NULL;
  PopplerPage *page;
  g_autofree char *text = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  gsize len;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  g_assert_cmpstr (actual, ==, sha256);

  document = poppler_document_new_from_file (uri, NULL, &error);
  document_object = G_OBJECT (document);
  g_assert_no_error (error);
  page = poppler_document_get_page (document, 0);
  page_object = G_OBJECT (page);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, title_en));
  g_assert_nonnull (strstr (text, title_zh));
  g_assert_nonnull (strstr (text, "310115202412010001"));
  g_assert_nonnull (strstr (text, "Keller"));
  g_assert_nonnull (strstr (text, "凯安娜"));
  code = read_qr (page);
  g_assert_cmpstr (code, ==, expected_code);
}

static char *
download (PdPortalClient   *client,
          const char       *case_id,
          PdPortalDocument  which,
          const char       *path,
          GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_download_document_async, client,
                                                case_id, which, file, NULL);

  return pd_portal_client_download_document_finish (client, result, error);
}

static void
test_notice_and_decision_carry_the_signed_code (void)
{
  InProcess *p = in_process_start ();
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (p->url, "applicant", "applicant-demo");
  g_autofree char *notice = g_build_filename (pd_core_get_data_dir (), "notice.pdf", NULL);
  g_autofree char *decision = g_build_filename (pd_core_get_data_dir (), "decision.pdf", NULL);
  g_autofree char *notice_sha = NULL;
  g_autofree char *decision_sha = NULL;
  g_autofree char *code = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *signed_data;

  g_assert_true (pd_core_ensure_data_dir (NULL));
  notice_sha = download (client, "case-0001", PD_PORTAL_DOCUMENT_NOTICE, notice, &error);
  g_assert_no_error (error);
  code = g_strdup (p->last_code);
  check_pdf (notice, notice_sha, "Notification Letter of Work Permit", "外国人工作许可通知", code);

  /* The signer got the case with its permit, person and employer. */
  g_assert_true (json_parser_load_from_data (parser, p->last_case_json, -1, NULL));
  signed_data = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (signed_data, "permit"), "number"),
                   ==, "310115202412010001");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (signed_data, "person"), "family_name"),
                   ==, "Keller");

  decision_sha = download (client, "case-0001", PD_PORTAL_DOCUMENT_DECISION, decision, &error);
  g_assert_no_error (error);
  check_pdf (decision, decision_sha, "Notification of Decision on Administrative Authorization",
             "准予行政许可决定书", p->last_code);

  g_clear_object (&client);
  in_process_stop (p);
}

static void
test_trust_list_is_signed_and_complete (void)
{
  InProcess *p = in_process_start ();
  g_autoptr(PdPortalClient) client = pd_test_client_new (p->url);
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_fetch_trust_list_async, client, NULL);
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  data = pd_portal_client_fetch_trust_list_finish (client, result, &payload, &signature, &error);
  g_assert_no_error (error);
  expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, payload);
  g_assert_cmpstr (signature, ==, expected);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data, "certificates")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data, "crls")), ==, 1);
  g_assert_true (json_object_has_member (data, "issued_at"));

  g_clear_object (&client);
  in_process_stop (p);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = pd_test_make_tmpdir ("pd-portal-docs-XXXXXX");
  int ret;

  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/portal/notice-and-decision-carry-the-signed-code",
                   test_notice_and_decision_carry_the_signed_code);
  g_test_add_func ("/portal/trust-list-is-signed-and-complete", test_trust_list_is_signed_and_complete);
  ret = g_test_run ();
  pd_test_rm_rf (data_dir);
  return ret;
}
