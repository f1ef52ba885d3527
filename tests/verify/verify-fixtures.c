/* verify-fixtures.c: real keys, a CA, signers and a CRL for the verify tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "pd-test-util.h"
#include "verify-fixtures.h"

static GDateTime *
utc (int year,
     int month,
     int day)
{
  return g_date_time_new_utc (year, month, day, 0, 0, 0);
}

static void
make_signer (PdFixtureIdentity *identity,
             PdFixtureIdentity *ca,
             const char        *name,
             guint64            serial,
             unsigned int       usage,
             const char        *purpose,
             GDateTime         *not_before,
             GDateTime         *not_after)
{
  g_autoptr(GError) error = NULL;

  identity->key = pd_pki_generate_key (&error);
  g_assert_no_error (error);
  identity->crt = pd_pki_make_signer (identity->key, name, serial, usage, purpose, ca->crt, ca->key,
                                      not_before, not_after, &error);
  g_assert_no_error (error);
}

static void
make_ca (PdFixtureIdentity *identity,
         const char        *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = utc (2020, 1, 1);
  g_autoptr(GDateTime) to = utc (2040, 1, 1);

  identity->key = pd_pki_generate_key (&error);
  g_assert_no_error (error);
  identity->crt = pd_pki_make_ca (identity->key, name, from, to, &error);
  g_assert_no_error (error);
}

static void
write_pem (const char *dir,
           const char *name,
           const char *pem)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, pem, -1, &error);
  g_assert_no_error (error);
}

PdFixtures *
pd_fixtures_new (void)
{
  PdFixtures *f = g_new0 (PdFixtures, 1);
  g_autoptr(GDateTime) from = utc (2024, 1, 1);
  g_autoptr(GDateTime) to = utc (2030, 1, 1);
  g_autoptr(GDateTime) expired_to = utc (2025, 1, 1);
  g_autoptr(GDateTime) next_update = NULL;
  g_auto(gnutls_x509_crl_t) crl = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca_pem = NULL;
  g_autofree char *crl_pem = NULL;

  f->now = g_date_time_new_utc (2025, 6, 1, 12, 0, 0);
  f->crl_time = g_date_time_add_hours (f->now, -1);
  next_update = g_date_time_add_days (f->crl_time, 7);

  make_ca (&f->ca, "Test Country Signing CA");
  make_ca (&f->other_ca, "Untrusted CA");
  make_signer (&f->signer, &f->ca, "Test Signer 1", 10, GNUTLS_KEY_DIGITAL_SIGNATURE, NULL, from, to);
  make_signer (&f->second, &f->ca, "Test Signer 2", 11, GNUTLS_KEY_DIGITAL_SIGNATURE, NULL, from, to);
  make_signer (&f->revoked, &f->ca, "Revoked Signer", 12, GNUTLS_KEY_DIGITAL_SIGNATURE, NULL, from, to);
  make_signer (&f->expired, &f->ca, "Expired Signer", 13, GNUTLS_KEY_DIGITAL_SIGNATURE, NULL, from, expired_to);
  make_signer (&f->no_usage, &f->ca, "Wrong Usage", 14, GNUTLS_KEY_KEY_CERT_SIGN, NULL, from, to);
  make_signer (&f->list_signer, &f->ca, "List Signer", 15, GNUTLS_KEY_DIGITAL_SIGNATURE,
               PD_PKI_PURPOSE_LIST_SIGNING, from, to);
  make_signer (&f->stranger, &f->other_ca, "Stranger", 10, GNUTLS_KEY_DIGITAL_SIGNATURE, NULL, from, to);

  crl = pd_pki_make_crl (f->ca.crt, f->ca.key, &f->revoked.crt, 1, f->crl_time, next_update, &error);
  g_assert_no_error (error);

  f->trust_dir = pd_test_make_tmpdir ("pd-verify-trust-XXXXXX");
  ca_pem = pd_pki_crt_to_pem (f->ca.crt);
  crl_pem = pd_pki_crl_to_pem (crl);
  write_pem (f->trust_dir, "ca.pem", ca_pem);
  write_pem (f->trust_dir, "crl.pem", crl_pem);
  return f;
}

static void
clear_identity (PdFixtureIdentity *identity)
{
  g_clear_pointer (&identity->key, gnutls_x509_privkey_deinit);
  g_clear_pointer (&identity->crt, gnutls_x509_crt_deinit);
}

void
pd_fixtures_free (PdFixtures *f)
{
  pd_test_rm_rf (f->trust_dir);
  g_free (f->trust_dir);
  g_date_time_unref (f->now);
  g_date_time_unref (f->crl_time);
  clear_identity (&f->ca);
  clear_identity (&f->signer);
  clear_identity (&f->second);
  clear_identity (&f->revoked);
  clear_identity (&f->expired);
  clear_identity (&f->no_usage);
  clear_identity (&f->list_signer);
  clear_identity (&f->other_ca);
  clear_identity (&f->stranger);
  g_free (f);
}

PdTrustStore *
pd_fixtures_trust_store (PdFixtures *f)
{
  g_autoptr(PdTrustStore) store = pd_trust_store_new ();
  g_autoptr(GError) error = NULL;

  pd_trust_store_load_directory (store, f->trust_dir, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

JsonNode *
pd_fixtures_data (const char *valid_from,
                  const char *valid_until)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = g_strdup_printf (
    "{\"hdr\":{\"t\":\"WP\",\"v\":1,\"is\":\"CHN\"},"
    "\"msg\":{\"no\":\"110000202500012345\",\"name_zh\":\"李明\",\"name_latin\":\"LI MING\","
    "\"nationality\":\"SGP\",\"dob\":\"1990-04-12\",\"employer\":\"北京示例科技有限公司\","
    "\"category\":\"B\",\"valid_from\":\"%s\",\"valid_until\":\"%s\",\"issued\":\"2024-12-20\"}}",
    valid_from, valid_until);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

char *
pd_fixtures_sign (PdFixtureIdentity *identity,
                  JsonNode          *data)
{
  g_auto(gnutls_privkey_t) key = NULL;
  g_autoptr(GError) error = NULL;
  char *code;

  key = pd_pki_privkey_from_x509 (identity->key, &error);
  g_assert_no_error (error);
  code = pd_permit_code_sign (data, key, identity->crt, &error);
  g_assert_no_error (error);
  return code;
}

char *
pd_fixtures_valid_code (PdFixtures *f)
{
  g_autoptr(JsonNode) data = pd_fixtures_data ("2025-01-01", "2026-12-31");

  return pd_fixtures_sign (&f->signer, data);
}
