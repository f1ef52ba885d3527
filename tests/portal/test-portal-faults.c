/* test-portal-faults.c: a slow, failing, lying, restarted or hostile peer — the client
 * reports each clearly, and the portal survives hostile requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "pd-core.h"
#include "pd-portal-test.h"
#include "pd-test-util.h"

static GPtrArray *
list_cases (PdPortalClient  *client,
            GError         **error)
{
  return pd_test_list (client, PD_PORTAL_KIND_CASE, NULL, 0, NULL, error);
}

static void
test_slow_portal_times_out (void)
{
  const char *args[] = { "--faults", "delay:3000:/api/v1/cases", NULL };
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (args);
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) employers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  pd_portal_client_set_timeout (client, 1);
  cases = list_cases (client, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2500 * 1000);
  g_clear_error (&error);

  employers = pd_test_list (client, PD_PORTAL_KIND_EMPLOYER, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employers->len, ==, 1);
}

static void
test_server_error_is_reported (void)
{
  const char *args[] = { "--faults", "status500:/api/v1/cases", NULL };
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (args);
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  cases = list_cases (client, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "Try again"));
}

static void
test_bad_json_is_an_invalid_response (gconstpointer data)
{
  g_autofree char *spec = g_strdup_printf ("%s:/api/v1/cases", (const char *) data);
  const char *args[] = { "--faults", spec, NULL };
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (args);
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(JsonObject) one = NULL;
  g_autoptr(GError) error = NULL;

  cases = list_cases (client, &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_INVALID_RESPONSE);
  g_assert_null (cases);
  g_clear_error (&error);
  one = pd_test_get_case (client, "case-0001", &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_INVALID_RESPONSE);
  g_assert_null (one);
}

static void
test_unreachable_portal (void)
{
  g_autoptr(PdPortalClient) client = pd_test_client_new ("http://127.0.0.1:1");
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_sign_in_async, client, "hr", "hr-demo", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (pd_portal_client_sign_in_finish (client, result, &error));
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNREACHABLE);
}

static void
test_portal_killed_and_restarted (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autoptr(PdPortalClient) client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) patched = NULL;
  g_autoptr(JsonObject) during = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (fields, "notes", "written before the crash");
  result = PD_TEST_RUN (pd_portal_client_update_async, client, PD_PORTAL_KIND_CASE, "case-0005", 1,
                        fields, FALSE, NULL);
  patched = pd_portal_client_update_finish (client, result, NULL, &error);
  g_assert_no_error (error);

  pd_test_portal_kill (portal);
  during = pd_test_get_case (client, "case-0005", &error);
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_UNREACHABLE);
  g_clear_error (&error);

  pd_test_portal_restart (portal);
  after = pd_test_get_case (client, "case-0005", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (after, "version"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (after, "notes"), ==, "written before the crash");
}

/* ---- TLS with a CA made for the test ------------------------------------------- */

static void
write_pem (const char *path,
           int         rc,
           gnutls_datum_t *datum)
{
  g_assert_cmpint (rc, ==, 0);
  g_assert_true (g_file_set_contents (path, (const char *) datum->data, datum->size, NULL));
  gnutls_free (datum->data);
}

static gnutls_x509_privkey_t
new_key (void)
{
  gnutls_x509_privkey_t key;

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                                 GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0), ==, 0);
  return key;
}

static gnutls_x509_crt_t
new_cert (const char            *cn,
          gnutls_x509_privkey_t  key,
          guint8                 serial)
{
  gnutls_x509_crt_t crt;
  time_t now = time (NULL);

  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  gnutls_x509_crt_set_version (crt, 3);
  gnutls_x509_crt_set_serial (crt, &serial, 1);
  gnutls_x509_crt_set_activation_time (crt, now - 3600);
  gnutls_x509_crt_set_expiration_time (crt, now + 86400);
  gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, cn, strlen (cn));
  gnutls_x509_crt_set_key (crt, key);
  return crt;
}

/* Writes ca.pem, server.pem and server.key into @dir: a CA and a certificate it signed
 * for 127.0.0.1. */
