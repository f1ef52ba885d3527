/* pd-problem.h: portal errors and the RFC 9457 problem types of docs/portal-api.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PD_PORTAL_ERROR (pd_portal_error_quark ())

typedef enum {
  PD_PORTAL_ERROR_UNREACHABLE,
  PD_PORTAL_ERROR_TIMEOUT,
  PD_PORTAL_ERROR_UNAUTHORIZED,
  PD_PORTAL_ERROR_FORBIDDEN,
  PD_PORTAL_ERROR_NOT_FOUND,
  PD_PORTAL_ERROR_CONFLICT,
  PD_PORTAL_ERROR_REJECTED,
  PD_PORTAL_ERROR_INVALID_RESPONSE,
  PD_PORTAL_ERROR_SERVER,
  PD_PORTAL_ERROR_TLS,
  PD_PORTAL_ERROR_NOT_SIGNED_IN,
} PdPortalError;

/* Stable problem `type` URIs; the server sends them, the client matches on them. */
#define PD_PROBLEM_BASE                   "https://permitdesk.example.org/problems/"
#define PD_PROBLEM_BAD_REQUEST            PD_PROBLEM_BASE "bad-request"
#define PD_PROBLEM_INVALID_JSON           PD_PROBLEM_BASE "invalid-json"
#define PD_PROBLEM_INVALID_FIELD          PD_PROBLEM_BASE "invalid-field"
#define PD_PROBLEM_UNAUTHORIZED           PD_PROBLEM_BASE "unauthorized"
#define PD_PROBLEM_TOKEN_EXPIRED          PD_PROBLEM_BASE "token-expired"
#define PD_PROBLEM_INVALID_CREDENTIALS    PD_PROBLEM_BASE "invalid-credentials"
#define PD_PROBLEM_FORBIDDEN              PD_PROBLEM_BASE "forbidden"
#define PD_PROBLEM_NOT_FOUND              PD_PROBLEM_BASE "not-found"
#define PD_PROBLEM_METHOD_NOT_ALLOWED     PD_PROBLEM_BASE "method-not-allowed"
#define PD_PROBLEM_INVALID_TRANSITION     PD_PROBLEM_BASE "invalid-transition"
#define PD_PROBLEM_DOCUMENT_UNAVAILABLE   PD_PROBLEM_BASE "document-unavailable"
#define PD_PROBLEM_VERSION_MISMATCH       PD_PROBLEM_BASE "version-mismatch"
#define PD_PROBLEM_PRECONDITION_REQUIRED  PD_PROBLEM_BASE "precondition-required"
#define PD_PROBLEM_LENGTH_REQUIRED        PD_PROBLEM_BASE "length-required"
#define PD_PROBLEM_TOO_LARGE              PD_PROBLEM_BASE "too-large"
#define PD_PROBLEM_UNSUPPORTED_MEDIA_TYPE PD_PROBLEM_BASE "unsupported-media-type"
#define PD_PROBLEM_CHECKSUM_MISMATCH      PD_PROBLEM_BASE "checksum-mismatch"
#define PD_PROBLEM_IDEMPOTENCY_KEY_REUSED PD_PROBLEM_BASE "idempotency-key-reused"
#define PD_PROBLEM_TOO_MANY_ATTEMPTS      PD_PROBLEM_BASE "too-many-attempts"
#define PD_PROBLEM_SIGNER_UNAVAILABLE     PD_PROBLEM_BASE "signer-unavailable"
#define PD_PROBLEM_INTERNAL               PD_PROBLEM_BASE "internal"

typedef struct {
  char       *type;
  char       *title;
  char       *detail;
  guint       status;
  JsonObject *object;   /* the whole problem, for extension members */
} PdProblem;

GQuark     pd_portal_error_quark   (void);

PdProblem *pd_problem_parse        (JsonNode     *node,
                                    guint         http_status);
void       pd_problem_free         (PdProblem    *problem);
gboolean   pd_problem_is           (PdProblem    *problem,
                                    const char   *type);
GError    *pd_problem_to_error     (PdProblem    *problem,
                                    guint         http_status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdProblem, pd_problem_free)

G_END_DECLS
