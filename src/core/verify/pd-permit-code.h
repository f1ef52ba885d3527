/* pd-permit-code.h: the signed permit code (VDS-NC style JSON), parsing, signing, checking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

#define PD_CODE_ERROR (pd_code_error_quark ())

typedef enum {
  PD_CODE_ERROR_TOO_LARGE,
  PD_CODE_ERROR_NOT_JSON,
  PD_CODE_ERROR_MALFORMED,
  PD_CODE_ERROR_INVALID_FIELD,
  PD_CODE_ERROR_UNSUPPORTED_VERSION,
  PD_CODE_ERROR_UNSUPPORTED_ALGORITHM,
  PD_CODE_ERROR_BAD_CERTIFICATE,
  PD_CODE_ERROR_BAD_SIGNATURE,
  PD_CODE_ERROR_BAD_KEY,
} PdCodeError;

/* A QR code holds at most 2953 bytes; anything much larger was not read from one. */
#define PD_PERMIT_CODE_MAX_SIZE 4096

#define PD_TYPE_PERMIT_CODE (pd_permit_code_get_type ())
G_DECLARE_FINAL_TYPE (PdPermitCode, pd_permit_code, PD, PERMIT_CODE, GObject)

GQuark             pd_code_error_quark              (void);

PdPermitCode      *pd_permit_code_parse             (const char        *text,
                                                     gsize              len,
                                                     GError           **error);
gboolean           pd_permit_code_validate_data     (JsonNode          *data,
                                                     GError           **error);
char              *pd_permit_code_sign              (JsonNode          *data,
                                                     gnutls_privkey_t   key,
                                                     gnutls_x509_crt_t  signer,
                                                     GError           **error);
gboolean           pd_permit_code_verify_signature  (PdPermitCode      *self,
                                                     GError           **error);

const char        *pd_permit_code_get_number        (PdPermitCode      *self);
const char        *pd_permit_code_get_name_zh       (PdPermitCode      *self);
const char        *pd_permit_code_get_name_latin    (PdPermitCode      *self);
const char        *pd_permit_code_get_nationality   (PdPermitCode      *self);
const char        *pd_permit_code_get_date_of_birth (PdPermitCode      *self);
const char        *pd_permit_code_get_employer      (PdPermitCode      *self);
const char        *pd_permit_code_get_category      (PdPermitCode      *self);
const char        *pd_permit_code_get_valid_from    (PdPermitCode      *self);
const char        *pd_permit_code_get_valid_until   (PdPermitCode      *self);
const char        *pd_permit_code_get_issued        (PdPermitCode      *self);
GDateTime         *pd_permit_code_get_valid_since   (PdPermitCode      *self);
GDateTime         *pd_permit_code_get_valid_before  (PdPermitCode      *self);
const char        *pd_permit_code_get_doc_type      (PdPermitCode      *self);
int                pd_permit_code_get_version       (PdPermitCode      *self);
const char        *pd_permit_code_get_issuing_state (PdPermitCode      *self);
const char        *pd_permit_code_get_algorithm     (PdPermitCode      *self);
gnutls_x509_crt_t  pd_permit_code_get_signer        (PdPermitCode      *self);
GBytes            *pd_permit_code_get_signer_der    (PdPermitCode      *self);
GBytes            *pd_permit_code_get_signature     (PdPermitCode      *self);
JsonNode          *pd_permit_code_get_data          (PdPermitCode      *self);

G_END_DECLS