static void
make_certificates (const char *dir)
{
  gnutls_x509_privkey_t ca_key = new_key (), key = new_key ();
  gnutls_x509_crt_t ca = new_cert ("PermitDesk Test CA", ca_key, 1);
  gnutls_x509_crt_t crt = new_cert ("127.0.0.1", key, 2);
  guint8 loopback[4] = { 127, 0, 0, 1 };
  g_autofree char *ca_path = g_build_filename (dir, "ca.pem", NULL);
  g_autofree char *crt_path = g_build_filename (dir, "server.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "server.key", NULL);
  gnutls_datum_t out;

  gnutls_x509_crt_set_basic_constraints (ca, 1, -1);
  gnutls_x509_crt_set_key_usage (ca, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN);
  g_assert_cmpint (gnutls_x509_crt_sign2 (ca, ca, ca_key, GNUTLS_DIG_SHA256, 0), ==, 0);

  gnutls_x509_crt_set_basic_constraints (crt, 0, -1);
  gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE);
  gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0);
  gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, loopback, 4, GNUTLS_FSAN_SET);
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, ca, ca_key, GNUTLS_DIG_SHA256, 0), ==, 0);

  write_pem (ca_path, gnutls_x509_crt_export2 (ca, GNUTLS_X509_FMT_PEM, &out), &out);
  write_pem (crt_path, gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &out), &out);
  write_pem (key_path, gnutls_x509_privkey_export2 (key, GNUTLS_X509_FMT_PEM, &out), &out);
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_privkey_deinit (ca_key);
  gnutls_x509_privkey_deinit (key);
}

static gboolean
try_sign_in (PdPortalClient  *client,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = PD_TEST_RUN (pd_portal_client_sign_in_async, client, "hr", "hr-demo", NULL);

  return pd_portal_client_sign_in_finish (client, result, error);
}

static void
test_tls_trusts_only_the_configured_ca (void)
{
  g_autofree char *dir = pd_test_make_tmpdir ("pd-tls-XXXXXX");
  g_autofree char *ca = g_build_filename (dir, "ca.pem", NULL);
  g_autofree char *crt = g_build_filename (dir, "server.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "server.key", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.pem", NULL);
  g_autoptr(PdTestPortal) portal = NULL;
  g_autoptr(PdPortalClient) client = NULL;
  g_autoptr(GError) error = NULL;

  make_certificates (dir);
  {
    const char *args[] = { "--tls-cert", crt, "--tls-key", key, NULL };

    portal = pd_test_portal_start (args);
  }
  g_assert_true (g_str_has_prefix (portal->url, "https://"));
  client = pd_test_client_new (portal->url);

  g_assert_false (try_sign_in (client, &error));
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_TLS);
  g_clear_error (&error);

  pd_portal_client_set_tls_ca_file (client, missing);
  g_assert_false (try_sign_in (client, &error));
  g_assert_error (error, PD_PORTAL_ERROR, PD_PORTAL_ERROR_TLS);
  g_clear_error (&error);

  pd_portal_client_set_tls_ca_file (client, ca);
  g_assert_true (try_sign_in (client, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pd_portal_client_get_role (client), ==, "hr");
  pd_test_rm_rf (dir);
}

/* ---- hostile requests ---------------------------------------------------------- */

typedef struct {
  guint       status;
  JsonObject *problem;
} RawReply;

/* Sends @request verbatim over TCP and reads the reply to the end. */
static RawReply
raw_request (const char *url,
             const char *request,
             gsize       len)
{
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GByteArray) reply = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  RawReply out = { 0, NULL };
  const char *body;
  guint8 buffer[4096];
  gssize got;

  /* A portal that waits for a body that never comes fails the test, it does not hang it. */
  g_socket_client_set_timeout (socket_client, 10);
  connection = g_socket_client_connect_to_uri (socket_client, url, 80, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, len, NULL, NULL, &error);
  g_assert_no_error (error);
  while ((got = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                     buffer, sizeof buffer, NULL, NULL)) > 0)
    g_byte_array_append (reply, buffer, (guint) got);
  g_byte_array_append (reply, (const guint8 *) "", 1);
  g_assert_true (sscanf ((const char *) reply->data, "HTTP/1.1 %u", &out.status) == 1);
  g_assert_nonnull (strstr ((const char *) reply->data, "Content-Type: application/problem+json"));
  body = strstr ((const char *) reply->data, "\r\n\r\n");
  g_assert_nonnull (body);
  g_assert_true (json_parser_load_from_data (parser, body + 4, -1, NULL));
  out.problem = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return out;
}

static void
assert_problem (const char *url,
                const char *request,
                gsize       len,
                guint       status,
                const char *type)
{
  RawReply reply = raw_request (url, request, len);

  g_assert_cmpuint (reply.status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (reply.problem, "type"), ==, type);
  g_assert_cmpint (json_object_get_int_member (reply.problem, "status"), ==, status);
  g_assert_nonnull (json_object_get_string_member (reply.problem, "title"));
  json_object_unref (reply.problem);
}

static char *
request_text (const char *method,
              const char *path,
              const char *token,
              const char *content_type,
              const char *body,
              const char *extra)
{
  return g_strdup_printf ("%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                          "Authorization: Bearer %s\r\nContent-Type: %s\r\n%s"
                          "Content-Length: %zu\r\n\r\n%s",
                          method, path, token, content_type, extra != NULL ? extra : "",
                          strlen (body), body);
}

static void
expect (const char *url,
        const char *method,
        const char *path,
        const char *token,
        const char *content_type,
        const char *body,
        const char *extra,
        guint       status,
        const char *type)
{
  g_autofree char *text = request_text (method, path, token, content_type, body, extra);

  assert_problem (url, text, strlen (text), status, type);
}

static char *
token_for_hr (PdTestPortal *portal)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = g_strconcat (portal->url, "/api/v1/session", NULL);
  static const char credentials[] = "{\"user\":\"hr\",\"password\":\"hr-demo\"}";
  g_autoptr(GBytes) body = g_bytes_new_static (credentials, sizeof credentials - 1);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  message = soup_message_new ("POST", url);
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  reply = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                             (gssize) g_bytes_get_size (reply), NULL));
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "token"));
}

static void
test_portal_survives_hostile_requests (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autofree char *token = token_for_hr (portal);
  g_autofree char *deep = NULL;
  g_autofree char *long_token = g_strnfill (5000, 'A');
  g_autoptr(PdPortalClient) still = NULL;
  const char *u = portal->url;
  const char *json = "application/json";
  static const char huge[] = "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             "Content-Length: 1000000000\r\n\r\n{";
  static const char chunked[] = "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n";
  static const char bad_utf8[] = "{\"kind\": \"\xff\xfe\"}";

  assert_problem (u, huge, sizeof huge - 1, 413, PD_PROBLEM_TOO_LARGE);
  assert_problem (u, chunked, sizeof chunked - 1, 411, PD_PROBLEM_LENGTH_REQUIRED);
  expect (u, "POST", "/api/v1/cases", token, json, "{not json", NULL, 400, PD_PROBLEM_INVALID_JSON);
  expect (u, "POST", "/api/v1/cases", token, json, bad_utf8, NULL, 400, PD_PROBLEM_INVALID_JSON);
  expect (u, "POST", "/api/v1/cases", token, json, "[1,2]", NULL, 400, PD_PROBLEM_INVALID_JSON);
  expect (u, "POST", "/api/v1/cases", token, json,
          "{\"employer_id\": 5, \"person_id\": true, \"kind\": [], \"category\": {}, \"city\": null}",
          NULL, 422, PD_PROBLEM_INVALID_FIELD);
  expect (u, "POST", "/api/v1/cases", token, json,
          "{\"employer_id\": \"emp-shanghai-orbit\", \"person_id\": \"per-anna-keller\", \"kind\": \"new-permit\","
          " \"category\": \"z\", \"city\": \"Shanghai\"}", NULL, 422, PD_PROBLEM_INVALID_FIELD);
  deep = g_strnfill (20000, '[');
  expect (u, "POST", "/api/v1/cases", token, json, deep, NULL, 400, PD_PROBLEM_INVALID_JSON);
  expect (u, "POST", "/api/v1/cases", token, "text/plain", "{}", NULL, 415, PD_PROBLEM_UNSUPPORTED_MEDIA_TYPE);
  expect (u, "PATCH", "/api/v1/cases/case-0005", token, json, "{\"notes\":\"x\"}", NULL, 428,
          PD_PROBLEM_PRECONDITION_REQUIRED);
  expect (u, "PATCH", "/api/v1/cases/case-0005", token, json, "{\"notes\":\"x\"}", "If-Match: '; DROP\r\n",
          400, PD_PROBLEM_BAD_REQUEST);
  expect (u, "GET", "/api/v1/cases?page_token=%27%3BDROP%20TABLE", token, json, "", NULL, 400, PD_PROBLEM_BAD_REQUEST);
  expect (u, "GET", "/api/v1/cases?page_size=0", token, json, "", NULL, 400, PD_PROBLEM_BAD_REQUEST);
  expect (u, "GET", "/api/v1/cases?updated_since=1%20OR%201=1", token, json, "", NULL, 400, PD_PROBLEM_BAD_REQUEST);
  expect (u, "GET", "/api/v1/cases/../../../etc/passwd", token, json, "", NULL, 404, PD_PROBLEM_NOT_FOUND);
  expect (u, "GET", "/etc/passwd", token, json, "", NULL, 404, PD_PROBLEM_NOT_FOUND);
  expect (u, "DELETE", "/api/v1/cases/case-0005", token, json, "", NULL, 405, PD_PROBLEM_METHOD_NOT_ALLOWED);
  expect (u, "GET", "/api/v1/cases", long_token, json, "", NULL, 401, PD_PROBLEM_UNAUTHORIZED);
  expect (u, "POST", "/api/v1/session", "", json, "{\"user\": 1, \"password\": null}", NULL, 422,
          PD_PROBLEM_INVALID_FIELD);
  expect (u, "POST", "/api/v1/verify", token, json, "{\"token\":\"PDT1.x\"}", NULL, 403, PD_PROBLEM_FORBIDDEN);

  /* Still alive and still right. */
  still = pd_test_client_signed_in (u, "hr", "hr-demo");
  g_assert_cmpstr (pd_portal_client_get_role (still), ==, "hr");
}

/* Nothing outside /api/v1 takes a body: a huge one is refused before it is read. */
static void
test_body_outside_api_is_refused_unread (void)
{
  g_autoptr(PdTestPortal) portal = pd_test_portal_start (NULL);
  g_autoptr(PdPortalClient) still = NULL;
  static const char huge[] = "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             "Content-Length: 1000000000\r\n\r\n{";
  static const char chunked[] = "PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                "5\r\nhello\r\n";

  assert_problem (portal->url, huge, sizeof huge - 1, 404, PD_PROBLEM_NOT_FOUND);
  assert_problem (portal->url, chunked, sizeof chunked - 1, 404, PD_PROBLEM_NOT_FOUND);

  still = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  g_assert_cmpstr (pd_portal_client_get_role (still), ==, "hr");
}

/* Faults come only from --faults: a variable inherited by a deployed portal does nothing. */
static void
test_faults_environment_is_ignored (void)
{
  g_autoptr(PdTestPortal) portal = NULL;
  g_autoptr(PdPortalClient) client = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("PERMITDESK_PORTAL_FAULTS", "status500", TRUE);
  portal = pd_test_portal_start (NULL);
  g_unsetenv ("PERMITDESK_PORTAL_FAULTS");
  client = pd_test_client_signed_in (portal->url, "hr", "hr-demo");
  cases = list_cases (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = pd_test_make_tmpdir ("pd-portal-faults-XXXXXX");
  int ret;

  g_setenv ("PERMITDESK_DATA_DIR", data_dir, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/portal/slow-portal-times-out", test_slow_portal_times_out);
  g_test_add_func ("/portal/server-error-is-reported", test_server_error_is_reported);
  g_test_add_data_func ("/portal/truncated-json-is-an-invalid-response", "truncate", test_bad_json_is_an_invalid_response);
  g_test_add_data_func ("/portal/garbage-is-an-invalid-response", "garbage", test_bad_json_is_an_invalid_response);
  g_test_add_data_func ("/portal/oversized-json-is-an-invalid-response", "oversized", test_bad_json_is_an_invalid_response);
  g_test_add_data_func ("/portal/wrongly-typed-json-is-an-invalid-response", "wrongtype", test_bad_json_is_an_invalid_response);
  g_test_add_func ("/portal/unreachable-portal", test_unreachable_portal);
  g_test_add_func ("/portal/portal-killed-and-restarted", test_portal_killed_and_restarted);
  g_test_add_func ("/portal/tls-trusts-only-the-configured-ca", test_tls_trusts_only_the_configured_ca);
  g_test_add_func ("/portal/portal-survives-hostile-requests", test_portal_survives_hostile_requests);
  g_test_add_func ("/portal/body-outside-api-is-refused-unread", test_body_outside_api_is_refused_unread);
  g_test_add_func ("/portal/faults-environment-is-ignored", test_faults_environment_is_ignored);

  ret = g_test_run ();
  pd_test_rm_rf (data_dir);
  return ret;
}
